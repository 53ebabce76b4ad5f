import { describe, expect, it } from 'vitest';
import type { MethodName, RequestOf, ResponseOf } from '../../../shared/contract/api';
import type { Envelope } from '../../../shared/contract/envelope';
import type { User } from '../../../shared/domain/user';
import { createClient } from '../../../renderer/src/api/client';
import type { Transport } from '../../../renderer/src/api/transport';
import { currentRole } from '../../../renderer/src/store/role';
import { createAppStore } from '../../../renderer/src/store/store';

const EVE: User = { id: 'u-eve', name: 'Eve', role: 'expert', disabled: false, hasPassword: false };
const ANN: User = { id: 'u-ann', name: 'Ann', role: 'annotator', disabled: false, hasPassword: true };

type Answer = (request: unknown) => Envelope<unknown>;

/** A transport answering some methods as an engine would; anything else fails as `unsupported`. */
function fakeTransport(kind: Transport['kind'], answers: Partial<Record<MethodName, Answer>>) {
  const calls: { method: MethodName; request: unknown }[] = [];
  let reconnects = 0;
  const transport: Transport = {
    kind,
    call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<Envelope<ResponseOf<M>>> {
      calls.push({ method, request });
      const answer = answers[method];
      const envelope = answer
        ? answer(request)
        : { ok: false as const, error: { code: 'unsupported' as const, message: `${method} is not faked` } };
      return Promise.resolve(envelope as Envelope<ResponseOf<M>>);
    },
    subscribe: () => () => undefined,
    reconnectEvents: () => {
      reconnects++;
    },
  };
  return { transport, calls, reconnects: () => reconnects };
}

const ok = (value: unknown): Envelope<unknown> => ({ ok: true, value });
const refused = (code: 'unauthenticated' | 'forbidden', message: string): Envelope<unknown> => ({
  ok: false,
  error: { code, message },
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the session in the store', () => {
  it('lets anyone straight in to an open project, as its admin', async () => {
    const fake = fakeTransport('http', { 'auth.status': () => ok({ mode: 'open', user: null }) });
    const store = createAppStore(createClient(fake.transport));
    await store.getState().checkSession();
    const s = store.getState();
    expect([s.sessionPhase, s.authMode, s.user, currentRole(s)]).toEqual(['ready', 'open', null, 'admin']);
    // Once in, what the pages need is loaded.
    expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['videos.list', 'users.list']));
  });

  it('shows a desktop window the profiles, and goes in as the one picked', async () => {
    let picked: User | null = null;
    const fake = fakeTransport('electron', {
      'auth.status': () =>
        ok({
          mode: 'secured',
          user: picked,
          profiles: [
            { id: ANN.id, name: ANN.name, role: ANN.role },
            { id: EVE.id, name: EVE.name, role: EVE.role },
          ],
        }),
      'auth.pickProfile': (r) => {
        picked = (r as { userId: string }).userId === EVE.id ? EVE : ANN;
        return ok(picked);
      },
    });
    const store = createAppStore(createClient(fake.transport));
    await store.getState().checkSession();
    expect(store.getState().sessionPhase).toBe('signedOut');
    expect(store.getState().profiles.map((p) => p.name)).toEqual(['Ann', 'Eve']);
    expect(currentRole(store.getState())).toBeNull();
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.status']);

    expect(await store.getState().pickProfile(EVE.id)).toBeNull();
    const s = store.getState();
    expect([s.sessionPhase, s.user?.name, currentRole(s)]).toEqual(['ready', 'Eve', 'expert']);
    expect(fake.calls.find((c) => c.method === 'auth.pickProfile')?.request).toEqual({ userId: EVE.id });
    expect(fake.reconnects()).toBe(1);
  });

  it('keeps the sign-in screen with the engine’s message for a wrong password', async () => {
    const fake = fakeTransport('http', {
      'auth.status': () => ok({ mode: 'secured', user: null }),
      'auth.signIn': () => refused('unauthenticated', 'Wrong name or password (or the account is disabled).'),
    });
    const store = createAppStore(createClient(fake.transport));
    await store.getState().checkSession();
    expect(await store.getState().signIn('Ann', 'nope')).toMatch(/Wrong name or password/);
    expect(store.getState().sessionPhase).toBe('signedOut');
    // A refused sign-in is not a lost session: no message over the form.
    expect(store.getState().sessionMessage).toBeNull();
  });

  it('goes back to signing in when a call finds the session gone, and forgets what was shown', async () => {
    let signedIn: User | null = ANN;
    const fake = fakeTransport('http', {
      'auth.status': () => ok({ mode: 'secured', user: signedIn }),
      'work.queue': () => refused('unauthenticated', 'Sign in first.'),
    });
    const store = createAppStore(createClient(fake.transport));
    await store.getState().checkSession();
    expect(store.getState().sessionPhase).toBe('ready');
    signedIn = null;
    await store.getState().loadWorkQueue();
    await settle();
    const s = store.getState();
    expect([s.sessionPhase, s.user, s.workQueue]).toEqual(['signedOut', null, null]);
    expect(s.sessionMessage).toMatch(/Your session has ended/);
  });

  it('signs out: the engine is told, and the app asks again who is working', async () => {
    let signedIn: User | null = ANN;
    const fake = fakeTransport('http', {
      'auth.status': () => ok({ mode: 'secured', user: signedIn }),
      'auth.signOut': () => {
        signedIn = null;
        return ok({ signedOut: true });
      },
    });
    const store = createAppStore(createClient(fake.transport));
    await store.getState().checkSession();
    await store.getState().signOut();
    const s = store.getState();
    expect([s.sessionPhase, s.user, s.sessionMessage]).toEqual(['signedOut', null, null]);
    expect(fake.calls.map((c) => c.method).slice(-2)).toEqual(['auth.signOut', 'auth.status']);
  });
});
