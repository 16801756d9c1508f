import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLibrary } from '../../server/test/helpers/smh-client.js';
import { startServer, type TestServer } from '../../server/test/helpers/start-server.js';
import { childEnv, type CliResult, ROOT, runCliInProcess } from './helpers/server-process.js';

function ok(result: CliResult): string {
  assert.equal(result.code, 0, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.stdout;
}

function jsonLines(result: CliResult): any[] {
  return ok(result).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** Runs the real binary inside a pseudo-terminal (util-linux `script`), as a user at a terminal would. */
async function runInTerminal(args: readonly string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; output: string }> {
  const quoted = ['node', join(ROOT, 'cli/bin/opensmh.mjs'), ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', quoted, '/dev/null'], { cwd, env: { ...childEnv(env), COLUMNS: '120' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, output };
}

describe('opensmh file commands against a real server', () => {
  let server: TestServer;
  let dir: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCliInProcess(args, env);

  before(async () => {
    server = await startServer();
    dir = await mkdtemp(join(tmpdir(), 'opensmh-cli-files-'));
    const library = await createLibrary(server, { UseRecycleBin: true });
    env = {
      // the CLI's default URL is http://127.0.0.1:$OPENSMH_PORT (childEnv drops OPENSMH_URL)
      OPENSMH_PORT: new URL(server.url).port,
      OPENSMH_LIBRARY_ID: library.libraryId,
      OPENSMH_LIBRARY_SECRET: library.librarySecret,
      OPENSMH_CONFIG: join(dir, 'config', 'config.json'),
    };
    await mkdir(join(dir, 'src', 'sub'), { recursive: true });
    await writeFile(join(dir, 'src', 'a.txt'), 'alpha\n');
    await writeFile(join(dir, 'src', 'sub', 'b.txt'), 'bravo\n');
    await writeFile(join(dir, 'src', 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 7));
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('put a folder, ls, get it back byte for byte', async () => {
    const put = jsonLines(await cli('put', join(dir, 'src'), 'backup', '--json'));
    assert.deepEqual(put.map((line) => line.remote).sort(), ['backup/a.txt', 'backup/big.bin', 'backup/sub/b.txt']);
    assert.ok(put.every((line) => line.action === 'upload' && /^\d+$/.test(line.crc64)));
    assert.deepEqual(ok(await cli('ls', 'backup')).split('\n').filter(Boolean), ['sub/', 'a.txt', 'big.bin']);
    assert.match(ok(await cli('ls', '-l', 'backup')), /file\s+3\.0 MiB\s+\S+\s+big\.bin/);
    ok(await cli('get', 'backup', join(dir, 'out')));
    assert.equal(await readFile(join(dir, 'out', 'sub', 'b.txt'), 'utf8'), 'bravo\n');
    assert.deepEqual(await readFile(join(dir, 'out', 'big.bin')), await readFile(join(dir, 'src', 'big.bin')));
  });

  it('sync uploads what differs by size and CRC-64; the second run transfers nothing', async () => {
    const first = jsonLines(await cli('sync', join(dir, 'src'), 'mirror', '--json'));
    assert.deepEqual(first.at(-1), { action: 'summary', uploaded: 3, unchanged: 0, deleted: 0, failed: 0, bytes: 3 * 1024 * 1024 + 12 });
    const second = jsonLines(await cli('sync', join(dir, 'src'), 'mirror', '--json'));
    assert.deepEqual(second, [{ action: 'summary', uploaded: 0, unchanged: 3, deleted: 0, failed: 0, bytes: 0 }]);
    // Same size, different bytes: only the CRC-64 tells, and only that file goes.
    await writeFile(join(dir, 'src', 'a.txt'), 'ALPHA\n');
    await writeFile(join(dir, 'extra-marker'), '');
    ok(await cli('put', join(dir, 'extra-marker'), 'mirror/stale.txt'));
    const third = jsonLines(await cli('sync', join(dir, 'src'), 'mirror', '--delete', '--json'));
    assert.deepEqual(third.filter((line) => line.action === 'upload').map((line) => line.remote), ['mirror/a.txt']);
    assert.deepEqual(third.filter((line) => line.action === 'delete').map((line) => line.remote), ['mirror/stale.txt']);
    assert.equal(third.at(-1).unchanged, 2);
    assert.match(ok(await cli('sync', join(dir, 'src'), 'mirror')), /^sync: 0 uploaded \(0 B\), 3 unchanged, 0 deleted, 0 failed\n$/);
  });

  it('mkdir, mv, cp, stat, find, du, rm with exit codes', async () => {
    ok(await cli('mkdir', 'w/x/y'));
    ok(await cli('put', join(dir, 'src', 'sub', 'b.txt'), 'w/x/y/'));
    ok(await cli('mv', 'w/x/y/b.txt', 'w/x/c.txt'));
    ok(await cli('cp', 'w/x', 'w/copy'));
    const stat = jsonLines(await cli('stat', 'w/copy/c.txt', '--json'))[0];
    assert.equal(stat.size, '6');
    assert.deepEqual(ok(await cli('find', 'w', '--name', '*.txt')).split('\n').filter(Boolean).sort(), ['w/copy/c.txt', 'w/x/c.txt']);
    assert.deepEqual(jsonLines(await cli('du', 'w', '--json'))[0], { path: 'w', bytes: 12, files: 2, dirs: 4 });
    const dirRm = await cli('rm', 'w/copy');
    assert.equal(dirRm.code, 2, dirRm.stderr);
    assert.match(ok(await cli('rm', '-r', 'w/copy')), /deleted w\/copy \(recycle bin item \d+\)/);
    const missing = await cli('stat', 'w/copy');
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /^opensmh: NotFound: /);
    const noCreds = await runCliInProcess(['ls'], { OPENSMH_PORT: env.OPENSMH_PORT as string, OPENSMH_CONFIG: join(dir, 'none.json') });
    assert.equal(noCreds.code, 1);
    assert.match(noCreds.stderr, /NoCredentials/);
  });

  it('login checks the credentials and writes a 0600 config that later commands use', async () => {
    const config = join(dir, 'login', 'config.json');
    const bad = await runCliInProcess(['login', '--library', env.OPENSMH_LIBRARY_ID as string, '--secret', 'wrong'], { OPENSMH_PORT: env.OPENSMH_PORT as string, OPENSMH_CONFIG: config });
    assert.equal(bad.code, 1);
    await assert.rejects(stat(config));
    ok(await runCliInProcess(['login', '--library', env.OPENSMH_LIBRARY_ID as string, '--secret', env.OPENSMH_LIBRARY_SECRET as string], { OPENSMH_PORT: env.OPENSMH_PORT as string, OPENSMH_CONFIG: config }));
    assert.equal((await stat(config)).mode & 0o777, 0o600);
    assert.match(ok(await runCliInProcess(['ls'], { OPENSMH_CONFIG: config })), /backup\//);
  });

  it('draws a progress bar with throughput and ETA in a terminal, plain lines otherwise', async () => {
    await writeFile(join(dir, 'tty.bin'), Buffer.alloc(2 * 1024 * 1024, 1));
    const terminal = await runInTerminal(['put', join(dir, 'tty.bin'), 'tty.bin'], env, dir);
    assert.equal(terminal.code, 0, terminal.output);
    // eslint-disable-next-line no-control-regex -- the bar is drawn with ANSI escapes
    assert.match(terminal.output, /\r\u001b\[2Kput \[#+\.*\]\s+\d+% [\d.]+ \S+\/2\.0 MiB [\d.]+ \S+\/s ETA \S+ \(\d\/1 files\)/);
    assert.match(terminal.output, /100% 2\.0 MiB\/2\.0 MiB/);
    const plain = await cli('put', join(dir, 'tty.bin'), 'plain.bin');
    assert.equal(ok(plain), '');
    assert.equal(plain.stderr, 'uploaded tty.bin → plain.bin 2.0 MiB (instant)\n');
    assert.ok(!plain.stderr.includes('\u001b'), 'no escape codes off a terminal');
  });
});
