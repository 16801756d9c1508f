import type { FastifyReply } from 'fastify';
import { effectiveDisposition } from '../lib/active-content.js';
import { contentDisposition } from '../lib/content-disposition.js';

/**
 * Headers that keep stored bytes from acting as a page of this origin (issue 10 item 6):
 * active types (HTML, SVG, XML, script, unknown) are forced to `attachment`, every object is
 * served under `Content-Security-Policy: sandbox` (a unique origin with no script), and
 * `nosniff` stops a browser from guessing a more dangerous type than the stored one.
 * PDFs skip the sandbox: browsers refuse to run their built-in viewer in a sandboxed document.
 */
export function applyDownloadSecurity(reply: FastifyReply, contentType: string, requested: 'inline' | 'attachment', name: string): void {
  const disposition = effectiveDisposition(contentType, requested);
  reply.header('Content-Disposition', contentDisposition(disposition, name));
  reply.header('X-Content-Type-Options', 'nosniff');
  if (!/^application\/pdf\b/i.test(contentType)) {
    reply.header('Content-Security-Policy', 'sandbox');
  }
}
