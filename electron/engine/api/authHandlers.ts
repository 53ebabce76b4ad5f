import { AmeliaError } from '../../../shared/contract/envelope';
import type { EngineContext } from '../context';
import { createSession, endSession } from '../auth/sessions';
import {
  checkCredentials,
  createUser,
  currentPasswordMatches,
  getUser,
  listUsers,
  projectMode,
  requireUser,
  setPassword,
  updateUser,
} from '../auth/users';
import type { HandlerGroup } from './types';

type AuthMethod =
  | `auth.${'status' | 'signIn' | 'signOut' | 'pickProfile'}`
  | `users.${'list' | 'create' | 'update' | 'setPassword'}`;

/** Failed sign-ins per name: after this many in the window, that name waits. */
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 10 * 60_000;

/** People, roles and sign-in. The hosts keep the session (an HttpOnly cookie, a window's profile). */
export function authHandlers(ctx: EngineContext): HandlerGroup<AuthMethod> {
  const { db } = ctx;
  const failures = new Map<string, number[]>();

  return {
    'auth.status': (_req, who) => ({
      mode: projectMode(db),
      user: who.userId ? getUser(db, who.userId) : null,
    }),
    'auth.signIn': async ({ name, password }) => {
      const key = name.toLowerCase();
      const now = ctx.now().getTime();
      const recent = (failures.get(key) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
      if (recent.length >= MAX_FAILURES) {
        throw new AmeliaError(
          'unauthenticated',
          'Too many failed sign-ins for this name: wait a few minutes and try again.',
        );
      }
      const user = await checkCredentials(db, name, password);
      if (!user) {
        failures.set(key, [...recent, now]);
        throw new AmeliaError('unauthenticated', 'Wrong name or password (or the account is disabled).');
      }
      failures.delete(key);
      const session = createSession(db, user.id, now);
      return {
        user,
        session: { token: session.token, expiresAt: new Date(session.expiresAt).toISOString() },
      };
    },
    'auth.signOut': (_req, who) => ({
      signedOut: who.sessionToken ? endSession(db, who.sessionToken) : false,
    }),
    'auth.pickProfile': ({ userId }) => {
      const user = requireUser(db, userId);
      if (user.disabled) throw new AmeliaError('forbidden', `${user.name} is disabled.`, 'userId');
      return user;
    },
    'users.list': () => listUsers(db),
    'users.create': (input) => createUser(db, ctx.newId(), input, ctx.now().toISOString()),
    'users.update': ({ userId, ...patch }) => updateUser(db, userId, patch),
    'users.setPassword': async ({ userId, password, currentPassword }, who) => {
      if (who.role !== 'admin') {
        if (who.userId !== userId)
          throw new AmeliaError('forbidden', 'Only an admin sets another person’s password.', 'userId');
        if (!currentPassword || !(await currentPasswordMatches(db, userId, currentPassword))) {
          throw new AmeliaError('forbidden', 'Your current password is not right.', 'currentPassword');
        }
      }
      await setPassword(db, userId, password);
      return { userId };
    },
  };
}
