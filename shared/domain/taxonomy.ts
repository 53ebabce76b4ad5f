import { z } from 'zod';
import { idSchema } from './ids';

export const taxonomyNodeSchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  name: z.string().min(1).max(200),
  definition: z.string(),
  includes: z.string(),
  excludes: z.string(),
  example: z.string(),
  /** A deprecated node stays readable on old labels but is not offered for new ones. */
  deprecated: z.boolean(),
  /** Where a merged node's labels went. */
  mergedInto: idSchema.nullable(),
  /** Position among its siblings. */
  order: z.number().int().nonnegative(),
});
export type TaxonomyNode = z.infer<typeof taxonomyNodeSchema>;

/** The taxonomy as the project holds it now. */
export const taxonomySchema = z.object({
  /** Raised by every change; labels record the version they were made with. */
  version: z.number().int().positive(),
  name: z.string(),
  /** Names of the levels, root first ("situation", "activity", "action"). */
  levels: z.array(z.string()),
  nodes: z.array(taxonomyNodeSchema),
});
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const taxonomyVersionSchema = z.object({
  version: z.number().int().positive(),
  at: z.string(),
  userId: idSchema.nullable(),
  summary: z.string(),
});
export type TaxonomyVersion = z.infer<typeof taxonomyVersionSchema>;
