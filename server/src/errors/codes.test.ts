import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES, type ErrorCode, statusOf } from './codes.js';
import { SmhError } from './smh-error.js';

describe('error code table', () => {
  it('gives every code a 4xx/5xx status and a message', () => {
    for (const [code, [status, message]] of Object.entries(ERROR_CODES)) {
      assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: status ${status}`);
      assert.ok(typeof message === 'string' && message.trim().length > 0, `${code}: empty message`);
      assert.match(code, /^[A-Z][A-Za-z0-9]+$/, `${code}: SMH codes are PascalCase`);
    }
  });

  it('keeps the statuses SDKs rely on (core.md §2.7, §6.1)', () => {
    const expected: Partial<Record<ErrorCode, number>> = {
      InvalidAccessToken: 403,
      AccessTokenNotMatchSpace: 403,
      NoPermission: 403,
      EmptyAccessToken: 400,
      EmptyLibraryIdOrSecret: 400,
      NotMultiSpaceLibrary: 400,
      QuotaLimitReached: 400,
      LibraryNotFound: 404,
      SpaceNotFound: 404,
      WrongLibraryIdOrSecret: 404,
      RouteNotFound: 404,
      SameNameDirectoryOrFileExists: 409,
      SpaceNotEmpty: 409,
      SensitiveContentRecognized: 451,
      InternalServerError: 500,
    };
    for (const [code, status] of Object.entries(expected)) {
      assert.equal(statusOf(code as ErrorCode), status, code);
    }
  });

  it('builds SmhErrors from the table', () => {
    const error = new SmhError('SpaceNotFound');
    assert.equal(error.status, 404);
    assert.equal(error.message, ERROR_CODES.SpaceNotFound[1]);
    assert.equal(new SmhError('ParamInvalid', 'custom').message, 'custom');
  });
});
