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
  deprecated: z.boolean(),
  /** Position among its siblings. */
  order: z.number().int().nonnegative(),
});
export type TaxonomyNode = z.infer<typeof taxonomyNodeSchema>;
