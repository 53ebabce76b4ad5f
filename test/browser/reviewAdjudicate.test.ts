import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../support/data';
import { tempDir } from '../support/tempProject';
import type { LaunchedBrowser } from './support/browser';
import { launchChromium } from './support/browser';
import type { ServeProcess } from './support/server';
import { startServe } from './support/server';
import { selectedSegmentId } from './support/ui';
import { api, importPlayable, settled } from './support/workspace';

/** UP-Fall, activity 1 (falling forward using hands), subject 1, trial 1, camera 2. */
const CLIP = dataPath('upfall/Activity1/Subject1/Trial1Cam2.mp4');
const CLIP_NAME = 'Trial1Cam2.mp4';
const PEOPLE = {
  ada: { name: 'Ada', role: 'admin', password: 'ada admin password' },
  ann: { name: 'Ann', role: 'annotator', password: 'ann annotator password' },
  bob: { name: 'Bob', role: 'annotator', password: 'bob annotator password' },
  eve: { name: 'Eve', role: 'expert', password: 'eve expert password' },
} as const;
type Who = keyof typeof PEOPLE;

/**
 * The other way an expert settles a dispute: a final version of their own, edited in the workspace. The
 * project is seeded through the API (people, assignment, both annotators' tubes and submits); the expert and an
 * annotator then work in Chromium.
 */
