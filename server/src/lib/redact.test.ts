import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrl } from './redact.js';

describe('redact', () => {
  it('blanks tokens, secrets and signatures in URLs and keeps the rest', () => {
    assert.equal(
      redactUrl('/api/v1/token?library_id=smh1&library_secret=abc&grant=admin'),
      '/api/v1/token?library_id=smh1&library_secret=[redacted]&grant=admin',
    );
    assert.equal(redactUrl('/api/v1/file/L/-/a.txt?info&access_token=acctk123'), '/api/v1/file/L/-/a.txt?info&access_token=[redacted]');
    assert.equal(redactUrl('/storage/v1/object/a.txt?k=key&e=1&s=sig'), '/storage/v1/object/a.txt?k=key&e=1&s=[redacted]');
    assert.equal(redactUrl('/api/v1/directory/L/-/dir'), '/api/v1/directory/L/-/dir');
    assert.equal(
      redactUrl('/api/v1/batch/L/-?copy&access_token=a&share_access_token=st.sig'),
      '/api/v1/batch/L/-?copy&access_token=[redacted]&share_access_token=[redacted]',
    );
  });

});
