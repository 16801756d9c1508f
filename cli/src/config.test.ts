import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from './cli-error.js';
import { loadAdminKey, resolveConfig } from './config.js';

describe('resolveConfig', () => {
  it('defaults to the server defaults: port 8080 and ./data under cwd', () => {
    assert.deepEqual(resolveConfig({}, {}, '/srv/app'), {
      url: 'http://127.0.0.1:8080',
      dataDir: '/srv/app/data',
      adminKey: null,
      adminKeyFile: '/srv/app/data/admin-key',
    });
  });

  it('follows OPENSMH_PORT, OPENSMH_DATA_DIR and OPENSMH_ADMIN_KEY', () => {
    const config = resolveConfig({}, { OPENSMH_PORT: '9001', OPENSMH_DATA_DIR: 'var/smh', OPENSMH_ADMIN_KEY: 'k1' }, '/srv/app');
    assert.equal(config.url, 'http://127.0.0.1:9001');
    assert.equal(config.dataDir, '/srv/app/var/smh');
    assert.equal(config.adminKeyFile, '/srv/app/var/smh/admin-key');
    assert.equal(config.adminKey, 'k1');
  });

  it('lets flags beat the environment, and treats empty values as unset', () => {
    const env = { OPENSMH_PORT: '9001', OPENSMH_DATA_DIR: '/env', OPENSMH_ADMIN_KEY: 'env-key' };
    const config = resolveConfig({ url: 'https://smh.example.com/', adminKey: 'flag-key', dataDir: '/flag' }, env, '/cwd');
    assert.deepEqual(config, { url: 'https://smh.example.com', dataDir: '/flag', adminKey: 'flag-key', adminKeyFile: '/flag/admin-key' });
    const empty = resolveConfig({}, { OPENSMH_PORT: '', OPENSMH_DATA_DIR: '', OPENSMH_ADMIN_KEY: '' }, '/cwd');
    assert.deepEqual(empty, { url: 'http://127.0.0.1:8080', dataDir: '/cwd/data', adminKey: null, adminKeyFile: '/cwd/data/admin-key' });
  });

  it('rejects a --url that is not http(s)', () => {
    for (const url of ['nonsense', 'ftp://host']) {
      assert.throws(() => resolveConfig({ url }, {}, '/'), (error: unknown) => error instanceof CliError && error.code === 'UsageError');
    }
  });
});

describe('loadAdminKey', () => {
  const config = resolveConfig({}, {}, '/cwd');

  it('prefers the configured key and then does not read the file', async () => {
    const read = () => Promise.reject(new Error('must not read'));
    assert.equal(await loadAdminKey({ ...config, adminKey: 'given' }, read), 'given');
  });

  it('reads and trims the admin-key file', async () => {
    const seen: string[] = [];
    const key = await loadAdminKey(config, async (path) => {
      seen.push(path);
      return 'abc\n';
    });
    assert.equal(key, 'abc');
    assert.deepEqual(seen, ['/cwd/data/admin-key']);
  });

  it('names the file and the alternatives when it cannot be read or is empty', async () => {
    const missing = Object.assign(new Error('nope'), { code: 'ENOENT' });
    await assert.rejects(loadAdminKey(config, () => Promise.reject(missing)), {
      code: 'NoAdminKey',
      message: /\/cwd\/data\/admin-key \(ENOENT\).*--admin-key/,
    });
    await assert.rejects(loadAdminKey(config, async () => ' \n'), { code: 'NoAdminKey' });
  });
});
