import { z } from 'zod';
import { idSchema, instantSchema } from './ids';

/** Why a playback proxy is needed, or that none is. */
export const proxyStateSchema = z.enum(['not-needed', 'queued', 'running', 'ready', 'failed']);
export type ProxyState = z.infer<typeof proxyStateSchema>;

export const rationalSchema = z.object({
  num: z.number().int().positive(),
  den: z.number().int().positive(),
});
export type Rational = z.infer<typeof rationalSchema>;

export const videoSchema = z.object({
  id: idSchema,
  /** File name shown to people (never used as a path). */
  name: z.string(),
  /** Absolute path of the untouched original. */
  sourcePath: z.string(),
  /** SHA-256 of the original's bytes, hex. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  container: z.string(),
  codec: z.string(),
  pixelFormat: z.string(),
  /** Displayed size, after rotation: the coordinate space of boxes and poses. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Size as coded in the stream, before rotation. */
  codedWidth: z.number().int().positive(),
  codedHeight: z.number().int().positive(),
  /** Clockwise display rotation in degrees: 0, 90, 180 or 270. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Time of the last frame's end minus the first frame's start, seconds. */
  durationSec: z.number().nonnegative(),
  /** Decoded frames: frame indices run from 0 to frameCount - 1. */
  frameCount: z.number().int().positive(),
  /** Frames per second: the stream's rate, or where the rate varies, that of its commonest frame interval. */
  fps: z.number().positive(),
  /** True where frame intervals differ (variable frame rate). */
  variableFrameRate: z.boolean(),
  importedAt: instantSchema,
  /** Things a person should know about this file (decode errors, missing frames). */
  warnings: z.array(z.string()),
  proxyState: proxyStateSchema,
  /** Why the browser cannot play the original; null where it can. */
  proxyReason: z.string().nullable(),
  /** Frame rate of the proxy (one proxy frame per source frame). */
  proxyFps: z.number().positive().nullable(),
  /** Frame indices of the thumbnail strip, in order; empty until made. */
  thumbnailFrames: z.array(z.number().int().nonnegative()),
  posterFrame: z.number().int().nonnegative(),
});
export type Video = z.infer<typeof videoSchema>;

/** What the player plays: the original where the browser can, else its proxy. */
export type PlaybackSource = 'source' | 'proxy';

export function playbackSourceOf(video: Pick<Video, 'proxyState'>): PlaybackSource | null {
  switch (video.proxyState) {
    case 'not-needed':
      return 'source';
    case 'ready':
      return 'proxy';
    case 'queued':
    case 'running':
    case 'failed':
      return null;
  }
}
