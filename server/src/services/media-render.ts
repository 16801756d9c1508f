import { readFile } from 'node:fs/promises';
import { renderImage } from '../media/image-render.js';
import { officeConvert, pdfFirstPage, pdfToHtml } from '../media/documents.js';
import type { PreviewKind } from '../media/kinds.js';
import type { PreviewSpec } from '../media/preview-spec.js';
import { NotPreviewable, type Rendered, type RenderLimits } from '../media/rendered.js';
import { markdownToHtml, textToHtml } from '../media/text-html.js';
import type { MediaTools } from '../media/tools.js';
import { firstFrame } from '../media/video.js';
import type { BlobStore } from '../stores/blob/blob-store.js';
import { type MediaSource, readHead, withSourceFile } from './media-source.js';

/** Text previews show at most this much of a file. */
const TEXT_PREVIEW_BYTES = 1024 * 1024;
const HTML = 'text/html; charset=utf-8';

/** The rendition params for a preview of `kind`, or null when that kind has no such preview. */
export function renditionParams(kind: PreviewKind, spec: PreviewSpec, thumbParams: string): string | null {
  switch (kind) {
    case 'image':
    case 'raster':
    case 'video':
      return thumbParams;
    case 'pdf':
    case 'office':
      return `doc:${spec.docAs}`;
    case 'text':
    case 'markdown':
      return spec.docAs === 'html' ? 'doc:html' : null;
  }
}

function html(data: string | Buffer): Rendered {
  return { data: Buffer.from(data), contentType: HTML, width: 0, height: 0 };
}

/** Renders one rendition of `entry`'s bytes; throws NotPreviewable for input it cannot handle. */
export async function render(deps: { blob: BlobStore; tools: MediaTools; limits: RenderLimits }, entry: MediaSource, kind: PreviewKind, spec: PreviewSpec): Promise<Rendered> {
  const { blob, tools, limits } = deps;
  const key = entry.blobKey as string;
  if (entry.size === 0) {
    throw new NotPreviewable('empty file');
  }
  if (kind === 'text' || kind === 'markdown') {
    const text = (await readHead(blob, key, entry.size, TEXT_PREVIEW_BYTES)).toString('utf8');
    return html(kind === 'markdown' ? markdownToHtml(entry.name, text) : textToHtml(entry.name, text));
  }
  const thumbnail = (input: string | Buffer) => renderImage(input, spec.resize, spec.frame, limits);
  const fileKind = kind;
  return withSourceFile(blob, key, entry.name, async (path) => {
    switch (fileKind) {
      case 'image':
        return thumbnail(path);
      case 'raster':
      case 'video':
        return thumbnail(await firstFrame(tools.ffmpeg as string, path, limits.timeoutMs));
      case 'pdf':
        if (spec.docAs === 'pic') {
          return thumbnail(await pdfFirstPage(tools.pdftoppm as string, path, limits.timeoutMs));
        }
        if (!tools.pdftohtml) {
          throw new NotPreviewable('pdftohtml is not installed');
        }
        return html(await pdfToHtml(tools.pdftohtml, path, limits.timeoutMs));
      case 'office': {
        if (spec.docAs === 'html') {
          return officeConvert(tools.soffice as string, path, 'html', limits.timeoutMs, async (out) => html(await readFile(out)));
        }
        return officeConvert(tools.soffice as string, path, 'pdf', limits.timeoutMs, async (pdf) =>
          thumbnail(await pdfFirstPage(tools.pdftoppm as string, pdf, limits.timeoutMs)),
        );
      }
    }
  });
}
