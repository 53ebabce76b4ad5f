import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../support/data';
import { tempDir } from '../support/tempProject';
import type { LaunchedBrowser } from './support/browser';
import { launchChromium } from './support/browser';
import type { ServeProcess } from './support/server';
import { ARTIFACTS, startServe } from './support/server';
import { dragOnVideo, goToFrame, labelWithPicker, markSegment, selectedSegmentId } from './support/ui';
import { api, importPlayable, settled } from './support/workspace';

/** UP-Fall, activity 1 (falling forward using hands), subject 1, trial 1, camera 2: 640×480. */
const CLIP = dataPath('upfall/Activity1/Subject1/Trial1Cam2.mp4');
const CLIP_NAME = 'Trial1Cam2.mp4';
const VIDEO = { width: 640, height: 480 };
/** The fall, as both annotators mark it (the same frames: only their labels part). */
const FALL = { from: 30, to: 110 };
const FORWARD = 'Fall › Fall forward › Fall forward onto the hands';
const BACKWARD = 'Fall › Fall backward › Fall backward onto the back or buttocks';
const RETURN_COMMENT = 'She falls forward onto her hands: look at frame 80.';
const FINAL_COMMENT = 'Both now agree with the footage.';

type Who = 'admin' | 'ann' | 'bob' | 'eve';
/** Who works here (Bob's password is reset by the admin on the way). */
const PEOPLE: Record<Who, { name: string; password: string }> = {
  admin: { name: 'Ada', password: 'ada admin password' },
  ann: { name: 'Ann', password: 'ann annotator password' },
  bob: { name: 'Bob', password: 'bob annotator password' },
  eve: { name: 'Eve', password: 'eve expert password' },
};
const BOB_NEW_PASSWORD = 'bob second password';

