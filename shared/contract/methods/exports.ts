import { z } from 'zod';
import { idSchema, instantSchema } from '../../domain/ids';
import { jobSchema } from '../../domain/job';
import { tubeStateSchema } from '../../dataset/manifest';

/**
 * What a dataset export can write:
 * - `manifest`: amelia's own JSON (videos, actors, tubes, labels with their taxonomy path, states, splits);
 *   it imports back with nothing lost;
 * - `clips`: every tube cut to its frames and cropped to its box track, H.264 MP4;
 * - `pyskl`: skeletons as the MMAction2 / PYSKL pickle (2D and 3D variants) with its label map;
 * - `coco`: COCO keypoints JSON, one record per person and frame (2D);
 * - `cvat`: CVAT for video 1.1 XML, one file per video;
 * - `ava`: AVA-style CSV (one row per person, second and action) with its label map;
 * - `card`: the dataset card (README.md).
 */
export const exportFormatSchema = z.enum(['manifest', 'clips', 'pyskl', 'coco', 'cvat', 'ava', 'card']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;
export const EXPORT_FORMATS: readonly ExportFormat[] = exportFormatSchema.options;

/** Split names become file names: lower-case letters, digits, "-" and "_". */
export const splitNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a split name is lower-case letters, digits, "-" and "_", from a letter');

/** Which tubes: every filter narrows the selection; none given, every labelled tube of every video. */
export const exportSelectionSchema = z
  .object({
    videoIds: z.array(idSchema).min(1).max(100_000).optional(),
    /** Review states to take (every tube is a draft until the review loop lands). */
    states: z.array(tubeStateSchema).min(1).optional(),
    /** Tubes labelled with one of these nodes or a node below one of them. */
    labels: z.array(idSchema).min(1).max(10_000).optional(),
    /** Tubes one of these people worked on (user ids; `local` for edits made without signing in). */
    annotators: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional(),
    /** Tubes last changed in this period (inclusive). */
    changedFrom: instantSchema.optional(),
    changedTo: instantSchema.optional(),
    /** Also tubes without a label (the manifest and CVAT keep them; class formats leave them out). */
    includeUnlabelled: z.boolean().default(false),
  })
  .strict();
export type ExportSelection = z.infer<typeof exportSelectionSchema>;

export const exportSplitsSchema = z
  .object({
    /** The splits and their shares (weights, normalised). */
    parts: z
      .array(z.object({ name: splitNameSchema, weight: z.number().finite().nonnegative() }).strict())
      .min(1)
      .max(10)
      .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, 'split names must differ')
      .refine((ps) => ps.some((p) => p.weight > 0), 'at least one split needs a weight above 0'),
    /** The same seed on the same tubes gives the same splits. */
    seed: z.number().int().min(0).max(4_294_967_295).default(0),
    /** Balance the classes across splits (else only the sizes). */
    stratify: z.boolean().default(true),
  })
  .strict();
export type ExportSplits = z.infer<typeof exportSplitsSchema>;

export const DEFAULT_SPLITS: z.input<typeof exportSplitsSchema> = {
  parts: [
    { name: 'train', weight: 0.7 },
    { name: 'val', weight: 0.15 },
    { name: 'test', weight: 0.15 },
  ],
  seed: 0,
  stratify: true,
};

export const clipOptionsSchema = z
  .object({
    /**
     * `stable`: one crop for the whole tube that covers every box of its track; `follow`: a crop of fixed
     * size that follows the box; `none`: the whole frame.
     */
    crop: z.enum(['stable', 'follow', 'none']).default('stable'),
    /** Added around the box on every side, as a share of the box's size. */
    margin: z.number().min(0).max(2).default(0.1),
    /**
     * `others`: blurs everything outside a window that follows the actor's box, hiding other people in
     * the clip (no face detector is used: the actor's own face stays as it is).
     */
    blur: z.enum(['none', 'others']).default('none'),
    /** x264 quality (lower is better and bigger). */
    crf: z.number().int().min(0).max(51).default(18),
  })
  .strict();
export type ClipOptions = z.infer<typeof clipOptionsSchema>;

export const privacyOptionsSchema = z
  .object({
    /** Poses and annotations only: no clip, no pixel of the footage. */
    poseOnly: z.boolean().default(false),
    /** Original video file names and people's names in the manifest and the card. */
    includeNames: z.boolean().default(false),
    /** Tubes' free-text notes in the manifest. */
    includeNotes: z.boolean().default(false),
    /** File names that say what is in them (labels, video names), made safe; otherwise opaque keys. */
    descriptiveFileNames: z.boolean().default(false),
  })
  .strict();
