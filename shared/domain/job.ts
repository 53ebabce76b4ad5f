import { z } from 'zod';
import { idSchema, instantSchema } from './ids';

export const jobKindSchema = z.enum(['proxy', 'thumbnails', 'poses', 'export', 'train', 'infer']);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobSchema = z.object({
  id: idSchema,
  kind: jobKindSchema,
  videoId: idSchema.nullable(),
  state: jobStateSchema,
  /** Units of work done and in all (frames for media jobs). */
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  unit: z.string(),
  /** Units a second over the recent past; null before there is a measure. */
  rate: z.number().nonnegative().nullable(),
  /** Seconds left at the current rate; null when unknown. */
  etaSec: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
  /** What a finished job made (counts, paths), as the job's kind defines it. */
  result: z.record(z.string(), z.unknown()).nullable(),
  attempts: z.number().int().nonnegative(),
  createdAt: instantSchema,
  startedAt: instantSchema.nullable(),
  finishedAt: instantSchema.nullable(),
});
export type Job = z.infer<typeof jobSchema>;

export function isJobActive(job: Pick<Job, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'running';
}
