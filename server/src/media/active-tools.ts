import { type PreviewKind, previewKindOf, rendersAsDocument, rendersAsImage } from './kinds.js';
import { type MediaTools, NO_TOOLS } from './tools.js';

/**
 * The tools this process found at start (app.ts sets them once). Listings and info read the
 * preview flags from here, so `previewByCI` is true exactly for files this node really renders.
 * It is process-wide on purpose: the tools are a property of the machine, and threading them
 * through every presenter call would touch every listing route.
 */
let active: MediaTools = NO_TOOLS;

export function setActiveTools(tools: MediaTools): void {
  active = tools;
}

export function previewKind(name: string, contentType: string): PreviewKind | null {
  return previewKindOf(name, contentType, active);
}

/** SMH's preview flags for a file (files.md §7.3, dirs.md §4). */
export function previewFlags(name: string, contentType: string): { previewByDoc: boolean; previewByCI: boolean; previewAsIcon: boolean } {
  const kind = previewKind(name, contentType);
  return { previewByDoc: rendersAsDocument(kind), previewByCI: rendersAsImage(kind), previewAsIcon: rendersAsImage(kind) };
}
