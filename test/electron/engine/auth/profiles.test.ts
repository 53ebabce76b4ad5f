import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../../electron/engine/api/types';
import { callsAs } from '../../../support/callAs';
import { useTempEngine } from '../../../support/tempEngine';

describe('the desktop’s profile picker', () => {
  const t = useTempEngine();
  const { call } = callsAs(t);
  const desktop: Caller = { userId: null, desktop: true };
  const http: Caller = { userId: null, sessionToken: null };
  let disabledId = '';

  it('lists the enabled people by name and role to a desktop window only, with nothing of their passwords', async () => {
    expect((await call('auth.status', {}, desktop)).profiles).toEqual([]);
    const admin = await call(
      'users.create',
      { name: 'Ada', role: 'admin', password: 'admin password' },
      desktop,
    );
    const ann = await call(
      'users.create',
      { name: 'Ann', role: 'annotator', password: 'Ann password!' },
      { userId: admin.id },
    );
    const gone = await call('users.create', { name: 'Zed', role: 'expert' }, { userId: admin.id });
    await call('users.update', { userId: gone.id, disabled: true }, { userId: admin.id });
    disabledId = gone.id;

    const status = await call('auth.status', {}, desktop);
    expect(status).toEqual({
      mode: 'secured',
      user: null,
      profiles: [
        { id: admin.id, name: 'Ada', role: 'admin' },
        { id: ann.id, name: 'Ann', role: 'annotator' },
      ],
    });
    expect(JSON.stringify(status)).not.toMatch(/password|hash|salt/i);
    // Over HTTP nobody learns who has an account before signing in; users.list stays closed to them.
    expect(await call('auth.status', {}, http)).toEqual({ mode: 'secured', user: null });
    const refused = await t.engine.call('users.list', {}, desktop);
    expect(refused.ok ? 'allowed' : refused.error.code).toBe('unauthenticated');
  });

  it('picks a profile by id (a disabled one is refused), after which the window calls as that person', async () => {
    const disabled = await t.engine.call('auth.pickProfile', { userId: disabledId }, desktop);
    expect(disabled.ok ? 'picked' : disabled.error.message).toBe('Zed is disabled.');
    const { profiles = [] } = await call('auth.status', {}, desktop);
    const ann = profiles.find((p) => p.name === 'Ann');
    expect(ann).toBeDefined();
    const picked = await call('auth.pickProfile', { userId: ann?.id ?? '' }, desktop);
    expect(picked.role).toBe('annotator');
    const asAnn: Caller = { userId: picked.id, desktop: true };
    expect((await call('auth.status', {}, asAnn)).user?.name).toBe('Ann');
    const list = await t.engine.call('users.create', { name: 'X', role: 'annotator' }, asAnn);
    expect(list.ok ? 'allowed' : list.error.code).toBe('forbidden');
  });
});
