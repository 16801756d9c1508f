import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import { NotPreviewable } from './rendered.js';

export interface ImageInfo {
  /** upright dimensions (after EXIF orientation) */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent) */
  orientation: number;
  format: string;
  /** ISO time the picture was taken (EXIF DateTimeOriginal), or null */
  captureTime: string | null;
  /** true when the file carries GPS coordinates (the coordinates themselves are not kept) */
  hasGps: boolean;
  camera: { make: string; model: string } | null;
}

interface Exif {
  DateTimeOriginal?: Date | string;
  CreateDate?: Date | string;
  Make?: string;
  Model?: string;
  latitude?: number;
  longitude?: number;
}

function isoOrNull(value: Date | string | undefined): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString();
  }
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Reads dimensions with sharp (header only) and the EXIF facts with exifr. */
export async function readImageInfo(path: string): Promise<ImageInfo> {
  let meta: Metadata;
  try {
    meta = await sharp(path, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new NotPreviewable('not a decodable image', { cause: error });
  }
  const exif = ((await exifr.parse(path, { gps: true, tiff: true, exif: true, pick: ['DateTimeOriginal', 'CreateDate', 'Make', 'Model', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'] }).catch(() => null)) ?? {}) as Exif;
  const make = (exif.Make ?? '').trim();
  const model = (exif.Model ?? '').trim();
  return {
    width: meta.autoOrient?.width ?? meta.width ?? 0,
    height: meta.autoOrient?.height ?? meta.height ?? 0,
    orientation: meta.orientation ?? 1,
    format: meta.format ?? '',
    captureTime: isoOrNull(exif.DateTimeOriginal ?? exif.CreateDate),
    hasGps: typeof exif.latitude === 'number' && typeof exif.longitude === 'number',
    camera: make || model ? { make, model } : null,
  };
}
