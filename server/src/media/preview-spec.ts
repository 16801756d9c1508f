/**
 * What a `?preview` asks for (files.md §7.6/§7.7), normalised so equal requests share one
 * rendition: `size` wins over `scale`, which wins over `width_size`/`height_size`.
 */
export type Resize =
  | { readonly mode: 'original' }
  | { readonly mode: 'square'; readonly size: number }
  | { readonly mode: 'scale'; readonly percent: number }
  | { readonly mode: 'box'; readonly width: number | null; readonly height: number | null };

export interface PreviewSpec {
  readonly resize: Resize;
  /** GIF frame (0-based); clamped to the last frame */
  readonly frame: number;
  /** documents: `pic` = first page as JPEG, else an HTML preview */
  readonly docAs: 'html' | 'pic';
}

/** Largest edge a rendition may ask for; bigger requests are clamped, as image services do. */
export const MAX_EDGE = 4096;

export function resizeKey(resize: Resize): string {
  switch (resize.mode) {
    case 'original':
      return 'o';
    case 'square':
      return `s${resize.size}`;
    case 'scale':
      return `p${resize.percent}`;
    case 'box':
      return `w${resize.width ?? ''}h${resize.height ?? ''}`;
  }
}

/** The params part of a rendition key; equal keys mean equal bytes. */
export function thumbnailParams(spec: PreviewSpec): string {
  return `thumb:${resizeKey(spec.resize)}${spec.frame > 0 ? `f${spec.frame}` : ''}`;
}
