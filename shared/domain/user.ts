import { z } from 'zod';
import { idSchema } from './ids';

export const roleSchema = z.enum(['annotator', 'expert', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  role: roleSchema,
  /** A disabled user cannot sign in; their work stays. */
  disabled: z.boolean(),
  /** Whether a password is set (required to sign in to `amelia serve`). */
  hasPassword: z.boolean(),
});
export type User = z.infer<typeof userSchema>;
