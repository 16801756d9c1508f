import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature V4 in the *header* form, for a PUT whose URL must carry no query string: SMH
 * clients send bytes to `<scheme>//<domain><path>` with the returned headers copied verbatim,
 * so the signature has to live in those headers (query presigning would not survive).
 */
export interface HeaderSignedPut {
  /** host[:port] the client connects to */
  domain: string;
  path: string;
  headers: Record<string, string>;
}

const UNSIGNED = 'UNSIGNED-PAYLOAD';

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export function signPut(options: {
  endpoint: string;
  path: string;
  contentType: string;
  /** signed when known: S3 then refuses a body of any other length */
  contentLength?: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
}): HeaderSignedPut {
  const host = new URL(options.endpoint).host;
  const amzDate = options.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const path = encodePath(options.path);
  const headers: Record<string, string> = {
    'content-type': options.contentType,
    host,
    'x-amz-content-sha256': UNSIGNED,
    'x-amz-date': amzDate,
  };
  if (options.contentLength !== undefined) {
    headers['content-length'] = String(options.contentLength);
  }
  const signedHeaders = Object.keys(headers).sort();
  const canonical = [
    'PUT',
    path,
    '',
    ...signedHeaders.map((name) => `${name}:${headers[name]}`),
    '',
    signedHeaders.join(';'),
    UNSIGNED,
  ].join('\n');
  const scope = `${day}/${options.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${options.secretAccessKey}`, day), options.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    domain: host,
    path,
    headers: {
      Authorization: `AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
      'Content-Type': options.contentType,
      'x-amz-content-sha256': UNSIGNED,
      'x-amz-date': amzDate,
      ...(options.contentLength === undefined ? {} : { 'Content-Length': String(options.contentLength) }),
    },
  };
}
