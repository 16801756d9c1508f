/**
 * How signed object URLs hand their bytes to a front web server (OPENSMH_DOWNLOAD_OFFLOAD).
 * The server still checks the signature and `If-None-Match`; the web server then sends the file
 * with sendfile and handles `Range` itself. Only blobs on local disk can be offloaded.
 */
export type DownloadOffload =
  | { readonly kind: 'none' }
  /** nginx: `X-Accel-Redirect: <prefix><fanned-out key>`, an `internal` location aliasing the blob folder */
  | { readonly kind: 'x-accel-redirect'; readonly prefix: string }
  /** Apache mod_xsendfile, lighttpd: `X-Sendfile: <absolute path of the blob>` */
  | { readonly kind: 'x-sendfile' };

export function parseDownloadOffload(text: string): DownloadOffload {
  const value = text.trim();
  if (value === '' || value === 'none') {
    return { kind: 'none' };
  }
  if (value === 'x-sendfile') {
    return { kind: 'x-sendfile' };
  }
  const accel = /^x-accel-redirect:(\/[\w./-]*)$/.exec(value);
  if (accel?.[1] !== undefined && !accel[1].includes('..')) {
    const prefix = accel[1].endsWith('/') ? accel[1] : `${accel[1]}/`;
    return { kind: 'x-accel-redirect', prefix };
  }
  throw new Error(
    `OPENSMH_DOWNLOAD_OFFLOAD must be empty, "x-sendfile" or "x-accel-redirect:/internal/prefix/", got "${value}"`,
  );
}
