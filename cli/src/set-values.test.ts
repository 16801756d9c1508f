import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from './cli-error.js';
import { coerceSetValue, parseSetOptions } from './set-values.js';

describe('coerceSetValue', () => {
  it('turns true/false into booleans', () => {
    assert.equal(coerceSetValue('UseRecycleBin', 'true'), true);
    assert.equal(coerceSetValue('UseRecycleBin', 'false'), false);
  });

  it('turns digits into numbers', () => {
    assert.equal(coerceSetValue('AutoRemoveRecycledDays', '30'), 30);
    assert.equal(coerceSetValue('LibraryQuota', '1099511627776'), 1099511627776);
    assert.equal(coerceSetValue('X', '-1.5'), -1.5);
  });

  it('turns null into null, for any field', () => {
    assert.equal(coerceSetValue('FileHistoryCount', 'null'), null);
    assert.equal(coerceSetValue('AllowFileExtName', 'null'), null);
  });

  it('splits *ExtName values on commas, trimming, and never guesses types inside them', () => {
    assert.deepEqual(coerceSetValue('AllowFileExtName', '.jpg, .png,,'), ['.jpg', '.png']);
    assert.deepEqual(coerceSetValue('AllowPhotoExtName', '.heic'), ['.heic']);
    assert.deepEqual(coerceSetValue('AllowVideoExtName', ''), []);
    assert.deepEqual(coerceSetValue('AllowVideoExtName', '1,true'), ['1', 'true']);
  });

  it('leaves other text as a string', () => {
    assert.equal(coerceSetValue('CosStorageClass', 'STANDARD_IA'), 'STANDARD_IA');
    assert.equal(coerceSetValue('DefaultConflictResolutionStrategy', 'rename'), 'rename');
    assert.equal(coerceSetValue('X', '1e3'), '1e3');
    assert.equal(coerceSetValue('X', 'TRUE'), 'TRUE');
  });
});

describe('parseSetOptions', () => {
  it('builds one object; the value may contain =; the last one wins', () => {
    assert.deepEqual(parseSetOptions(['UseRecycleBin=true', 'Remark=a=b', 'UseRecycleBin=false']), { UseRecycleBin: false, Remark: 'a=b' });
  });

  it('rejects items without a key', () => {
    for (const item of ['UseRecycleBin', '=true', '']) {
      assert.throws(() => parseSetOptions([item]), (error: unknown) => error instanceof CliError && error.code === 'UsageError');
    }
  });
});
