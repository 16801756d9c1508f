import mime from 'mime-types';

const FALLBACK = 'application/octet-stream';

export function contentTypeFor(name: string): string {
  return mime.lookup(name) || FALLBACK;
}

/** SMH's coarse `fileType` classes (files.md §6.8). */
export function fileTypeOf(name: string, contentType: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (['doc', 'docx', 'dot', 'dotx', 'odt', 'rtf', 'wps'].includes(ext)) {
    return 'word';
  }
  if (['xls', 'xlsx', 'xlsm', 'csv', 'ods', 'et'].includes(ext)) {
    return 'excel';
  }
  if (['ppt', 'pptx', 'pps', 'ppsx', 'odp', 'dps'].includes(ext)) {
    return 'powerpoint';
  }
  if (ext === 'pdf') {
    return 'portable';
  }
  if (['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz'].includes(ext)) {
    return 'archive';
  }
  const major = contentType.split('/')[0];
  if (major === 'image' || major === 'audio' || major === 'video') {
    return major;
  }
  if (major === 'text' || ['json', 'xml', 'md', 'log', 'yaml', 'yml'].includes(ext)) {
    return 'text';
  }
  return 'other';
}

export function mediaKindOf(name: string, contentType: string): 'image' | 'video' | null {
  const major = (contentType || contentTypeFor(name)).split('/')[0];
  return major === 'image' || major === 'video' ? major : null;
}
