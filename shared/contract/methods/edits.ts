import { z } from 'zod';
import { editEntrySchema } from '../../domain/edit';
import { idSchema } from '../../domain/ids';
import { writeMeta } from './common';

export const undoResultSchema = z.object({
  /** The entry the undo or redo wrote; null when there was nothing to undo or redo. */
  entry: editEntrySchema.nullable(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
});
export type UndoResult = z.infer<typeof undoResultSchema>;

export const editMethods = {
  /** Undoes this client's last edit (of any kind). A `conflict` if someone has changed it since. */
  'edits.undo': { request: z.object({ ...writeMeta }).strict(), response: undoResultSchema },
  'edits.redo': { request: z.object({ ...writeMeta }).strict(), response: undoResultSchema },
  'edits.state': {
    request: z.object({ ...writeMeta }).strict(),
    response: z.object({ canUndo: z.boolean(), canRedo: z.boolean() }),
  },
  /** The audit log, newest first: of a video, a segment, or the whole project. */
  'edits.list': {
    request: z
      .object({
        videoId: idSchema.optional(),
        segmentId: idSchema.optional(),
        limit: z.number().int().positive().max(10_000).default(500),
      })
      .strict(),
    response: z.array(editEntrySchema),
  },
} as const;
