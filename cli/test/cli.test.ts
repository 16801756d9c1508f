import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CliResult, freePort, runCli, runCliInProcess, type ServerProcess, startServerProcess } from './helpers/server-process.js';

function ok(result: CliResult): string {
  assert.equal(result.code, 0, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.stdout;
}

/** `--json` output must be exactly one JSON line and nothing else. */
function jsonOf(result: CliResult): any {
  const stdout = ok(result);
  assert.match(stdout, /^[^\n]+\n$/, `not one line: ${JSON.stringify(stdout)}`);
  return JSON.parse(stdout);
}

function fails(result: CliResult, code: string): void {
  assert.notEqual(result.code, 0, `expected a failure, got stdout ${result.stdout}`);
  assert.match(result.stderr, new RegExp(`^opensmh: ${code}: `), result.stderr);
}

describe('opensmh CLI against a real server process', () => {
  let server: ServerProcess;
  // The binary itself is exercised by the first test; the rest run the same code in-process.
  const binary = (...args: string[]) => runCli(args, server.env);
  const cli = (...args: string[]) => runCliInProcess(args, server.env);

  before(async () => {
    server = await startServerProcess();
  });
  after(async () => {
    await server?.stop();
  });

  it('library create --json prints only {libraryId, librarySecret}', async () => {
    const result = await binary('library', 'create', '--name', 'demo', '--json');
    const body = jsonOf(result);
    assert.deepEqual(Object.keys(body), ['libraryId', 'librarySecret']);
    assert.match(body.libraryId, /^\S+$/);
    assert.match(body.librarySecret, /^\S{16,}$/);
    assert.equal(result.stderr, '');
  });

  it('walks a library through list, show, modify, secret, token and delete', async () => {
    const { libraryId, librarySecret } = jsonOf(await cli('library', 'create', '--name', 'walk', '--remark', 'r1', '--json'));

    const page = jsonOf(await cli('library', 'list', '--json', '--page-size', '100'));
    assert.ok(page.List.some((library: { LibraryId: string }) => library.LibraryId === libraryId));
    const table = ok(await cli('library', 'list'));
    assert.match(table, new RegExp(`${libraryId}\\s+walk\\s+file`));

    const shown = jsonOf(await cli('library', 'show', libraryId, '--json'));
    assert.equal(shown.Name, 'walk');
    assert.equal(shown.Remark, 'r1');
    assert.equal(shown.FileNum, '0');
    assert.match(ok(await cli('library', 'show', libraryId)), /LibraryExtension:\n\s+IsFileLibrary\s+true/);

    const modified = jsonOf(
      await cli('library', 'modify', libraryId, '--name', 'renamed', '--set', 'UseRecycleBin=true', '--set', 'AutoRemoveRecycledDays=30', '--json'),
    );
    assert.equal(modified.Name, 'renamed');
    assert.equal(modified.Remark, 'r1');
    assert.equal(modified.LibraryExtension.UseRecycleBin, true);
    assert.equal(modified.LibraryExtension.AutoRemoveRecycledDays, 30);
    assert.match(ok(await cli('library', 'modify', libraryId, '--remark', 'r2')), /Updated library/);

    assert.equal(jsonOf(await cli('library', 'secret', libraryId, '--json')).librarySecret, librarySecret);
    assert.match(ok(await cli('library', 'secret', libraryId)), new RegExp(`LibrarySecret\\s+${librarySecret}`));
    const rotated = jsonOf(await cli('library', 'secret', libraryId, '--rotate', '--json'));
    assert.notEqual(rotated.librarySecret, librarySecret);
    assert.equal(jsonOf(await cli('library', 'secret', libraryId, '--json')).librarySecret, rotated.librarySecret);

    const token = jsonOf(await cli('token', 'create', libraryId, '--grant', 'admin,upload_file', '--period', '3600', '--json'));
    assert.match(token.accessToken, /^\S+$/);
    assert.equal(token.expiresIn, 3600);
    const withSecret = jsonOf(await cli('token', 'create', libraryId, '--secret', rotated.librarySecret, '--user', 'u1', '--json'));
    assert.equal(withSecret.expiresIn, 86400);
    assert.match(ok(await cli('token', 'create', libraryId)), /accessToken\s+\S+\nexpiresIn\s+86400 s/);
    fails(await cli('token', 'create', libraryId, '--secret', librarySecret), 'WrongLibraryIdOrSecret');

    assert.match(ok(await cli('library', 'delete', libraryId)), /Deleted library/);
    fails(await cli('library', 'show', libraryId), 'LibraryNotFound');
  });

  it('creates file and multi-tenant libraries with coerced --set values', async () => {
    const { libraryId } = jsonOf(
      await cli('library', 'create', '--name', 'docs', '--file', '--multi-tenant', '--set', 'AllowFileExtName=.txt,.md', '--set', 'LibraryQuota=null', '--json'),
    );
    const extension = jsonOf(await cli('library', 'show', libraryId, '--json')).LibraryExtension;
    assert.equal(extension.IsFileLibrary, true);
    assert.equal(extension.IsMultiSpace, true);
    assert.deepEqual(extension.AllowFileExtName, ['.txt', '.md']);
    assert.equal(extension.LibraryQuota, null);
    assert.match(ok(await cli('library', 'create', '--name', 'human')), /Created file library "human"\.\n\s+LibraryId\s+\S+\n\s+LibrarySecret\s+\S+/);
    fails(await cli('library', 'create', '--name', 'bad', '--set', 'NoSuchField=1'), 'ParamInvalid');
    fails(await cli('library', 'create', '--name', 'bad', '--file', '--media'), 'UsageError');
    await cli('library', 'delete', libraryId, '--force');
  });

  it('--help mentions every command, and group help every option', async () => {
    const help = ok(await cli('--help'));
    for (const command of ['library create', 'library list', 'library show', 'library modify', 'library delete', 'library secret', 'token create']) {
      assert.ok(help.includes(command), `--help lacks ${command}`);
    }
    for (const option of ['--url', '--admin-key', '--data-dir']) {
      assert.ok(help.includes(option), `--help lacks ${option}`);
    }
    const library = ok(await cli('library', '--help'));
    for (const option of ['--name', '--remark', '--file', '--media', '--multi-tenant', '--set', '--json', '--page', '--page-size', '--force', '--rotate']) {
      assert.ok(library.includes(option), `library --help lacks ${option}`);
    }
    const token = ok(await cli('token', '--help'));
    for (const option of ['--secret', '--grant', '--space', '--user', '--period', '--json']) {
      assert.ok(token.includes(option), `token --help lacks ${option}`);
    }
  });

  it('reports usage errors with exit status 2', async () => {
    const missing = await cli('library', 'show');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^opensmh: UsageError: expected <id>/);
    assert.equal((await cli('library', 'create', '--bogus')).code, 2);
    assert.equal((await cli('nope')).code, 2);
  });

  it('a wrong admin key fails with InvalidAdminKey', async () => {
    const result = await cli('library', 'list', '--admin-key', 'wrong-key');
    fails(result, 'InvalidAdminKey');
    assert.equal(result.stdout, '');
  });

  it('a stopped server gives a clear message naming the URL and npm start', async () => {
    const port = await freePort();
    const result = await runCli(['library', 'list'], { ...server.env, OPENSMH_PORT: String(port) });
    fails(result, 'ServerUnreachable');
    assert.ok(result.stderr.includes(`http://127.0.0.1:${port}`), result.stderr);
    assert.ok(result.stderr.includes('npm start'), result.stderr);
  });
});
