/**
 * If-None-Match with the weak comparison RFC 9110 §13.1.2 prescribes for it: `W/` prefixes and
 * quotes are ignored (SMH clients send directory eTags bare or quoted), `*` matches anything,
 * and a comma-separated list matches when any member does.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) {
    return false;
  }
  const bare = (tag: string) => tag.trim().replace(/^W\//, '').replace(/"/g, '');
  const wanted = bare(etag);
  return header.trim() === '*' || header.split(',').some((tag) => bare(tag) === wanted);
}
