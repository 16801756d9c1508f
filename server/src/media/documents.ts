import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NotPreviewable } from './rendered.js';
import { runTool, ToolError } from './run-tool.js';

const MAX_PAGE_BYTES = 64 * 1024 * 1024;
const MAX_HTML_BYTES = 32 * 1024 * 1024;
/** Longest edge of a first-page JPEG (`type=pic`). */
const PAGE_EDGE = 1600;

function notPreviewable(error: unknown): never {
  if (error instanceof ToolError) {
    throw new NotPreviewable(error.message, { cause: error });
  }
  throw error;
}

/** The first page of a PDF as JPEG (poppler's pdftoppm, killed at the timeout). */
export async function pdfFirstPage(pdftoppm: string, path: string, timeoutMs: number): Promise<Buffer> {
  const args = ['-f', '1', '-l', '1', '-singlefile', '-jpeg', '-scale-to', String(PAGE_EDGE), path];
  const jpeg = await runTool(pdftoppm, args, { timeoutMs, maxOutputBytes: MAX_PAGE_BYTES }).catch(notPreviewable);
  if (jpeg.length === 0) {
    throw new NotPreviewable('pdftoppm produced nothing');
  }
  return jpeg;
}

/** A PDF's text as one HTML page (pdftohtml, images left out). */
export async function pdfToHtml(pdftohtml: string, path: string, timeoutMs: number): Promise<Buffer> {
  const args = ['-s', '-i', '-noframes', '-stdout', '-q', path];
  return runTool(pdftohtml, args, { timeoutMs, maxOutputBytes: MAX_HTML_BYTES }).catch(notPreviewable);
}

/**
 * Converts an Office document with LibreOffice headless into `format` (`pdf` or `html`) and
 * hands the main output file's path to `use`. Each call gets its own profile folder: two soffice
 * processes sharing one profile block each other.
 */
export async function officeConvert<T>(soffice: string, path: string, format: 'pdf' | 'html', timeoutMs: number, use: (output: string) => Promise<T>): Promise<T> {
  const work = await mkdtemp(join(tmpdir(), 'opensmh-office-'));
  try {
    const profile = pathToFileURL(join(work, 'profile')).href;
    const out = join(work, 'out');
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', format, '--outdir', out, path];
    await runTool(soffice, args, { timeoutMs, maxOutputBytes: 1024 * 1024 }).catch(notPreviewable);
    const produced = (await readdir(out).catch(() => [] as string[])).find((name) => name.endsWith(`.${format}`));
    if (!produced) {
      throw new NotPreviewable('LibreOffice produced nothing');
    }
    return await use(join(out, produced));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
