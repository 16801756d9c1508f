import { stripBidiControls } from './active-content.js';

/**
 * RFC 6266 Content-Disposition with an ASCII fallback name and the exact UTF-8 name.
 * Bidirectional control characters are replaced in both, so a name stored before they were
 * refused still cannot disguise its extension in a save dialog.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const safe = stripBidiControls(name);
  const ascii = safe.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
