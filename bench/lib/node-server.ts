import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (!address || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  rssMb(): Promise<number>;
  close(): Promise<void>;
}

/** `node dist/server.js` — the compiled server `npm start` runs — as its own process. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'dist/server.js'], {
    env: { ...process.env, OPENSMH_PORT: String(port), OPENSMH_HOST: '127.0.0.1', OPENSMH_ADMIN_KEY: BENCH_ADMIN_KEY, OPENSMH_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}`);
    }
    if (await fetch(`${url}/`).then(() => true, () => false)) {
      break;
    }
    if (attempt > 600) {
      throw new Error('server did not start');
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    pid: child.pid as number,
    rssMb: async () => rssMb(child.pid as number),
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
