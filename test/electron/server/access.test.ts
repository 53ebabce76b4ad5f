import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_ACCESS } from '../../../shared/auth/access';
import { methodNames } from '../../../shared/contract/api';
import type { Role } from '../../../shared/domain/user';
import type { Engine } from '../../../electron/engine/engine';
import { createEngine } from '../../../electron/engine/engine';
import type { RunningServer } from '../../../electron/server/httpServer';
import { startHttpServer } from '../../../electron/server/httpServer';
import { tempDir } from '../../support/tempProject';

const ROLES: Role[] = ['annotator', 'expert', 'admin'];
const PASSWORD = 'a long enough password';

describe('who may call what, over HTTP', () => {
  const dir = tempDir();
  let engine: Engine;
  let server: RunningServer;
  const cookies: Partial<Record<Role, string>> = {};

  async function post(
    method: string,
    body: unknown,
    cookie?: string,
  ): Promise<{ status: number; json: { ok: boolean; error?: { code: string } } }> {
    const res = await fetch(`${server.url}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { ok: boolean; error?: { code: string } } };
  }

  beforeAll(async () => {
    const renderer = join(dir.dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    engine = await createEngine({ projectDir: join(dir.dir, 'project'), runJobs: false });
    server = await startHttpServer({ engine, rendererDir: renderer, port: 0 });
    // An open project: the first person is made without signing in, and must be an admin.
    expect((await post('users.create', { name: 'admin', role: 'admin', password: PASSWORD })).status).toBe(
      200,
    );
    for (const role of ROLES) {
      if (role !== 'admin') {
        const made = await post('users.create', { name: role, role, password: PASSWORD });
        expect(made.status).toBe(401);
      }
    }
    const admin = await fetch(`${server.url}api/auth.signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'admin', password: PASSWORD }),
    });
    const adminCookie = (admin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    cookies.admin = adminCookie;
    for (const role of ['annotator', 'expert'] as const) {
      expect((await post('users.create', { name: role, role, password: PASSWORD }, adminCookie)).status).toBe(
        200,
      );
      const res = await fetch(`${server.url}api/auth.signIn`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: role, password: PASSWORD }),
      });
      cookies[role] = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    }
  });

  afterAll(async () => {
    await server.close();
    await engine.close();
    dir.remove();
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie and never in the reply body', async () => {
    const res = await fetch(`${server.url}api/auth.signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'expert', password: PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^amelia_session=[A-Za-z0-9_-]{40,}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/,
    );
    const body = (await res.json()) as { value: { session: { token: string } } };
    expect(body.value.session.token).toBe('');
  });

  it.each(methodNames)(
    '%s: exactly the roles its access allows, and nothing without signing in',
    async (method) => {
      const access = METHOD_ACCESS[method];
      const anonymous = await post(method, {});
      if (access === 'public') expect([401, 403]).not.toContain(anonymous.status);
      else
        expect({ status: anonymous.status, code: anonymous.json.error?.code }).toEqual({
          status: 401,
          code: 'unauthenticated',
        });
      for (const role of ROLES) {
        if (method === 'auth.signOut') continue; // it would end the role's session for the next methods
        const r = await post(method, {}, cookies[role]);
        const permitted = access === 'public' || access.includes(role);
        if (permitted) expect([401, 403], `${role} is allowed ${method}`).not.toContain(r.status);
        else
          expect({ role, status: r.status, code: r.json.error?.code }).toEqual({
            role,
            status: 403,
            code: 'forbidden',
          });
      }
    },
  );

  it('refuses events, media and uploads without a session once people are set up', async () => {
    expect((await fetch(`${server.url}events`)).status).toBe(401);
    expect((await fetch(`${server.url}media/abc/poster.jpg`)).status).toBe(401);
    const upload = await fetch(`${server.url}upload`, {
      method: 'POST',
      headers: { 'x-amelia-file-name': 'x.mp4', Cookie: cookies.annotator ?? '' },
      body: 'xx',
    });
    expect(upload.status).toBe(403);
  });

  it('ends the session on sign-out', async () => {
    const out = await fetch(`${server.url}api/auth.signOut`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookies.expert ?? '' },
      body: '{}',
    });
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await post('videos.list', {}, cookies.expert)).status).toBe(401);
  });
});
