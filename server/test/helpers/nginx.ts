import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.js';

/** Debian's nginx (nginx-light), or null when it is not installed. */
export function nginxBinary(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    if (existsSync(candidate)) {
      return candidate;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() !== '' ? which.stdout.trim() : null;
}

export interface NginxProxy {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * nginx in the foreground with a throwaway config on a random loopback port, proxying to
 * `upstream` and serving `internalPrefix` (X-Accel-Redirect targets) from `blobFolder` — the
 * configuration docs/deploy-nginx.md gives operators. One process (`master_process off`), so it
 * runs as whoever runs the tests and never switches user.
 */
export async function startNginx(binary: string, options: { upstream: string; internalPrefix: string; blobFolder: string }): Promise<NginxProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'opensmh-nginx-'));
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`).join('\n');
  const config = `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
${temp}
  default_type application/octet-stream;
  sendfile on;
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 0;
    location / {
      proxy_pass ${options.upstream};
      proxy_set_header Host $http_host;
      proxy_request_buffering off;
      proxy_buffering off;
    }
    location ${options.internalPrefix} {
      internal;
      alias ${options.blobFolder}/;
      etag off;
      add_header ETag $upstream_http_etag always;
    }
  }
}
`;
  const file = join(dir, 'nginx.conf');
  await writeFile(file, config);
  const child = spawn(binary, ['-e', join(dir, 'startup.log'), '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) {
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx exited with ${child.exitCode}: ${stderr}${log}`);
    }
    const up = await fetch(`${url}/`).then(() => true, () => false);
    if (up) {
      break;
    }
    if (attempt > 100) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${stderr}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    url,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
