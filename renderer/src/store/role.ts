import type { Role } from '../../../shared/domain/user';
import type { AppStore } from './types';

/** The role the engine grants this client: the user's, or admin in an open project; null before signing in. */
export function currentRole(s: Pick<AppStore, 'user' | 'authMode'>): Role | null {
  if (s.user) return s.user.role;
  return s.authMode === 'open' ? 'admin' : null;
}
