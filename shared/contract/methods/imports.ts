import { z } from 'zod';
import { idSchema } from '../../domain/ids';
import { writeMeta } from './common';

/**
 * Annotation files amelia reads:
 * - `cvat-video`: CVAT for video 1.1 XML (tracks of boxes, points, polylines, skeletons with keyframes and
 *   outside flags; labels and attributes);
 * - `activitynet`: ActivityNet JSON (temporal segments in seconds, by video);
 * - `ava`: AVA CSV (video, second, normalised box, action, person);
 * - `urfall`: UR Fall's per-frame label CSV (sequence, frame, -1 not lying / 0 falling / 1 lying);
 * - `manifest`: amelia's own dataset manifest.
 */
export const importFormatSchema = z.enum(['cvat-video', 'activitynet', 'ava', 'urfall', 'manifest']);
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** Largest annotation file read (a path or the text itself). */
export const MAX_ANNOTATION_FILE_BYTES = 64 * 1024 * 1024;

const importFields = {
  /** A file on the engine's machine. */
  path: z.string().min(1).max(4096).optional(),
  /** Or the file's text itself (an upload), with its name for messages. */
  text: z.string().max(MAX_ANNOTATION_FILE_BYTES).optional(),
  fileName: z.string().min(1).max(255).optional(),
  /** Found from the content where not given. */
  format: importFormatSchema.optional(),
  /** The video the annotations belong to (a manifest finds its videos by content). */
  videoId: idSchema.optional(),
  /** Which video or sequence of the file, where it holds several (an ActivityNet id, a UR Fall sequence). */
  source: z.string().min(1).max(500).optional(),
  /** Put one-person annotations (ActivityNet, UR Fall) on this person of the video rather than a new one. */
  actorId: idSchema.optional(),
  /** Seconds to subtract from the file's times (AVA counts from 900 s into the film). */
  timeOffsetSec: z.number().finite().min(-1e7).max(1e7).optional(),
  /** CVAT: take each tube's label from this attribute (`action` in amelia's own CVAT export). */
  labelAttribute: z.string().min(1).max(200).optional(),
  /** The file's labels and the taxonomy nodes they become; null leaves a label's tubes out. */
  mapping: z.record(z.string().max(500), idSchema.nullable()).optional(),
  /** Take the proposed node for every label the mapping does not name. */
  acceptProposals: z.boolean().default(false),
};

const exactlyOneInput = (r: { path?: string | undefined; text?: string | undefined }) =>
  (r.path === undefined) !== (r.text === undefined);
const inputMessage = { message: 'give the file as `path` or as `text`, not both', path: ['path'] };

export const importRequestSchema = z.object(importFields).strict().refine(exactlyOneInput, inputMessage);
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const importLabelSchema = z.object({
  /** The label as the file writes it (the key of `mapping`). */
  label: z.string(),
  /** What it means, where the format says (UR Fall's -1 is "not lying"). */
  display: z.string(),
  tubes: z.number().int().nonnegative(),
  /** The node it matches as it is (a node id or name, or a mapping of the taxonomy); null when unknown. */
  nodeId: idSchema.nullable(),
  /** The node the mapping names, or else the one proposed; null: none (the tubes are left out). */
  mappedTo: idSchema.nullable(),
  /** A node it may mean, with why; null where nothing fits. */
  proposal: idSchema.nullable(),
  reason: z.string(),
  /** Whether the mapping still needs to say what to do with it. */
  needsMapping: z.boolean(),
});
export type ImportLabel = z.infer<typeof importLabelSchema>;

export const importPreviewSchema = z.object({
  format: importFormatSchema,
  fileName: z.string(),
  /** The videos or sequences the file holds, with their tube counts. */
  sources: z.array(z.object({ key: z.string(), tubes: z.number().int().nonnegative() })),
  /** The one taken (null: all of them, as a manifest does). */
  source: z.string().nullable(),
  /** Where the tubes go: the file's video key and the project video (null where none matches). */
  videos: z.array(
    z.object({ source: z.string(), videoId: idSchema.nullable(), name: z.string().nullable() }),
  ),
  labels: z.array(importLabelSchema),
  actors: z.number().int().nonnegative(),
  tubes: z.number().int().nonnegative(),
  keyframes: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const annotationImportResultSchema = z.object({
  format: importFormatSchema,
  videoIds: z.array(idSchema),
  actorIds: z.array(idSchema),
  segmentIds: z.array(idSchema),
  /** Tubes left out because their label was mapped to nothing. */
  skipped: z.number().int().nonnegative(),
  /** The audit log entry of the import: one edit, which undo takes back whole. */
  editId: z.number().int().positive().nullable(),
  warnings: z.array(z.string()),
});
export type AnnotationImportResult = z.infer<typeof annotationImportResultSchema>;

export const importMethods = {
  /**
   * Reads an annotation file and says what it would import: its labels, which are known, which need a
   * mapping to taxonomy nodes (with a proposal), and the tubes. Changes nothing. A malformed file is an
   * `invalid_request` whose `where` names the place (file, line, element, attribute or field).
   */
  'imports.preview': { request: importRequestSchema, response: importPreviewSchema },
  /** Imports with a confirmed mapping, in one transaction and one undoable edit; nothing on any error. */
  'imports.commit': {
    request: z
      .object({ ...writeMeta, ...importFields })
      .strict()
      .refine(exactlyOneInput, inputMessage),
    response: annotationImportResultSchema,
  },
} as const;
