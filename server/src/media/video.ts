import { runTool, ToolError } from './run-tool.js';
import { NotPreviewable } from './rendered.js';

/** Frames bigger than this are scaled down by ffmpeg itself, so a huge video never becomes a huge PNG. */
const MAX_FRAME_EDGE = 4096;
const MAX_FRAME_BYTES = 128 * 1024 * 1024;

function notPreviewable(error: unknown): never {
  if (error instanceof ToolError) {
    throw new NotPreviewable(error.message, { cause: error });
  }
  throw error;
}

/**
 * The first frame of the first video stream as PNG (also decodes BMP and other stills ffmpeg
 * knows). ffmpeg runs as a child process with a timeout; it applies the stream's rotation.
 */
export async function firstFrame(ffmpeg: string, path: string, timeoutMs: number): Promise<Buffer> {
  const scale = `scale='min(iw,${MAX_FRAME_EDGE})':'min(ih,${MAX_FRAME_EDGE})':force_original_aspect_ratio=decrease`;
  const args = ['-nostdin', '-v', 'error', '-threads', '1', '-i', path, '-map', '0:v:0', '-frames:v', '1', '-vf', scale, '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'];
  const png = await runTool(ffmpeg, args, { timeoutMs, maxOutputBytes: MAX_FRAME_BYTES }).catch(notPreviewable);
  if (png.length === 0) {
    throw new NotPreviewable('no video frame');
  }
  return png;
}

export interface VideoInfo {
  width: number;
  height: number;
  /** seconds */
  duration: number;
  /** bits per second */
  bitrate: number;
  codec: string;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  bit_rate?: string;
  duration?: string;
  side_data_list?: { rotation?: number }[];
  tags?: { rotate?: string };
}

/** ffprobe's view of a video: its first video stream and the container's duration and bitrate. */
export async function probeVideo(ffprobe: string, path: string, timeoutMs: number): Promise<VideoInfo> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
  const out = await runTool(ffprobe, args, { timeoutMs, maxOutputBytes: 4 * 1024 * 1024 }).catch(notPreviewable);
  const parsed = JSON.parse(out.toString('utf8')) as { streams?: ProbeStream[]; format?: { duration?: string; bit_rate?: string } };
  const video = (parsed.streams ?? []).find((stream) => stream.codec_type === 'video');
  if (!video) {
    throw new NotPreviewable('no video stream');
  }
  const rotation = Math.abs(Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0)) % 180;
  const [width, height] = rotation === 90 ? [video.height ?? 0, video.width ?? 0] : [video.width ?? 0, video.height ?? 0];
  const number = (value: string | undefined) => (value !== undefined && Number.isFinite(Number(value)) ? Number(value) : 0);
  return {
    width,
    height,
    duration: number(parsed.format?.duration ?? video.duration),
    bitrate: Math.round(number(parsed.format?.bit_rate ?? video.bit_rate)),
    codec: video.codec_name ?? '',
  };
}
