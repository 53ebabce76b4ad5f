import { z } from 'zod';
import type { ReviewState } from '../review/states';
import { reviewStateSchema } from '../review/states';
import { trackKeyframeSchema } from '../domain/annotation';
import { idSchema, instantSchema } from '../domain/ids';
import { taxonomyDocumentSchema } from '../taxonomy/document';

/** Review state of a tube: the review loop's states, a filter of exports and a field of the manifest. */
export const tubeStateSchema = reviewStateSchema;
export type TubeState = ReviewState;

export const MANIFEST_FORMAT = 'amelia-dataset';
export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** Keys name things inside a dataset (and its file names): opaque, never personal data. */
const keySchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a key is letters, digits, "-" and "_"');

export const manifestActorSchema = z
  .object({
    key: keySchema,
    number: z.number().int().positive(),
    /** The person's name where the export was told to include names; null otherwise. */
    name: z.string().max(200).nullable(),
    color: z.string().regex(/^#[0-9a-f]{6}$/i),
  })
  .strict();

export const manifestVideoSchema = z
  .object({
    key: keySchema,
    /** The original file name where the export was told to include names; null otherwise. */
    name: z.string().max(1000).nullable(),
    /** SHA-256 of the original's bytes: how an import finds the video in a project. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    frameCount: z.number().int().positive(),
    fps: z.number().positive(),
    durationSec: z.number().nonnegative(),
    split: z.string().nullable(),
    actors: z.array(manifestActorSchema),
  })
  .strict();
export type ManifestVideo = z.infer<typeof manifestVideoSchema>;

export const manifestLabelSchema = z
  .object({
    nodeId: idSchema,
    name: z.string(),
    /** The node and its ancestors, from the top level down. */
    path: z.array(z.object({ id: idSchema, name: z.string() }).strict()).min(1),
    /** The taxonomy version the label was made with, in the exporting project. */
    taxonomyVersion: z.number().int().positive(),
    userId: z.string().max(64).nullable(),
    at: instantSchema,
  })
  .strict();

export const manifestTubeSchema = z
  .object({
    key: keySchema,
    videoKey: keySchema,
    actorKey: keySchema,
    startFrame: z.number().int().nonnegative(),
    /** Inclusive. */
    endFrame: z.number().int().nonnegative(),
    frameCount: z.number().int().positive(),
    keyframes: z.array(trackKeyframeSchema),
    label: manifestLabelSchema.nullable(),
    /** Index into `classes`; null for a tube without a class at the exported level. */
    class: z.number().int().nonnegative().nullable(),
    uncertain: z.boolean(),
    /** Null where the export left notes out. */
    note: z.string().max(10_000).nullable(),
    state: tubeStateSchema,
    /** User ids of the people who worked on the tube (`local`: without signing in). */
    annotators: z.array(z.string().max(64)),
    split: z.string().nullable(),
    /** Files of this tube in the dataset, by format (paths relative to the dataset folder). */
    files: z.record(z.string(), z.string()),
  })
  .strict()
  .refine((t) => t.endFrame >= t.startFrame, {
    message: 'a tube ends at or after its start',
    path: ['endFrame'],
  })
  .refine((t) => t.frameCount === t.endFrame - t.startFrame + 1, {
    message: 'frameCount is endFrame - startFrame + 1',
    path: ['frameCount'],
  });
export type ManifestTube = z.infer<typeof manifestTubeSchema>;

export const manifestClassSchema = z
  .object({
    index: z.number().int().nonnegative(),
    nodeId: idSchema,
    name: z.string(),
    path: z.array(z.string()),
  })
  .strict();

export const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    formatVersion: z.literal(MANIFEST_VERSION),
    name: z.string().max(200),
    createdAt: instantSchema,
    generator: z.string().max(200),
    taxonomy: z
      .object({
        name: z.string(),
        version: z.number().int().positive(),
        levels: z.array(z.string()),
        document: taxonomyDocumentSchema,
      })
      .strict(),
    /** Taxonomy level of the classes; null: each tube's own label. */
    level: z.number().int().positive().nullable(),
    classes: z.array(manifestClassSchema),
    splits: z
      .object({
        method: z.string(),
        seed: z.number().int().nonnegative().nullable(),
        parts: z.array(
          z
            .object({
              name: z.string(),
              weight: z.number().nonnegative(),
              videos: z.array(keySchema),
              tubes: z.array(keySchema),
            })
            .strict(),
        ),
      })
      .strict(),
    privacy: z
      .object({
        names: z.boolean(),
        notes: z.boolean(),
        pixels: z.boolean(),
        blur: z.string(),
      })
      .strict(),
    annotators: z.array(z.object({ id: z.string().max(64), name: z.string().nullable() }).strict()),
    videos: z.array(manifestVideoSchema),
    tubes: z.array(manifestTubeSchema),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;
