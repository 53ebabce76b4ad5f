import { z } from 'zod';
import { idSchema, instantSchema } from './ids';

export const projectSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** Absolute path of the project folder. */
  dir: z.string(),
  /** The `PRAGMA user_version` of its database. */
  schemaVersion: z.number().int().nonnegative(),
  createdAt: instantSchema,
});
export type Project = z.infer<typeof projectSchema>;
