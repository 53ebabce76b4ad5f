import { z } from 'zod';
import { idSchema } from '../domain/ids';
import { videoSchema } from '../domain/video';
import { jobSchema } from '../domain/job';
import { projectSchema } from '../domain/project';

const empty = z.object({}).strict();
const videoRef = z.object({ videoId: idSchema }).strict();
const jobRef = z.object({ jobId: idSchema }).strict();

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

/**
 * The one API: every method's request and response. The engine implements it, the Electron main
 * process, the HTTP server and the CLI host it, and the renderer's client is typed from it.
 */
export const methods = {
  'system.info': { request: empty, response: systemInfoSchema },
  'videos.list': { request: empty, response: z.array(videoSchema) },
  'videos.get': { request: videoRef, response: videoSchema },
  'videos.import': {
    request: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(MAX_IMPORT_FILES) }).strict(),
    response: importResultSchema,
  },
  'videos.remove': { request: videoRef, response: z.object({ videoId: idSchema }) },
  /** Presentation time of every frame, seconds from the first frame: frame N starts at times[N]. */
  'videos.frameTimes': {
    request: videoRef,
    response: z.object({ videoId: idSchema, times: z.array(z.number()) }),
  },
  'jobs.list': { request: empty, response: z.array(jobSchema) },
  'jobs.cancel': { request: jobRef, response: jobSchema },
  'jobs.retry': { request: jobRef, response: jobSchema },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Methods[M]['response']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
