import { z } from 'zod';
import { idSchema, instantSchema } from './ids';

/** `taxonomy` is the taxonomy's own fields (name, level names, mappings), under the id `taxonomy`. */
export const editedEntitySchema = z.enum(['actor', 'segment', 'taxonomyNode', 'taxonomy']);
export type EditedEntity = z.infer<typeof editedEntitySchema>;

/** One entity's state before and after an edit (null: it did not exist). */
export const entityChangeSchema = z.object({
  entity: editedEntitySchema,
  id: idSchema,
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type EntityChange = z.infer<typeof entityChangeSchema>;

/** An entry of the audit log: who changed what, when, from what to what. Undo and redo are entries too. */
export const editEntrySchema = z.object({
  id: z.number().int().positive(),
  at: instantSchema,
  userId: idSchema.nullable(),
  clientId: z.string().nullable(),
  videoId: idSchema.nullable(),
  kind: z.string(),
  summary: z.string(),
  /** For an undo or a redo: the edit it undid or redid. */
  refEditId: z.number().int().positive().nullable(),
  /** Whether this edit is undone now. */
  undone: z.boolean(),
  changes: z.array(entityChangeSchema),
});
export type EditEntry = z.infer<typeof editEntrySchema>;
