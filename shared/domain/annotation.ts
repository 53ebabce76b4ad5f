import { z } from 'zod';
import { reviewStateSchema } from '../review/states';
import { idSchema, instantSchema } from './ids';

/** Where a tube came from: drawn by a person, a classifier's pre-label, an imported file, or an expert's final version. */
export const segmentOriginSchema = z.enum(['manual', 'model', 'import', 'final']);
export type SegmentOrigin = z.infer<typeof segmentOriginSchema>;

/** A person in a video, named or numbered. */
export const actorSchema = z.object({
  id: idSchema,
  videoId: idSchema,
  /** 1, 2, 3… in order of creation within the video. */
  number: z.number().int().positive(),
  name: z.string().max(200),
  /** CSS colour for the actor's lane and boxes. */
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  createdAt: instantSchema,
});
export type Actor = z.infer<typeof actorSchema>;

/** A box at one frame of a track, in displayed-video pixels. Between keyframes boxes are interpolated. */
export const trackKeyframeSchema = z.object({
  frame: z.number().int().nonnegative(),
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().nonnegative(),
  height: z.number().finite().nonnegative(),
  /** From this keyframe on (until the next keyframe) the person is out of view. */
  outside: z.boolean(),
});
export type TrackKeyframe = z.infer<typeof trackKeyframeSchema>;

/** The label of a segment: a taxonomy node, as of a taxonomy version. */
export const labelSchema = z.object({
  nodeId: idSchema,
  taxonomyVersion: z.number().int().positive(),
  /** Who set it. */
  userId: idSchema.nullable(),
  at: instantSchema,
});
export type Label = z.infer<typeof labelSchema>;

/**
 * A segment is an action tube: one actor over an inclusive frame range, with a keyframed box track,
 * a label from the taxonomy, an "uncertain" flag and a note.
 */
export const segmentSchema = z.object({
  id: idSchema,
  videoId: idSchema,
  actorId: idSchema,
  startFrame: z.number().int().nonnegative(),
  /** Inclusive. */
  endFrame: z.number().int().nonnegative(),
  label: labelSchema.nullable(),
  uncertain: z.boolean(),
  note: z.string().max(10_000),
  keyframes: z.array(trackKeyframeSchema),
  /** The annotator whose version this is (null: made before people were set up, or by the local user). */
  ownerId: idSchema.nullable(),
  reviewState: reviewStateSchema,
  origin: segmentOriginSchema,
  /** A model's confidence in its pre-label, 0–1; null for people's tubes. */
  confidence: z.number().min(0).max(1).nullable(),
  /** Raised by every write; a write naming an older revision is a conflict. */
  revision: z.number().int().positive(),
  updatedAt: instantSchema,
});
export type Segment = z.infer<typeof segmentSchema>;
