import { SmhError } from '../errors/smh-error.js';
import type { Signer } from '../lib/signing.js';
import type { Upload } from '../stores/meta/meta-store.js';

/** Where clients send bytes: SMH's `{domain, path, headers}` pointing at this server. */
export interface UploadTarget {
  domain: string;
  path: string;
  /** signed storage headers; absent for form uploads, which carry `form` fields instead */
  headers?: Record<string, string>;
  confirmKey: string;
  expiration: string;
  availableDomainNum: number;
  uploadId?: string;
  form?: Record<string, string>;
}

export const STORAGE_PREFIX = '/storage/v1/upload/';
const PURPOSE = 'upload';
const SCHEME = 'OpenSMH-HMAC-SHA256';

/**
 * SDKs build `<scheme>//<domain><path>` and copy `headers` verbatim (spec README), so the
 * signature travels in an Authorization header and the path carries no query string.
 */
export function uploadTarget(signer: Signer, upload: Upload, domain: string): UploadTarget {
  const expires = Math.floor(upload.expiresAt / 1000);
  const signature = signer.sign(PURPOSE, [upload.confirmKey], expires);
  const base = {
    domain,
    confirmKey: upload.confirmKey,
    expiration: new Date(upload.expiresAt).toISOString(),
    availableDomainNum: 1,
  };
  if (upload.kind === 'form') {
    return {
      ...base,
      path: '/',
      form: { key: upload.confirmKey, 'x-opensmh-expires': String(expires), 'x-opensmh-signature': signature },
    };
  }
  const target: UploadTarget = {
    ...base,
    path: `${STORAGE_PREFIX}${upload.confirmKey}`,
    headers: {
      Authorization: `${SCHEME} Expires=${expires}, Signature=${signature}`,
      'Content-Type': upload.attributes.contentType,
    },
  };
  if (upload.kind === 'multipart') {
    target.uploadId = upload.confirmKey;
  }
  return target;
}

/** Parses and checks the storage credential; expired and tampered ones are both 403. */
export function verifyStorageAuthorization(signer: Signer, confirmKey: string, authorization: string | undefined, now: number): void {
  const match = /^OpenSMH-HMAC-SHA256 Expires=(\d+), Signature=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match || !signer.verify(PURPOSE, [confirmKey], Number(match[1]), match[2] as string, now)) {
    throw new SmhError('InvalidSignature', 'The upload signature is missing, wrong or expired; renew the upload.');
  }
}

export function verifyFormFields(signer: Signer, confirmKey: string, expires: string, signature: string, now: number): void {
  verifyStorageAuthorization(signer, confirmKey, `${SCHEME} Expires=${expires}, Signature=${signature}`, now);
}