export type PrivacyOptions = z.infer<typeof privacyOptionsSchema>;

/** What the dataset card cannot know: the person exporting fills these in. */
export const cardFieldsSchema = z
  .object({
    title: z.string().max(200).optional(),
    description: z.string().max(20_000).optional(),
    licence: z.string().max(20_000).optional(),
    consent: z.string().max(20_000).optional(),
    contact: z.string().max(2_000).optional(),
  })
  .strict();
export type CardFields = z.infer<typeof cardFieldsSchema>;

export const exportOptionsSchema = z
  .object({
    /** The dataset folder to make (absolute path); it must not exist unless `overwrite` is set. */
    outDir: z.string().min(1).max(4096),
    /** Replace an earlier amelia export (or an empty folder) at `outDir`; never any other folder. */
    overwrite: z.boolean().default(false),
    formats: z
      .array(exportFormatSchema)
      .min(1)
      .refine((fs) => new Set(fs).size === fs.length, 'each format once')
      .default([...EXPORT_FORMATS]),
    selection: exportSelectionSchema.prefault({}),
    /** Taxonomy level of the classes (1 = the top level); null: each tube's own label. */
    level: z.number().int().min(1).max(12).nullable().default(null),
    /** null: no splits (every tube in `all`). */
    splits: exportSplitsSchema.nullable().prefault(DEFAULT_SPLITS),
    clips: clipOptionsSchema.prefault({}),
    privacy: privacyOptionsSchema.prefault({}),
    /** Skeleton variants: image coordinates (2D), world coordinates in metres (3D). */
    skeletons: z
      .array(z.enum(['2d', '3d']))
      .min(1)
      .refine((vs) => new Set(vs).size === vs.length, 'each variant once')
      .default(['2d', '3d']),
    /** CVAT: tube labels as CVAT labels, or as an `action` attribute of one `person` label. */
    cvatLabels: z.enum(['labels', 'attribute']).default('labels'),
    card: cardFieldsSchema.prefault({}),
  })
  .strict()
  .refine((o) => !(o.privacy.poseOnly && o.formats.includes('clips')), {
    message: 'a pose-only export writes no clips: leave out the clips format or pose-only',
    path: ['formats'],
  });
export type ExportOptions = z.infer<typeof exportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;

export const exportClassSchema = z.object({
  index: z.number().int().nonnegative(),
  nodeId: idSchema,
  name: z.string(),
  /** Names from the top of the taxonomy down to the class. */
  path: z.array(z.string()),
  tubes: z.number().int().nonnegative(),
});
export type ExportClass = z.infer<typeof exportClassSchema>;

export const exportSplitSummarySchema = z.object({
  name: z.string(),
  weight: z.number(),
  videos: z.number().int().nonnegative(),
  persons: z.number().int().nonnegative(),
  tubes: z.number().int().nonnegative(),
  frames: z.number().int().nonnegative(),
  /** Tubes per class index (as text), `unlabelled` for tubes without a class. */
  classes: z.record(z.string(), z.number().int().nonnegative()),
});
export type ExportSplitSummary = z.infer<typeof exportSplitSummarySchema>;

/** What an export would write, computed without writing anything. */
export const exportPlanSchema = z.object({
  videos: z.number().int().nonnegative(),
  tubes: z.number().int().nonnegative(),
  frames: z.number().int().nonnegative(),
  tubesWithPoses: z.number().int().nonnegative(),
  classes: z.array(exportClassSchema),
  splits: z.array(exportSplitSummarySchema),
  /** Tubes the selection found but the export leaves out, and why. */
  leftOut: z.array(z.object({ reason: z.string(), tubes: z.number().int().positive() })),
  warnings: z.array(z.string()),
});
export type ExportPlanSummary = z.infer<typeof exportPlanSchema>;

export const exportMethods = {
  /** What an export with these options would write (counts, classes, splits); writes nothing. */
  'exports.preview': { request: exportOptionsSchema, response: exportPlanSchema },
  /** Starts an export job: progress and cancel as every job; the folder appears only when it is complete. */
  'exports.start': { request: exportOptionsSchema, response: jobSchema },
} as const;
