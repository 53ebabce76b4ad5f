import { z } from 'zod';
import { editEntrySchema } from '../../domain/edit';
import { idSchema } from '../../domain/ids';
import { writeMeta } from './common';

export const undoStateSchema = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** The edit an undo would undo now. */
  nextUndo: z.object({ editId: z.number().int().positive(), summary: z.string() }).nullable(),
});
export type UndoStateDto = z.infer<typeof undoStateSchema>;

export const undoResultSchema = undoStateSchema.extend({
  /** The entry the undo or redo wrote; null when there was nothing to undo or redo. */
  entry: editEntrySchema.nullable(),
});
export type UndoResult = z.infer<typeof undoResultSchema>;

export const editMethods = {
  /** Undoes this client's last edit (of any kind). A `conflict` if someone has changed it since. */
  'edits.undo': { request: z.object({ ...writeMeta }).strict(), response: undoResultSchema },
  'edits.redo': { request: z.object({ ...writeMeta }).strict(), response: undoResultSchema },
  'edits.state': { request: z.object({ ...writeMeta }).strict(), response: undoStateSchema },
  /**
   * Takes this client's next edit to undo (`editId`, as `nextUndo` named it) out of its undo history, for
   * one that cannot be undone any more: it stays as it is, and undo goes on with the edit before.
   */
  'edits.skipUndo': {
    request: z.object({ ...writeMeta, editId: z.number().int().positive() }).strict(),
    response: undoStateSchema.extend({ skipped: editEntrySchema }),
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
