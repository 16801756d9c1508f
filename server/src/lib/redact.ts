/**
 * Credentials travel in query strings (SMH's `access_token`, `library_secret`) and in signed
 * URLs; none of them may reach a log line (request logs carry no headers at all).
 */
const SECRET_PARAMS = /([?&](?:access_token|share_access_token|library_secret|s|X-Amz-Signature|X-Amz-Credential)=)[^&#]*/gi;
const HIDDEN = '[redacted]';

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, `$1${HIDDEN}`);
}
