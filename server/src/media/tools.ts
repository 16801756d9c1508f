import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** External programs the media pipeline uses; null = not found (that media kind is not rendered). */
export interface MediaTools {
  readonly ffmpeg: string | null;
  readonly ffprobe: string | null;
  readonly pdftoppm: string | null;
  readonly pdftohtml: string | null;
  readonly soffice: string | null;
}

export type ToolName = keyof MediaTools;

export const NO_TOOLS: MediaTools = { ffmpeg: null, ffprobe: null, pdftoppm: null, pdftohtml: null, soffice: null };

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` as configured: `off` disables it, a path with a slash is taken as is, else PATH is searched. */
async function resolveTool(name: string, searchPath: string): Promise<string | null> {
  if (name === '' || name === 'off') {
    return null;
  }
  if (name.includes('/')) {
    return (await isExecutable(name)) ? name : null;
  }
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) {
      return candidate;
    }
  }
  return null;
}

/** Finds each configured tool once, at start. */
export async function discoverTools(configured: Record<ToolName, string>, searchPath: string): Promise<MediaTools> {
  const entries = await Promise.all(
    (Object.keys(configured) as ToolName[]).map(async (name) => [name, await resolveTool(configured[name], searchPath)] as const),
  );
  return { ...NO_TOOLS, ...Object.fromEntries(entries) };
}

/** One line for the start log: which kinds of media this node renders. */
export function describeTools(tools: MediaTools): Record<string, boolean> {
  return {
    images: true,
    videoCovers: tools.ffmpeg !== null,
    videoInfo: tools.ffprobe !== null,
    bmp: tools.ffmpeg !== null,
    pdfPages: tools.pdftoppm !== null,
    pdfHtml: tools.pdftohtml !== null,
    office: tools.soffice !== null,
    textHtml: true,
  };
}
