import { SmhError } from '../../../errors/smh-error.js';
import type { QuickHashInput } from '../../../services/instant-upload.service.js';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

function hash(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
    throw new SmhError('ParamInvalid', `${field} must be a hex SHA-256.`);
  }
  return value.toLowerCase();
}

/**
 * The quick-upload fields of an initiate body (files.md §3.2, §6.1): `beginningHash`, optional
 * `fullHash`, and `size` as a decimal string (or number). null = no quick upload asked for.
 * `sampleHash` has no documented algorithm and is ignored.
 */
export function quickHashes(body: Record<string, unknown>): QuickHashInput | null {
  const beginningHash = hash(body, 'beginningHash');
  const fullHash = hash(body, 'fullHash');
  const raw = body.size;
  if (beginningHash === undefined || raw === undefined || raw === null) {
    return null;
  }
  const size = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[0-9]{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new SmhError('ParamInvalid', 'size must be the file size in bytes, as a decimal string.');
  }
  return fullHash === undefined ? { beginningHash, size } : { beginningHash, fullHash, size };
}
