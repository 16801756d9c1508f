import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server/test/helpers/server-process.js';
import { run } from '../../src/cli.js';

export { freePort };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const START_TIMEOUT_MS = 30_000;

/** The parent's environment minus anything that would make the children ignore the test's own settings. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.OPENSMH_ADMIN_KEY;
  delete env.OPENSMH_URL;
  return env;
}

export interface ServerProcess {
  readonly url: string;
  /** OPENSMH_PORT and OPENSMH_DATA_DIR, for the CLI to find the server the way a user's shell would */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(url)).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

async function waitUntilReady(child: ChildProcess, adminKeyFile: string, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    }
    if (existsSync(adminKeyFile) && (await answers(url))) {
      return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/** Starts `node --import tsx server/src/main.ts` as a user would, on a free port and a fresh data folder. */
export async function startServerProcess(): Promise<ServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'opensmh-cli-'));
  const port = await freePort();
  const env = { OPENSMH_PORT: String(port), OPENSMH_DATA_DIR: dataDir };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: childEnv({ ...env, OPENSMH_HOST: '127.0.0.1', OPENSMH_LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      // SIGTERM runs the server's graceful shutdown; SIGKILL only if that hangs.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, join(dataDir, 'admin-key'), url, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, env, stop };
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node cli/bin/opensmh.mjs …` from the project root. */
export async function runCli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [join(ROOT, 'cli/bin/opensmh.mjs'), ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Runs a command line in this process through the same `run()` the binary uses. Spawning a
 * process per command costs a second of TypeScript start-up each, so only the tests about the
 * binary itself spawn it.
 */
export async function runCliInProcess(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    env: childEnv(env),
    cwd: ROOT,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}
