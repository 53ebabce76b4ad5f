import { z } from 'zod';
import { actorSchema, segmentSchema, trackKeyframeSchema } from '../../domain/annotation';
import { idSchema } from '../../domain/ids';
import { writeMeta } from './common';

const frame = z.number().int().nonnegative();
const revision = z.number().int().positive();
const videoRef = z.object({ videoId: idSchema }).strict();

/** A box keyframe as a client sends it: finite numbers, sizes not negative. */
export const keyframeInputSchema = trackKeyframeSchema;

export const annotationMethods = {
  'actors.list': { request: videoRef, response: z.array(actorSchema) },
  'actors.create': {
    request: z.object({ ...writeMeta, videoId: idSchema, name: z.string().max(200).optional() }).strict(),
    response: actorSchema,
  },
  'actors.update': {
    request: z
      .object({
        ...writeMeta,
        actorId: idSchema,
        name: z.string().max(200).optional(),
        color: z
          .string()
          .regex(/^#[0-9a-f]{6}$/i)
          .optional(),
      })
      .strict(),
    response: actorSchema,
  },
  /** Removes an actor and its segments (undoable). */
  'actors.remove': {
    request: z.object({ ...writeMeta, actorId: idSchema }).strict(),
    response: z.object({ actorId: idSchema, removedSegments: z.array(idSchema) }),
  },
  'segments.list': { request: videoRef, response: z.array(segmentSchema) },
  'segments.create': {
    request: z
      .object({
        ...writeMeta,
        videoId: idSchema,
        actorId: idSchema,
        startFrame: frame,
        endFrame: frame,
        labelNodeId: idSchema.nullable().optional(),
        uncertain: z.boolean().optional(),
        note: z.string().max(10_000).optional(),
        keyframes: z.array(keyframeInputSchema).max(1_000_000).optional(),
      })
      .strict(),
    response: segmentSchema,
  },
  /**
   * Changes a segment. `revision` is the one the client last saw: if someone changed the segment since,
   * the answer is a `conflict` and nothing is written.
   */
  'segments.update': {
    request: z
      .object({
        ...writeMeta,
        segmentId: idSchema,
        revision,
        actorId: idSchema.optional(),
        startFrame: frame.optional(),
        endFrame: frame.optional(),
        labelNodeId: idSchema.nullable().optional(),
        uncertain: z.boolean().optional(),
        note: z.string().max(10_000).optional(),
        /**
         * Takes a model's pre-label as the person's own (its label now theirs, its origin `manual`), as
         * changing its label does; until then a pre-label feeds neither training nor export.
         */
        confirm: z.literal(true).optional(),
      })
      .strict(),
    response: segmentSchema,
  },
  /** Sets (adds or replaces) the box keyframe at `keyframe.frame`. */
  'segments.setKeyframe': {
    request: z
      .object({ ...writeMeta, segmentId: idSchema, revision, keyframe: keyframeInputSchema })
      .strict(),
    response: segmentSchema,
  },
  'segments.removeKeyframe': {
    request: z.object({ ...writeMeta, segmentId: idSchema, revision, frame }).strict(),
    response: segmentSchema,
  },
  /** Splits a segment before `frame`: the first part ends at frame - 1, the second starts at `frame`. */
  'segments.split': {
    request: z.object({ ...writeMeta, segmentId: idSchema, revision, frame }).strict(),
    response: z.tuple([segmentSchema, segmentSchema]),
  },
  /** Merges segments of one actor into the first: the range covers them all, the boxes are kept. */
  'segments.merge': {
    request: z.object({ ...writeMeta, segmentIds: z.array(idSchema).min(2).max(1000) }).strict(),
    response: segmentSchema,
  },
  'segments.remove': {
    request: z.object({ ...writeMeta, segmentId: idSchema, revision }).strict(),
    response: z.object({ segmentId: idSchema }),
  },
} as const;
