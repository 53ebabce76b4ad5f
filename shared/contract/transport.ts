import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { MethodName } from './api';

/**
 * Channel and route names, written once. Electron IPC and the HTTP server build theirs from these,
 * and so does the renderer's client.
 */
export const IPC_PREFIX = 'amelia:';
export const IPC_EVENT_CHANNEL = 'amelia:event';
export const IPC_PICK_VIDEOS_CHANNEL = 'amelia:dialog.pickVideos';
/** The hidden GPU window of pose extraction: work in, answers out, and the name of its preload's object. */
export const IPC_POSE_GPU_IN = 'amelia:poseGpu.in';
export const IPC_POSE_GPU_OUT = 'amelia:poseGpu.out';
export const POSE_GPU_BRIDGE_KEY = 'ameliaPoseGpu';
export const POSE_GPU_PAGE = 'pose-gpu.html';

export function ipcChannel(method: MethodName): string {
  return IPC_PREFIX + method;
}

export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/events';
export const HTTP_UPLOAD_PATH = '/upload';
/** Header of an upload that names the file (URI-encoded); a custom header also keeps other sites out. */
export const UPLOAD_NAME_HEADER = 'x-amelia-file-name';
export const MEDIA_PREFIX = '/media/';
/**
 * Inside Electron the renderer and media are served from one privileged origin, `amelia://app`, so that
 * relative URLs (`/media/...`) mean the same in the Electron window and in a browser on `amelia serve`.
 */
export const APP_SCHEME = 'amelia';
export const APP_ORIGIN = 'amelia://app';

/** The URL (relative to the app's origin) of a video's file. */
export function mediaUrl(videoId: string, file: MediaFile): string {
  return MEDIA_PREFIX + mediaPath(videoId, file);
}

export function httpMethodPath(method: MethodName): string {
  return HTTP_API_PREFIX + method;
}

/** A file of a video that clients may fetch. */
export const mediaFileSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('source') }),
  z.object({ kind: z.literal('proxy') }),
  z.object({ kind: z.literal('poster') }),
  z.object({ kind: z.literal('thumb'), index: z.number().int().nonnegative().max(9999) }),
]);
export type MediaFile = z.infer<typeof mediaFileSchema>;

/** `<videoId>/<file>` below the media prefix. */
export function mediaPath(videoId: string, file: MediaFile): string {
  switch (file.kind) {
    case 'source':
      return `${videoId}/source`;
    case 'proxy':
      return `${videoId}/proxy.mp4`;
    case 'poster':
      return `${videoId}/poster.jpg`;
    case 'thumb':
      return `${videoId}/thumbs/${file.index}.jpg`;
  }
}

/** The inverse of `mediaPath`; null for anything else (including path tricks). */
export function parseMediaPath(path: string): { videoId: string; file: MediaFile } | null {
  const m = /^([A-Za-z0-9_-]{1,64})\/(source|proxy\.mp4|poster\.jpg|thumbs\/(\d{1,4})\.jpg)$/.exec(path);
  if (!m) return null;
  const videoId = idSchema.safeParse(m[1]);
  if (!videoId.success) return null;
  switch (m[2]) {
    case 'source':
      return { videoId: videoId.data, file: { kind: 'source' } };
    case 'proxy.mp4':
      return { videoId: videoId.data, file: { kind: 'proxy' } };
    case 'poster.jpg':
      return { videoId: videoId.data, file: { kind: 'poster' } };
    default:
      return { videoId: videoId.data, file: { kind: 'thumb', index: Number(m[3]) } };
  }
}
