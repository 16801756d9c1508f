/**
 * Which stored content a browser may render inline. Anything else (HTML, SVG, XML, XHTML,
 * JavaScript, unknown types) could run script on the origin that serves it, so it is always
 * served as an attachment, whatever the link asked for (issue 10 item 6: stored XSS).
 */
const INLINE_SAFE_EXACT = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/heic',
  'image/heif',
  'image/tiff',
  'image/x-icon',
  'image/vnd.microsoft.icon',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
]);

/** Media types without an active scripting surface when rendered with `nosniff`. */
export function isInlineSafe(contentType: string): boolean {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return INLINE_SAFE_EXACT.has(base) || base.startsWith('video/') || base.startsWith('audio/');
}

/** The disposition actually served: `inline` only when asked for and the type is inline-safe. */
export function effectiveDisposition(contentType: string, requested: 'inline' | 'attachment'): 'inline' | 'attachment' {
  return requested === 'inline' && isInlineSafe(contentType) ? 'inline' : 'attachment';
}

/**
 * Bidirectional control characters (U+202A–U+202E, U+2066–U+2069, LRM/RLM, ALM) make a name
 * display as something it is not (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`).
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripBidiControls(name: string): string {
  return name.replace(BIDI_CONTROLS, '_');
}