describe('adjudicating a dispute in Chromium: a final version made to edit', () => {
  const work = tempDir('amelia-adjudicate-');
  let server: ServeProcess;
  let chromium: LaunchedBrowser;
  const contexts: BrowserContext[] = [];
  const cookies: Partial<Record<Who, string>> = {};
  const consoleErrors: string[] = [];
  let videoId = '';
  const tube = { ann: '', bob: '' };
  let finalId = '';

  async function signInCookie(who: Who): Promise<string> {
    const { name, password } = PEOPLE[who];
    const res = await fetch(new URL('/api/auth.signIn', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    if (res.status !== 200) throw new Error(`${who} cannot sign in: ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    cookies[who] = cookie;
    return cookie;
  }
  const cookie = (who: Who): string => {
    const c = cookies[who];
    if (!c) throw new Error(`${who} is not signed in`);
    return c;
  };

  async function signedInPage(who: Who): Promise<Page> {
    const context = await chromium.browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        consoleErrors.push(`${who}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${who}: ${e.message}`));
    await page.goto(server.url);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Name').fill(PEOPLE[who].name);
    await form.getByLabel('Password').fill(PEOPLE[who].password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('signed-in-name').textContent()).toBe(PEOPLE[who].name);
    return page;
  }

  beforeAll(async () => {
    server = await startServe(join(work.dir, 'project'));
    chromium = await launchChromium();
    // The first admin secures the open project; everyone else is added by them.
    await api(server.url, 'users.create', PEOPLE.ada);
    await signInCookie('ada');
    for (const who of ['ann', 'bob', 'eve'] as const) {
      await api(server.url, 'users.create', PEOPLE[who], cookie('ada'));
      await signInCookie(who);
    }
    videoId = await importPlayable(server.url, CLIP, 240_000, cookie('ada'));
    const users = await api(server.url, 'users.list', {}, cookie('ada'));
    const idOf = (name: string) => users.find((u) => u.name === name)?.id ?? '';
    await api(
      server.url,
      'assignments.create',
      { videoIds: [videoId], userIds: [idOf('Ann'), idOf('Bob')], overlapShare: 1, annotatorsPerOverlap: 2 },
      cookie('ada'),
    );
    const person = await api(server.url, 'actors.create', { clientId: 'test-ann', videoId }, cookie('ann'));
    const labelled = async (who: 'ann' | 'bob', labelNodeId: string) =>
      (
        await api(
          server.url,
          'segments.create',
          {
            clientId: `test-${who}`,
            videoId,
            actorId: person.id,
            startFrame: 30,
            endFrame: 110,
            labelNodeId,
          },
          cookie(who),
        )
      ).id;
    tube.ann = await labelled('ann', 'fall-forward-hands');
    tube.bob = await labelled('bob', 'fall-backward-onto-back');
    await api(server.url, 'work.submit', { clientId: 'test-ann', videoId }, cookie('ann'));
    const compared = await api(server.url, 'work.submit', { clientId: 'test-bob', videoId }, cookie('bob'));
    expect(compared.compared).toBe(true);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await chromium?.close();
    await server?.stop();
    work.remove();
  });

  it('keeps an annotator off the agreement, people and assignment pages', async () => {
    const page = await signedInPage('ann');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    expect(await nav.innerText()).not.toMatch(/Review|Agreement|People|Assignments/);
    for (const [hash, why] of [
      ['agreement', /Agreement figures are for experts and admins/],
      ['people', /managed by admins/],
      ['assignments', /made by admins/],
      ['review/anything', /review queue is for experts and admins/],
    ] as const) {
      await page.goto(new URL(`/#/${hash}`, server.url).toString());
      await expect.poll(() => page.getByRole('alert', { name: 'Not allowed' }).innerText()).toMatch(why);
    }
  });

  it('makes a final version of Bob’s tube, opens it in the workspace and relabels it there', async () => {
    const page = await signedInPage('eve');
    await page.goto(new URL('/#/review', server.url).toString());
    await page.getByRole('row', { name: `Review item: ${CLIP_NAME}` }).click();
    const bobCard = page.getByRole('article', { name: 'Version of Bob' });
    await bobCard.getByRole('button', { name: 'Make a final version to edit' }).click();
    await page.waitForSelector('[aria-label="Annotation workspace"]', { timeout: 60_000 });
    expect(page.url()).toMatch(new RegExp(`#/video/${videoId}\\?frame=30&segment=`));
    expect(await settled(page, 30)).toBe(30);
    await expect.poll(() => selectedSegmentId(page)).not.toBeNull();
    finalId = (await selectedSegmentId(page)) ?? '';
    expect([tube.ann, tube.bob]).not.toContain(finalId);
    const inspector = page.locator('[aria-label="Selected segment"]');
    await expect
      .poll(() => inspector.getByLabel('Review state').getAttribute('data-review-state'))
      .toBe('final');
    expect(await inspector.getByTestId('tube-owner').innerText()).toBe('final version by Eve');

    // The expert decides it was forward after all: the final version takes the other label.
    await page.keyboard.press('t');
    const picker = page.getByRole('dialog');
    await picker.waitFor();
    await page.keyboard.type('onto the hands');
    await expect
      .poll(() => picker.locator('[role="option"][aria-selected="true"]').getAttribute('data-node-id'))
      .toBe('fall-forward-hands');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await expect.poll(() => inspector.innerText()).toContain('Fall forward onto the hands');

    const final = (await api(server.url, 'segments.list', { videoId }, cookie('eve'))).find(
      (s) => s.id === finalId,
    );
    expect([
      final?.reviewState,
      final?.origin,
      final?.label?.nodeId,
      final?.startFrame,
      final?.endFrame,
    ]).toEqual(['final', 'final', 'fall-forward-hands', 30, 110]);
    // The annotators' versions stay as they were: the dispute is settled by the final one.
    const versions = await api(server.url, 'segments.list', { videoId }, cookie('eve'));
    expect(
      versions
        .filter((s) => s.id === tube.ann || s.id === tube.bob)
        .map((s) => s.label?.nodeId)
        .sort(),
    ).toEqual(['fall-backward-onto-back', 'fall-forward-hands']);
  });

  it('lists the item as final in the queue; its page shows the final version beside the annotators’ ones', async () => {
    const page = await signedInPage('eve');
    await page.goto(new URL('/#/review', server.url).toString());
    await expect.poll(() => page.getByRole('row', { name: `Review item: ${CLIP_NAME}` }).count()).toBe(0);
    await page.getByRole('checkbox', { name: /^final/ }).check();
    const row = page.getByRole('row', { name: `Review item: ${CLIP_NAME}` });
    await expect.poll(() => row.innerText()).toMatch(/final/);
    await row.click();
    await expect.poll(() => page.getByLabel('Item state').innerText()).toBe('final');
    const FORWARD = 'Fall › Fall forward › Fall forward onto the hands';
    const finalCard = page.getByRole('article', { name: 'Version of Final (Eve)' });
    await expect.poll(() => finalCard.getByLabel('Label').innerText()).toBe(FORWARD);
    expect(await page.getByRole('article', { name: 'Version of Bob' }).getByLabel('Label').innerText()).toBe(
      'Fall › Fall backward › Fall backward onto the back or buttocks',
    );
    expect(await page.getByRole('status', { name: 'Final state' }).innerText()).toMatch(
      new RegExp(`An expert’s final version: ${FORWARD}, frames 30–110\\.[\\s\\S]*by Eve`),
    );
    expect(consoleErrors).toEqual([]);
  });
});
