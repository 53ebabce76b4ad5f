import { z } from 'zod';

/** Every entity id is an opaque string (a UUID made by the engine). */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids hold only letters, digits, "-" and "_"');
export type Id = z.infer<typeof idSchema>;

/** ISO-8601 UTC instant, as written by `new Date().toISOString()`. */
export const instantSchema = z.string().datetime();
export type Instant = z.infer<typeof instantSchema>;
