import type { MediaTools } from './tools.js';

/**
 * How a file previews, from its name and content type and the tools this node has:
 * `image` sharp decodes itself; `raster` (BMP) ffmpeg decodes to PNG first; `video` gets its
 * first frame as cover; the document kinds get an HTML preview or a first-page JPEG.
 * Null = not previewable here; SMH then answers with the download redirect.
 */
export type PreviewKind = 'image' | 'raster' | 'video' | 'pdf' | 'text' | 'markdown' | 'office';

// HEIC needs an HEVC decoder that sharp's prebuilt libvips does not carry; SVG is not rendered
// (external references, scripts and entity tricks are not worth the risk for a thumbnail).
const SHARP_IMAGES = new Set(['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'gif', 'avif', 'tif', 'tiff']);
const RASTER_IMAGES = new Set(['bmp', 'dib']);
const VIDEOS = new Set(['mp4', 'm4v', 'mov', 'qt', 'mkv', 'webm', 'avi', '3gp', '3g2', 'flv', 'wmv', 'mpg', 'mpeg', 'ts', 'mts', 'm2ts', 'ogv']);
const MARKDOWN = new Set(['md', 'markdown']);
const TEXT = new Set(['txt', 'log', 'csv', 'tsv', 'json', 'xml', 'yaml', 'yml', 'ini', 'conf', 'js', 'ts', 'css', 'c', 'h', 'cpp', 'java', 'py', 'sh', 'sql', 'go', 'rs']);
const OFFICE = new Set(['doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'pps', 'ppsx']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function previewKindOf(name: string, contentType: string, tools: MediaTools): PreviewKind | null {
  const ext = extensionOf(name);
  if (SHARP_IMAGES.has(ext)) {
    return 'image';
  }
  if (RASTER_IMAGES.has(ext)) {
    return tools.ffmpeg ? 'raster' : null;
  }
  if (VIDEOS.has(ext) || (contentType.startsWith('video/') && ext !== '')) {
    return tools.ffmpeg ? 'video' : null;
  }
  if (ext === 'pdf') {
    return tools.pdftoppm ? 'pdf' : null;
  }
  if (MARKDOWN.has(ext)) {
    return 'markdown';
  }
  if (TEXT.has(ext)) {
    return 'text';
  }
  if (OFFICE.has(ext)) {
    return tools.soffice && tools.pdftoppm ? 'office' : null;
  }
  return null;
}

/** Kinds whose preview is an image (a thumbnail or cover): SMH's `previewByCI`/`previewAsIcon`. */
export function rendersAsImage(kind: PreviewKind | null): boolean {
  return kind === 'image' || kind === 'raster' || kind === 'video';
}

/** Kinds with a document preview: SMH's `previewByDoc`. */
export function rendersAsDocument(kind: PreviewKind | null): boolean {
  return kind === 'pdf' || kind === 'text' || kind === 'markdown' || kind === 'office';
}