describe('the review loop in Chromium: three people on one amelia serve', () => {
  const work = tempDir('amelia-review-');
  let server: ServeProcess;
  let chromium: LaunchedBrowser;
  const contexts: Partial<Record<Who, BrowserContext>> = {};
  const pages: Partial<Record<Who, Page>> = {};
  const consoleErrors: string[] = [];
  let videoId = '';
  const tube = { ann: '', bob: '' };
  let itemId = '';

  const pageOf = (who: Who): Page => {
    const p = pages[who];
    if (!p) throw new Error(`${who} has no page yet`);
    return p;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: resolve(ARTIFACTS, `review-${name}.png`) });
  const go = async (page: Page, hash: string) => {
    await page.goto(new URL(`/#${hash}`, server.url).toString());
  };

  /** Signs in through the API: the HTTP answer. */
  const signInResponse = (person: { name: string; password: string }) =>
    fetch(new URL('/api/auth.signIn', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(person),
    });

  /** A session cookie of someone, for API checks made as them. */
  async function cookieOf(who: Who): Promise<string> {
    const res = await signInResponse(PEOPLE[who]);
    if (res.status !== 200) throw new Error(`${who} cannot sign in: ${res.status}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  /** A browser of its own for someone (its own cookies), at the app. */
  async function openBrowserFor(who: Who): Promise<Page> {
    const context = await chromium.browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts[who] = context;
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        consoleErrors.push(`${who}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${who}: ${e.message}`));
    pages[who] = page;
    await page.goto(server.url);
    return page;
  }

  /** Signs in on the sign-in screen, and waits for the header to say who. */
  async function signIn(page: Page, who: Who): Promise<void> {
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Name').fill(PEOPLE[who].name);
    await form.getByLabel('Password').fill(PEOPLE[who].password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('signed-in-name').textContent()).toBe(PEOPLE[who].name);
  }

  /** Opens the workspace from the inbox's row of the clip and waits for its first frame. */
  async function openFromInbox(page: Page): Promise<void> {
    await go(page, '/work');
    await page.getByRole('row', { name: CLIP_NAME }).getByRole('link', { name: 'Open' }).click();
    await page.waitForSelector('[aria-label="Annotation workspace"]', { timeout: 60_000 });
    await settled(page);
  }

  /** Submits the clip from the inbox, through the dialog that says submitted tubes lock. */
  async function submitFromInbox(page: Page): Promise<string> {
    await go(page, '/work');
    const row = page.getByRole('row', { name: CLIP_NAME });
    await row.getByRole('button', { name: 'Submit…' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toMatch(/locked/);
    await dialog.getByRole('button', { name: 'Submit and lock' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-state')).toBe('submitted');
    return page.getByRole('status').filter({ hasText: 'Submitted' }).last().innerText();
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServe(join(work.dir, 'project'));
    chromium = await launchChromium();
  });

  afterAll(async () => {
    for (const c of Object.values(contexts)) await c?.close();
    await chromium?.close();
    await server?.stop();
    work.remove();
  });

  it('offers an open project’s admin “Set up people”; the first admin secures it and goes on signed in', async () => {
    const page = await openBrowserFor('admin');
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Sections' }).innerText())
      .toContain('Library');
    await page.getByRole('link', { name: 'Set up people' }).click();
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill(PEOPLE.admin.name);
    await form.getByLabel(/^Password/).fill(PEOPLE.admin.password);
    await form.getByRole('button', { name: 'Add the first admin and secure the project' }).click();
    await expect.poll(() => page.getByTestId('signed-in-name').textContent()).toBe('Ada');
    expect(await page.getByTestId('signed-in-role').textContent()).toBe('admin');
    // The project is secured: without a session the engine answers nobody.
    expect(await api(server.url, 'auth.status', {})).toEqual({ mode: 'secured', user: null });
    const cookie = await cookieOf('admin');
    videoId = await importPlayable(server.url, CLIP, 240_000, cookie);
  });

  it('lets the admin add two annotators and an expert, and set the review settings', async () => {
    const page = pageOf('admin');
    await go(page, '/people');
    const form = page.getByRole('form', { name: 'Add a person' });
    for (const [who, role] of [
      ['ann', 'annotator'],
      ['bob', 'annotator'],
      ['eve', 'expert'],
    ] as const) {
      await form.getByLabel('Name').fill(PEOPLE[who].name);
      await form.getByRole('combobox', { name: 'Role' }).selectOption(role);
      await form.getByLabel(/^Password/).fill(PEOPLE[who].password);
      await form.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('row', { name: PEOPLE[who].name }).waitFor();
    }
    await expect.poll(() => page.getByRole('combobox', { name: 'Role of Eve' }).inputValue()).toBe('expert');
    const settings = page.getByRole('region', { name: 'Review settings' });
    await settings.getByLabel('Boundary tolerance (frames)').fill('8');
    await settings.getByLabel('Boundary tolerance (frames)').press('Enter');
    const admin = await cookieOf('admin');
    await expect
      .poll(async () => (await api(server.url, 'review.settings', {}, admin)).boundaryToleranceFrames)
      .toBe(8);
    const users = await api(server.url, 'users.list', {}, admin);
    expect(users.map((u) => [u.name, u.role, u.hasPassword])).toEqual([
      ['Ada', 'admin', true],
      ['Ann', 'annotator', true],
      ['Bob', 'annotator', true],
      ['Eve', 'expert', true],
    ]);
  });

  it('lets the admin disable someone (who then cannot sign in), enable them again and set a new password', async () => {
    const page = pageOf('admin');
    const row = page.getByRole('row', { name: 'Bob' });
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row.innerText()).toMatch(/disabled\s+Enable/);
    const refused = await signInResponse(PEOPLE.bob);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');

    await row.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => row.innerText()).toMatch(/active\s+Disable/);
    expect((await signInResponse(PEOPLE.bob)).status).toBe(200);

    await row.getByRole('button', { name: 'Set password…' }).click();
    const form = row.getByRole('form', { name: 'New password for Bob' });
    await form.getByLabel('New password').fill(BOB_NEW_PASSWORD);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').last().innerText()).toMatch(/Bob’s password was set/);
    await form.waitFor({ state: 'detached' });
    expect((await signInResponse(PEOPLE.bob)).status).toBe(401);
    PEOPLE.bob.password = BOB_NEW_PASSWORD;
    expect((await signInResponse(PEOPLE.bob)).status).toBe(200);
    const admin = await cookieOf('admin');
    const bob = (await api(server.url, 'users.list', {}, admin)).find((u) => u.name === 'Bob');
    expect([bob?.disabled, bob?.role]).toEqual([false, 'annotator']);
  });

  it('refuses a wrong password on the sign-in screen, then signs the annotator in', async () => {
    const page = await openBrowserFor('ann');
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.waitFor();
    await form.getByLabel('Name').fill('Ann');
    await form.getByLabel('Password').fill('not her password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/Wrong name or password/);
    await shot(page, 'sign-in');
    await signIn(page, 'ann');
    expect(await page.getByTestId('signed-in-role').textContent()).toBe('annotator');
    expect(await page.getByRole('navigation', { name: 'Sections' }).innerText()).not.toMatch(/Review/);
  });

  it('lets the admin assign the fall clip to both annotators, all of it labelled independently', async () => {
    const page = pageOf('admin');
    await go(page, '/assignments');
    const form = page.getByRole('form', { name: 'Assign videos' });
    await form.getByRole('checkbox', { name: CLIP_NAME }).check();
    await form.getByRole('checkbox', { name: /^Ann/ }).check();
    await form.getByRole('checkbox', { name: /^Bob/ }).check();
    await form.getByLabel('Overlap share (%)').fill('100');
    await form.getByLabel('Annotators per overlap').fill('2');
    await form.getByRole('button', { name: 'Assign 1 video' }).click();
    const list = page.getByRole('table', { name: 'Assignment list' });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2);
    expect(await list.innerText()).toMatch(/Ann[\s\S]*open[\s\S]*Bob[\s\S]*open/);
    const assigned = await api(server.url, 'assignments.list', { videoId }, await cookieOf('admin'));
    expect(assigned.map((a) => a.state)).toEqual(['open', 'open']);
  });

  it('shows an annotator #/review as not allowed, and the API refuses it too', async () => {
    const page = pageOf('ann');
    await go(page, '/review');
    await expect
      .poll(() => page.getByRole('alert', { name: 'Not allowed' }).innerText())
      .toMatch(/for experts and admins/);
    const refused = await page.request.post(new URL('/api/review.queue', server.url).toString(), {
      data: { states: ['disputed'] },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('lets the first annotator label the fall “forward onto the hands” with the keyboard, and draw its box', async () => {
    const page = pageOf('ann');
    await go(page, '/work');
    await expect.poll(() => page.getByRole('row', { name: CLIP_NAME }).innerText()).toMatch(/to do/);
    await shot(page, 'inbox');
    await openFromInbox(page);
    await expect
      .poll(() => page.getByRole('note', { name: 'Your work on this video' }).innerText())
      .toMatch(/your own tubes only/);
    await page.keyboard.press('a');
    await page.getByRole('button', { name: 'Lane of Person 1' }).waitFor();
    tube.ann = await markSegment(page, FALL.from, FALL.to);
    await labelWithPicker(page, 'onto the hands', 'fall-forward-hands');
    await goToFrame(page, 60);
    await dragOnVideo(page, VIDEO, { x: 200, y: 150 }, { x: 420, y: 460 });
    const cookie = await cookieOf('ann');
    await expect
      .poll(async () =>
        (await api(server.url, 'segments.list', { videoId }, cookie)).map((s) => s.keyframes.length),
      )
      .toEqual([1]);
    const [mine] = await api(server.url, 'segments.list', { videoId }, cookie);
    expect([mine?.id, mine?.label?.nodeId, mine?.startFrame, mine?.endFrame, mine?.reviewState]).toEqual([
      tube.ann,
      'fall-forward-hands',
      FALL.from,
      FALL.to,
      'draft',
    ]);
  });

  it('lets the second annotator, who sees none of the first one’s tubes, label the same fall “backward”', async () => {
    const page = await openBrowserFor('bob');
    await signIn(page, 'bob');
    await openFromInbox(page);
    // The person is there (people are shared); Ann's tube is not, until Bob has submitted.
    await page.getByRole('button', { name: 'Lane of Person 1' }).waitFor();
    expect(await page.locator('.segment-list [role="listitem"]').count()).toBe(0);
    const cookie = await cookieOf('bob');
    expect(await api(server.url, 'segments.list', { videoId }, cookie)).toEqual([]);
    await page.getByRole('button', { name: 'Lane of Person 1' }).click();
    tube.bob = await markSegment(page, FALL.from, FALL.to);
    await labelWithPicker(page, 'backward onto the back', 'fall-backward-onto-back');
    await goToFrame(page, 60);
    await dragOnVideo(page, VIDEO, { x: 240, y: 200 }, { x: 470, y: 470 });
    await expect
      .poll(async () =>
        (await api(server.url, 'segments.list', { videoId }, cookie)).map((s) => s.label?.nodeId),
      )
      .toEqual(['fall-backward-onto-back']);
  });

  it('submits from the inbox: submitted tubes lock, and the engine’s refusal of an edit is shown', async () => {
    const ann = pageOf('ann');
    expect(await submitFromInbox(ann)).toMatch(/runs once everyone assigned to it has submitted/);
    await openFromInbox(ann);
    await expect
      .poll(() => ann.getByRole('note', { name: 'Your work on this video' }).innerText())
      .toMatch(/locked until an expert returns them/);
    await ann.locator(`.segment-list [data-segment-id="${tube.ann}"]`).click();
    const inspector = ann.locator('[aria-label="Selected segment"]');
    await expect.poll(() => inspector.getByRole('note').innerText()).toMatch(/submitted work is locked/);
    expect(await inspector.getByRole('button', { name: /Label…/ }).isDisabled()).toBe(true);
    await ann.keyboard.press('u');
    await expect
      .poll(() => ann.getByRole('alert').last().innerText())
      .toMatch(/You cannot change this tube: it is submitted/);
    await shot(ann, 'workspace-locked');

    const bob = pageOf('bob');
    expect(await submitFromInbox(bob)).toMatch(/tubes were compared/);
  });

  it('shows the expert the dispute in the queue, worst first, with its reason in words', async () => {
    const page = await openBrowserFor('eve');
    await signIn(page, 'eve');
    expect(await page.getByTestId('signed-in-role').textContent()).toBe('expert');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Review' }).click();
    const row = page.getByRole('row', { name: `Review item: ${CLIP_NAME}` });
    await expect.poll(() => row.innerText()).toMatch(/disputed/);
    const text = await row.innerText();
    expect(text).toMatch(/Labels part at level 2/);
    expect(text).toContain('Ann: Fall forward onto the hands');
    expect(text).toContain('Bob: Fall backward onto the back or buttocks');
    itemId = (await row.getAttribute('data-item-id')) ?? '';
    await shot(page, 'queue');

    // Agreement at level 2 (activity) shows where they part: one tube, forward against backward.
    await go(page, '/agreement');
    await page.getByRole('tab', { name: /^2\./ }).click();
    const overall = page.getByRole('table', { name: 'Agreement over all annotators' });
    await expect.poll(() => overall.innerText()).toMatch(/\b1\s+0\.0 %/);
    const heatmap = page.getByRole('img', { name: /^Confusion matrix/ });
    const cells = () =>
      heatmap
        .locator('[data-count]')
        .evaluateAll((gs) =>
          gs.map(
            (g) =>
              `${g.getAttribute('data-row')}/${g.getAttribute('data-column')}=${g.getAttribute('data-count')}`,
          ),
        );
    await expect.poll(async () => (await cells()).filter((c) => c.endsWith('=1')).length).toBe(1);
    expect((await cells()).find((c) => c.endsWith('=1'))).toMatch(
      /^(fall-forward\/fall-backward|fall-backward\/fall-forward)=1$/,
    );
    await shot(page, 'agreement-disputed');
    await go(page, '/review');
  });

  it('shows both versions side by side: labels with full paths, lanes with their boundaries, boxes on the frame', async () => {
    const page = pageOf('eve');
    await page.getByRole('row', { name: `Review item: ${CLIP_NAME}` }).click();
    await page.waitForSelector('[aria-label="Review item"]');
    expect(page.url()).toContain(`#/review/${itemId}`);
    const annCard = page.getByRole('article', { name: 'Version of Ann' });
    const bobCard = page.getByRole('article', { name: 'Version of Bob' });
    await expect.poll(() => annCard.getByLabel('Label').innerText()).toBe(FORWARD);
    expect(await bobCard.getByLabel('Label').innerText()).toBe(BACKWARD);
    expect(await annCard.getByLabel('Frames').innerText()).toBe(`${FALL.from}–${FALL.to} (81 frames)`);
    const lanes = page.locator('.rt-lane');
    expect(
      await lanes.evaluateAll((gs) =>
        gs.map((g) => [g.getAttribute('data-start'), g.getAttribute('data-end')]),
      ),
    ).toEqual([
      [String(FALL.from), String(FALL.to)],
      [String(FALL.from), String(FALL.to)],
    ]);
    // The player opens at the item's first frame; at frame 60 both boxes show, in different colours.
    expect(await settled(page, FALL.from)).toBe(FALL.from);
    await page.getByRole('button', { name: 'Forward 10 frames' }).click();
    await settled(page, FALL.from + 10);
    for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
    expect(await settled(page, 60)).toBe(60);
    const boxes = page.locator('[aria-label="Boxes of the versions"] rect');
    await expect.poll(() => boxes.count()).toBe(2);
    const colours = await boxes.evaluateAll((rs) => rs.map((r) => r.getAttribute('stroke')));
    expect(new Set(colours).size).toBe(2);
    await shot(page, 'review-view');
  });

  it('lets the expert return the item to one annotator with a comment', async () => {
    const page = pageOf('eve');
    await page
      .getByRole('article', { name: 'Version of Bob' })
      .getByRole('button', { name: 'Return to Bob' })
      .click();
    // A return needs its comment.
    await expect
      .poll(() => page.getByRole('alert').first().innerText())
      .toMatch(/Write what to look at first/);
    await page.getByLabel('Comment', { exact: true }).fill(RETURN_COMMENT);
    await page
      .getByRole('article', { name: 'Version of Bob' })
      .getByRole('button', { name: 'Return to Bob' })
      .click();
    await expect.poll(() => page.getByLabel('Item state').innerText()).toBe('returned');
    expect(await page.getByRole('list', { name: 'Comments' }).innerText()).toContain(RETURN_COMMENT);
  });

  it('shows the annotator the comment in the inbox and opens the workspace at the item’s frames to fix it', async () => {
    const page = pageOf('bob');
    await go(page, '/work');
    const returned = page.getByRole('listitem', { name: /^Returned: Trial1Cam2\.mp4/ });
    await expect.poll(() => returned.innerText()).toContain(RETURN_COMMENT);
    expect(await returned.innerText()).toMatch(/Eve\s+returned it to Bob/);
    await shot(page, 'inbox-returned');
    await returned.getByRole('link', { name: `Open at frames ${FALL.from}–${FALL.to}` }).click();
    await page.waitForSelector('[aria-label="Annotation workspace"]', { timeout: 60_000 });
    expect(await settled(page, FALL.from)).toBe(FALL.from);
    await expect.poll(() => selectedSegmentId(page)).toBe(tube.bob);
    const inspector = page.locator('[aria-label="Selected segment"]');
    await expect
      .poll(() => inspector.getByLabel('Review state').getAttribute('data-review-state'))
      .toBe('returned');
    await labelWithPicker(page, 'onto the hands', 'fall-forward-hands');
    await expect.poll(() => inspector.innerText()).toContain(FORWARD);
    expect(await submitFromInbox(page)).toMatch(/tubes were compared/);
  });

  it('lets the expert make it final after the rework, from the agreed items', async () => {
    const page = pageOf('eve');
    await go(page, '/review');
    await expect.poll(() => page.getByRole('row', { name: `Review item: ${CLIP_NAME}` }).count()).toBe(0);
    await page.getByRole('checkbox', { name: /^agreed/ }).check();
    const row = page.getByRole('row', { name: `Review item: ${CLIP_NAME}` });
    await expect.poll(() => row.innerText()).toMatch(/agreed[\s\S]*no disagreement/);
    itemId = (await row.getAttribute('data-item-id')) ?? '';
    await row.click();
    const annCard = page.getByRole('article', { name: 'Version of Ann' });
    await expect
      .poll(() => page.getByRole('article', { name: 'Version of Bob' }).getByLabel('Label').innerText())
      .toBe(FORWARD);
    await annCard.getByRole('button', { name: 'Accept this version' }).click();
    await expect.poll(() => page.getByLabel('Item state').innerText()).toBe('final');
    expect(await page.getByRole('status', { name: 'Final state' }).innerText()).toMatch(
      new RegExp(`Ann’s version was accepted: ${FORWARD}, frames ${FALL.from}–${FALL.to}`),
    );
    // The thread keeps the return and takes a plain comment too, oldest first.
    await page.getByLabel('Comment', { exact: true }).fill(FINAL_COMMENT);
    await page.getByRole('button', { name: 'Add comment' }).click();
    const thread = page.getByRole('list', { name: 'Comments' }).getByRole('listitem');
    await expect.poll(() => thread.count()).toBe(2);
    expect(await thread.nth(0).innerText()).toMatch(
      new RegExp(`Eve returned it to Bob[\\s\\S]*${RETURN_COMMENT}`),
    );
    expect(await thread.nth(1).innerText()).toMatch(new RegExp(`Eve commented[\\s\\S]*${FINAL_COMMENT}`));
    expect(await page.getByLabel('Comment', { exact: true }).inputValue()).toBe('');
  });

  it('keeps every step in the audit log: in the review view, its CSV export, the workspace and the API', async () => {
    const page = pageOf('eve');
    const log = page.getByRole('region', { name: 'Audit log' });
    const kinds = () =>
      log.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    await expect.poll(kinds).toContain('review.finalize');
    expect(await kinds()).toEqual(
      expect.arrayContaining([
        'segment.create',
        'segment.update',
        'segment.keyframe',
        'review.submit',
        'review.return',
      ]),
    );
    const text = await log.innerText();
    expect(text).toContain(`label: none → ${FORWARD}`);
    expect(text).toContain(`label: ${BACKWARD} → ${FORWARD}`);
    expect(text).toContain('review state: disputed → returned');
    expect(text).toContain('review state: agreed → final');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      log.getByRole('button', { name: 'Export audit (CSV)' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'edit,at,user_id,user,client,video,kind,summary,undone,undo_of,entity,entity_id,changes,before,after',
    );
    expect(csv).toContain(`Return for rework: ${RETURN_COMMENT}`);
    expect(csv).toMatch(/,Eve,.*review\.finalize/);
    await shot(page, 'audit');

    // The same history through the API, as the expert: who did each step.
    const eve = await cookieOf('eve');
    const users = await api(server.url, 'users.list', {}, eve);
    const nameOf = (id: string | null) => users.find((u) => u.id === id)?.name ?? '?';
    const bobHistory = await api(server.url, 'edits.list', { segmentId: tube.bob }, eve);
    expect(bobHistory.map((e) => `${nameOf(e.userId)} ${e.kind}`).reverse()).toEqual([
      'Bob segment.create',
      'Bob segment.update',
      'Bob segment.keyframe',
      'Bob review.submit',
      'Eve review.return',
      'Bob segment.update',
      'Bob review.submit',
    ]);
    const annHistory = await api(server.url, 'edits.list', { segmentId: tube.ann }, eve);
    // Ann's tube went disputed, then agreed, when Bob submitted (the comparison runs in his submit).
    expect(annHistory.map((e) => `${nameOf(e.userId)} ${e.kind}`).reverse()).toEqual([
      'Ann segment.create',
      'Ann segment.update',
      'Ann segment.keyframe',
      'Ann review.submit',
      'Bob review.submit',
      'Bob review.submit',
      'Eve review.finalize',
    ]);

    // In the workspace, the expert sees whose version a tube is and its history.
    await go(page, `/video/${videoId}?frame=${FALL.from}&segment=${tube.ann}`);
    await page.waitForSelector('[aria-label="Annotation workspace"]', { timeout: 60_000 });
    const inspector = page.locator('[aria-label="Selected segment"]');
    await expect.poll(() => inspector.getByTestId('tube-owner').innerText()).toBe('version of Ann');
    await inspector.getByRole('button', { name: 'History…' }).click();
    const dialog = page.getByRole('dialog', { name: 'History of the tube' });
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(annHistory.length);
    await page.keyboard.press('Escape');
  });

  it('shows experts agreement per taxonomy level and each annotator’s figures', async () => {
    const page = pageOf('eve');
    await go(page, '/agreement');
    const overall = page.getByRole('table', { name: 'Agreement over all annotators' });
    await expect.poll(() => overall.innerText()).toMatch(/100\.0 %/);
    expect(await page.getByRole('table', { name: 'Agreement per pair' }).innerText()).toMatch(
      /Ann – Bob|Bob – Ann/,
    );
    expect(
      await page
        .getByRole('img', { name: /^Confusion matrix: (Ann|Bob) \(rows\) against (Ann|Bob)/ })
        .count(),
    ).toBe(1);
    await page.getByRole('tab', { name: /^3\./ }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: /^3\./ }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => overall.innerText()).toMatch(/100\.0 %/);
    const bob = page.getByRole('table', { name: 'Annotators' }).getByRole('row', { name: 'Bob' });
    await expect.poll(() => bob.innerText()).toMatch(/100\.0 %/);
    await shot(page, 'agreement');
  });

  it('takes someone whose session ended back to the sign-in screen; sign-out works from the header', async () => {
    const page = pageOf('ann');
    // Another tab of the same browser signs out: this one's next call is refused, and it asks to sign in.
    const other = await contexts.ann?.newPage();
    if (!other) throw new Error('no context');
    await other.goto(new URL('/#/work', server.url).toString());
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.getByRole('form', { name: 'Sign in' }).waitFor();
    await other.close();
    // This tab still shows the app; its next call (the inbox loading) finds the session gone.
    await go(page, '/');
    await go(page, '/work');
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('main', { name: 'Sign-in screen' }).innerText()).toMatch(
      /Your session has ended: sign in again/,
    );
    await signIn(page, 'ann');
    await expect.poll(() => page.getByRole('region', { name: 'My work' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
