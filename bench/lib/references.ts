import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './node-server.js';

const run = promisify(execFile);

/** Seconds curl needs to GET `url` (following redirects) into /dev/null. */
export async function curlGet(url: string): Promise<number> {
  const { stdout } = await run('curl', ['-sS', '-L', '-o', '/dev/null', '-w', '%{time_total} %{http_code}', url], { maxBuffer: 1 << 20 });
  const [time, code] = stdout.trim().split(' ');
  if (code !== '200') {
    throw new Error(`GET ${url} answered ${code}`);
  }
  return Number(time);
}

/** Seconds curl needs to PUT `file` to `url` with `headers`. */
export async function curlPut(url: string, headers: Record<string, string>, file: string): Promise<number> {
  const args = ['-sS', '-o', '/dev/null', '-w', '%{time_total} %{http_code}', '-T', file, ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  const { stdout } = await run('curl', args, { maxBuffer: 1 << 20 });
  const [time, code] = stdout.trim().split(' ');
  if (code !== '200') {
    throw new Error(`PUT ${url} answered ${code}`);
  }
  return Number(time);
}

export async function md5sumSeconds(file: string): Promise<number> {
  const start = performance.now();
  await run('md5sum', [file]);
  return (performance.now() - start) / 1000;
}

/** dd with 1 MiB blocks and an fsync at the end: the disk's write speed for the same bytes. */
export async function ddFsyncSeconds(from: string, to: string): Promise<number> {
  const start = performance.now();
  await run('dd', [`if=${from}`, `of=${to}`, 'bs=1M', 'conv=fsync', 'status=none']);
  const elapsed = (performance.now() - start) / 1000;
  await rm(to, { force: true });
  return elapsed;
}

export interface Background {
  readonly url: string;
  close(): Promise<void>;
}

/** Debian's nginx: `static` serves `root` with sendfile; `proxy` fronts OpenSMH with X-Accel-Redirect to `blobs`. */
export async function startNginx(options: { root?: string; upstream?: string; blobs?: string }): Promise<Background> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-nginx-'));
  const port = await freePort();
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${join(dir, k)};`).join(' ');
  const locations = options.upstream
    ? `location / { proxy_pass ${options.upstream}; proxy_set_header Host $http_host; proxy_request_buffering off; proxy_buffering off; }
       location /_opensmh_blobs/ { internal; alias ${options.blobs}/; etag off; add_header ETag $upstream_http_etag always; }`
    : `location / { root ${options.root}; }`;
  const config = `daemon off; master_process off; worker_processes 1; pid ${join(dir, 'pid')}; error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http { access_log off; ${temps} sendfile on; tcp_nopush on; default_type application/octet-stream; client_max_body_size 0;
  server { listen 127.0.0.1:${port}; ${locations} } }`;
  await writeFile(join(dir, 'nginx.conf'), config);
  const child = spawn('/usr/sbin/nginx', ['-e', join(dir, 'startup.log'), '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(url).then(() => true, () => false)); i += 1) {
    if (i > 200 || child.exitCode !== null) {
      throw new Error('nginx did not start');
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    url,
    close: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A bare Node HTTP server streaming one file with 1 MiB reads: what Node alone can do. */
export async function startPlainNode(file: string): Promise<Background> {
  const port = await freePort();
  const code = `const http=require('http'),fs=require('fs');const size=fs.statSync(${JSON.stringify(file)}).size;
http.createServer((q,s)=>{s.writeHead(200,{'content-length':size});fs.createReadStream(${JSON.stringify(file)},{highWaterMark:1<<20}).pipe(s);}).listen(${port},'127.0.0.1',()=>console.log('up'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((done) => child.stdout?.once('data', done));
  return {
    url: `http://127.0.0.1:${port}/file`,
    close: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
