import { z } from 'zod';
import { idSchema } from '../../domain/ids';
import { roleSchema, userSchema } from '../../domain/user';
import { empty } from './common';

const name = z.string().trim().min(1).max(200);
const password = z.string().min(1).max(1024);

export const authStatusSchema = z.object({
  /** open: the project has no people yet, and whoever opens it is its admin; secured: people sign in. */
  mode: z.enum(['open', 'secured']),
  /** Who this client is now (null: nobody signed in). */
  user: userSchema.nullable(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

/** A session: the HTTP host keeps its token in an HttpOnly cookie and never shows it to page scripts. */
export const sessionSchema = z.object({ token: z.string(), expiresAt: z.string() });

export const authMethods = {
  'auth.status': { request: empty, response: authStatusSchema },
  /** Signs in with a name and password (amelia serve). */
  'auth.signIn': {
    request: z.object({ name, password }).strict(),
    response: z.object({ user: userSchema, session: sessionSchema }),
  },
  'auth.signOut': { request: empty, response: z.object({ signedOut: z.boolean() }) },
  /** Picks the local profile of a desktop window (the Electron app; no password on one's own machine). */
  'auth.pickProfile': { request: z.object({ userId: idSchema }).strict(), response: userSchema },
  'users.list': { request: empty, response: z.array(userSchema) },
  /** Adds a person. The first person of a project must be an admin; from then on people sign in. */
  'users.create': {
    request: z.object({ name, role: roleSchema, password: password.optional() }).strict(),
    response: userSchema,
  },
  'users.update': {
    request: z
      .object({
        userId: idSchema,
        name: name.optional(),
        role: roleSchema.optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    response: userSchema,
  },
  /** Sets a password: an admin for anyone, anyone for themselves (with their current password). */
  'users.setPassword': {
    request: z.object({ userId: idSchema, password, currentPassword: password.optional() }).strict(),
    response: z.object({ userId: idSchema }),
  },
} as const;
