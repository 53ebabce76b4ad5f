import { z } from 'zod';

export const empty = z.object({}).strict();

/**
 * Every write names the client it comes from (a window or a browser tab): each client has its own undo
 * history, and the audit log says where a change was made.
 */
export const clientIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const writeMeta = { clientId: clientIdSchema };
