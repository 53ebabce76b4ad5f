import { z } from 'zod';
import { actorSchema, segmentSchema } from '../../domain/annotation';
import { idSchema } from '../../domain/ids';
import { jobSchema } from '../../domain/job';
import { poseBackendSchema, poseModelSchema, tubePoseSummarySchema } from '../../domain/pose';
import { empty, writeMeta } from './common';

/** `lite`, `full`, `heavy`, or a full model name. */
export const poseModelInputSchema = z
  .union([z.enum(['lite', 'full', 'heavy']), poseModelSchema])
  .transform((m) => (m.startsWith('blazepose-') ? m : `blazepose-${m}`) as z.infer<typeof poseModelSchema>);

export const poseBackendRequestSchema = z.union([z.literal('auto'), poseBackendSchema]);

export const backendCandidateSchema = z.object({
  backend: poseBackendSchema,
  available: z.boolean(),
  note: z.string(),
});

export const poseBackendsSchema = z.object({
  /** What `auto` picks here, and why. */
  chosen: poseBackendSchema,
  reason: z.string(),
  candidates: z.array(backendCandidateSchema),
  /** Worker threads an extraction would start with the chosen backend, and the cores there are. */
  workers: z.number().int().positive(),
  cores: z.number().int().positive(),
  /** Problems with the weight files (empty: all present and checked). */
  weightProblems: z.array(z.string()),
});

export const poseTrackSchema = z.object({
  jobId: idSchema,
  videoId: idSchema,
  trackId: z.number().int().positive(),
  startFrame: z.number().int().nonnegative(),
  frameCount: z.number().int().positive(),
  meanScore: z.number(),
  framesWithPose: z.number().int().nonnegative(),
  meanVisibility: z.number().min(0).max(1),
  model: poseModelSchema,
  segmentId: idSchema.nullable(),
  createdAt: z.string(),
});
export type PoseTrackInfo = z.infer<typeof poseTrackSchema>;

/** A tube's poses for display or training: the summary, and the arrays (shared/poses/encoding.ts) in base64. */
export const tubePosesPayloadSchema = z.object({
  summary: tubePoseSummarySchema,
  encoding: z.literal('amelia-poses/1'),
  data: z.string(),
  /** Size of the frames the crops were cut from (decoded), and the margin used. */
  frameWidth: z.number().int().positive(),
  frameHeight: z.number().int().positive(),
  cropMargin: z.number(),
});
export type TubePosesPayload = z.infer<typeof tubePosesPayloadSchema>;

export const poseMethods = {
  /** The backends this host can run, the one `auto` would pick, and the state of the weights. */
  'poses.backends': { request: empty, response: poseBackendsSchema },
  /**
   * Extracts poses as one job: the tubes named (`segmentIds`), every tube of the videos named (`videoIds`),
   * or with `wholeVideo`, the people found in the videos named (no tubes needed).
   */
  'poses.extract': {
    request: z
      .object({
        segmentIds: z.array(idSchema).max(100_000).optional(),
        videoIds: z.array(idSchema).max(10_000).optional(),
        wholeVideo: z.boolean().optional(),
        model: poseModelInputSchema.optional(),
        backend: poseBackendRequestSchema.optional(),
        filter: z.boolean().optional(),
        /** Only tubes without poses of this model, or whose poses are stale. */
        onlyMissing: z.boolean().optional(),
        /**
         * The tubes that feed training and export (of every video, or of `videoIds`), as the class counts and
         * training take them: what to extract before training.
         */
        usable: z.boolean().optional(),
      })
      .strict(),
    response: jobSchema,
  },
  /** What is known of every tube's poses in a video (with `stale` where the tube changed since). */
  'poses.summary': {
    request: z.object({ videoId: idSchema }).strict(),
    response: z.array(tubePoseSummarySchema),
  },
  'poses.get': {
    request: z.object({ segmentId: idSchema, model: poseModelInputSchema.optional() }).strict(),
    response: tubePosesPayloadSchema,
  },
  /** People found by whole-video extraction, per job. */
  'poses.tracks': {
    request: z.object({ videoId: idSchema, jobId: idSchema.optional() }).strict(),
    response: z.array(poseTrackSchema),
  },
  /** Turns a whole-video job's people into actors with one segment each (keyframed boxes, poses kept). */
  'poses.tracksToActors': {
    request: z.object({ ...writeMeta, videoId: idSchema, jobId: idSchema }).strict(),
    response: z.object({ actors: z.array(actorSchema), segments: z.array(segmentSchema) }),
  },
} as const;
