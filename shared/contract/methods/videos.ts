import { z } from 'zod';
import { idSchema } from '../../domain/ids';
import { videoSchema } from '../../domain/video';
import { videoRemovalSchema } from '../../domain/videoRemoval';
import { jobSchema } from '../../domain/job';
import { projectSchema } from '../../domain/project';
import { empty } from './common';

export const videoRef = z.object({ videoId: idSchema }).strict();
export const jobRef = z.object({ jobId: idSchema }).strict();

export const binaryInfoSchema = z.object({
  path: z.string(),
  version: z.string(),
  /** Where it was found: an environment variable, an npm package, or PATH. */
  source: z.string(),
});
export type BinaryInfo = z.infer<typeof binaryInfoSchema>;

export const systemInfoSchema = z.object({
  appVersion: z.string(),
  project: projectSchema,
  ffmpeg: binaryInfoSchema,
  ffprobe: binaryInfoSchema,
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const importFailureSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportFailure = z.infer<typeof importFailureSchema>;

export const importResultSchema = z.object({
  imported: z.array(videoSchema),
  /** Files already in the project (same content), with the video they match. */
  duplicates: z.array(z.object({ path: z.string(), videoId: idSchema })),
  failed: z.array(importFailureSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** Largest number of files one import call takes. */
export const MAX_IMPORT_FILES = 1000;

export const systemMethods = {
  'system.info': { request: empty, response: systemInfoSchema },
} as const;

export const videoMethods = {
  'videos.list': { request: empty, response: z.array(videoSchema) },
  'videos.get': { request: videoRef, response: videoSchema },
  'videos.import': {
    request: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(MAX_IMPORT_FILES) }).strict(),
    response: importResultSchema,
  },
  /** What removing a video would delete with it, for the caller to show before asking. Writes nothing. */
  'videos.removePreview': { request: videoRef, response: videoRemovalSchema },
  /**
   * Removes a video with everything made of it (tubes, people, review items, poses, inference results, derived
   * files, and an uploaded copy; never an original elsewhere). A video with tubes is removed only when
   * `discardTubes` is at least how many it has: the number the caller was shown, so that tubes added since
   * (by someone else) are never deleted unseen.
   */
  'videos.remove': {
    request: z.object({ videoId: idSchema, discardTubes: z.number().int().min(0).optional() }).strict(),
    response: z.object({ videoId: idSchema }),
  },
  /** Presentation time of every frame, seconds from the first frame: frame N starts at times[N]. */
  'videos.frameTimes': {
    request: videoRef,
    response: z.object({ videoId: idSchema, times: z.array(z.number()) }),
  },
} as const;

export const jobMethods = {
  'jobs.list': { request: empty, response: z.array(jobSchema) },
  'jobs.cancel': { request: jobRef, response: jobSchema },
  'jobs.retry': { request: jobRef, response: jobSchema },
} as const;
