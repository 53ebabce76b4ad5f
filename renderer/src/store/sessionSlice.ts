import type { AuthStatus, Profile } from '../../../shared/contract/api';
import type { User } from '../../../shared/domain/user';
import { errorMessage } from '../api/client';
import { initialPeopleState } from './peopleSlice';
import { initialReviewState } from './reviewSlice';
import type { SliceCreator } from './types';

/**
 * Where the session stands: asking the engine, nobody signed in (the sign-in screen or the profile
 * picker), someone (or, in an open project, whoever opened it) working, or the engine out of reach.
 */
export type SessionPhase = 'checking' | 'signedOut' | 'ready' | 'unreachable';

export interface SessionState {
  authMode: AuthStatus['mode'] | null;
  /** Who is signed in (null in an open project: whoever opens it is its admin). */
  user: User | null;
  /** The profiles a desktop window can pick (empty over HTTP). */
  profiles: Profile[];
  sessionPhase: SessionPhase;
  /** Why the sign-in screen shows, where it is not the start (a session that ended). */
  sessionMessage: string | null;
}

export interface SessionSlice extends SessionState {
  /** Asks the engine who this client is; once someone is, loads what the app shows. */
  checkSession(): Promise<void>;
  /** Signs in with a name and password (`amelia serve`); the engine's refusal, or null when signed in. */
  signIn(name: string, password: string): Promise<string | null>;
  /** Picks a desktop profile; the engine's refusal, or null. */
  pickProfile(userId: string): Promise<string | null>;
  signOut(): Promise<void>;
  /** The engine no longer knows this client: back to signing in. */
  sessionLost(): void;
  /** Loads what every page needs, for the person now signed in. */
  loadAppData(): Promise<void>;
}

export const initialSessionState: SessionState = {
  authMode: null,
  user: null,
  profiles: [],
  sessionPhase: 'checking',
  sessionMessage: null,
};

export const createSessionSlice: SliceCreator<SessionSlice> = (client) => (set, get) => {
  function enter(status: AuthStatus): void {
    const signedIn = status.mode === 'open' || status.user !== null;
    set({
      authMode: status.mode,
      user: status.user,
      profiles: status.profiles ?? [],
      sessionPhase: signedIn ? 'ready' : 'signedOut',
    });
    if (signedIn) {
      set({ sessionMessage: null });
      client.transport.reconnectEvents?.();
      void get().loadAppData();
    }
  }

  function forgetPersonalData(): void {
    // What the last person saw goes with them; the next one loads their own.
    set({ ...initialReviewState, ...initialPeopleState, videos: {}, videoOrder: [], videosLoaded: false });
  }

  return {
    ...initialSessionState,
    async checkSession() {
      try {
        enter(await client.call('auth.status', {}));
      } catch (err) {
        set({ sessionPhase: 'unreachable', sessionMessage: errorMessage(err) });
      }
    },
    async signIn(name, password) {
      try {
        await client.call('auth.signIn', { name, password });
      } catch (err) {
        return errorMessage(err);
      }
      await get().checkSession();
      return null;
    },
    async pickProfile(userId) {
      try {
        await client.call('auth.pickProfile', { userId });
      } catch (err) {
        return errorMessage(err);
      }
      await get().checkSession();
      return null;
    },
    async signOut() {
      try {
        await client.call('auth.signOut', {});
      } catch (err) {
        get().notify('error', `Cannot sign out: ${errorMessage(err)}`);
        return;
      }
      set({ user: null, sessionMessage: null });
      forgetPersonalData();
      client.transport.reconnectEvents?.();
      await get().checkSession();
    },
    sessionLost() {
      if (get().sessionPhase !== 'ready') return;
      set({
        user: null,
        sessionPhase: 'signedOut',
        sessionMessage: 'Your session has ended: sign in again to go on where you were.',
      });
      forgetPersonalData();
      // The project may have changed meanwhile (people added or removed): ask again.
      void client
        .call('auth.status', {})
        .then((status) => {
          if (get().sessionPhase === 'signedOut') {
            if (status.mode === 'open' || status.user !== null) enter(status);
            else set({ authMode: status.mode, profiles: status.profiles ?? [] });
          }
        })
        .catch(() => undefined);
    },
    async loadAppData() {
      const s = get();
      await Promise.all([
        s.loadSystem(),
        s.loadVideos(),
        s.loadJobs(),
        s.loadTaxonomy(),
        s.loadUndoState(),
        s.loadUsers(),
      ]);
    },
  };
};
