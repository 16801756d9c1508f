import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 signatures for the short-lived URLs and upload targets this server hands out.
 * The key lives in the metadata store, so every API node of a deployment signs alike.
 */
export class Signer {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = Buffer.from(key, 'utf8');
  }

  sign(purpose: string, fields: readonly string[], expiresAtSeconds: number): string {
    const canonical = [purpose, String(expiresAtSeconds), ...fields].join('\n');
    return createHmac('sha256', this.key).update(canonical).digest('base64url');
  }

  /** True only for an untampered, unexpired signature. */
  verify(purpose: string, fields: readonly string[], expiresAtSeconds: number, signature: string, nowMs: number): boolean {
    if (!Number.isInteger(expiresAtSeconds) || expiresAtSeconds * 1000 < nowMs) {
      return false;
    }
    const expected = Buffer.from(this.sign(purpose, fields, expiresAtSeconds));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
