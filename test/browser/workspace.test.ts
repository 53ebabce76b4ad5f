import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../shared/domain/annotation';
import { dataPath } from '../support/data';
import { tempDir } from '../support/tempProject';
import type { LaunchedBrowser } from './support/browser';
import { launchChromium } from './support/browser';
import type { ServeProcess } from './support/server';
import { ARTIFACTS, startServe } from './support/server';
import {
  dragOnVideo,
  goToFrame,
  labelWithPicker,
  markSegment,
  segmentListRows,
  shownBox,
  timelinePoint,
} from './support/ui';
import { api, importPlayable, settled, waitForThumbnails } from './support/workspace';

/** UP-Fall, activity 1 (falling forward using hands), subject 1, trial 1, camera 1: 142 frames, 640×480. */
const CLIP = dataPath('upfall/Activity1/Subject1/Trial1Cam1.mp4');
const VIDEO = { width: 640, height: 480 };
const OTHER_CLIENT = 'test-other-client';

describe('the annotation workspace in Chromium against amelia serve', () => {
  const work = tempDir('amelia-workspace-');
  let server: ServeProcess;
  let chromium: LaunchedBrowser;
  let page: Page;
  let videoId = '';
  const consoleErrors: string[] = [];
  /** Segments by role in the story, found as they are made. */
  const seg = { walk: '', fall: '', lying: '', p2Whole: '', p2Short: '' };

  const segments = () => api(server.url, 'segments.list', { videoId });
  const segmentById = async (id: string): Promise<Segment> => {
    const s = (await segments()).find((x) => x.id === id);
    if (!s) throw new Error(`no segment ${id}`);
    return s;
  };
  /** Another client (a colleague, another window) changes a segment as it is now. */
  const changedElsewhere = async (
    id: string,
    change: { note?: string; startFrame?: number },
  ): Promise<void> => {
    const { revision } = await segmentById(id);
    await api(server.url, 'segments.update', { clientId: OTHER_CLIENT, segmentId: id, revision, ...change });
  };
  /**
   * Waits until every edit this tab has sent is answered and applied to its own state (a key that acts on
   * the tab's state must not race the answer; the server may show the edit first).
   */
  const allSaved = () => expect.poll(() => page.getByLabel('Save state').innerText()).not.toBe('Saving…');
  const inspector = () => page.locator('[aria-label="Selected segment"]');
  const lastAlert = () => page.getByRole('alert').last();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServe(join(work.dir, 'project'));
    videoId = await importPlayable(server.url, CLIP);
    await waitForThumbnails(server.url, videoId);
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    work.remove();
  });

  it('opens a video from its library card into the workspace, playing its proxy', async () => {
    await page.goto(server.url);
    const card = page.getByRole('listitem', { name: 'Trial1Cam1.mp4' });
    await card.getByRole('link', { name: 'Annotate' }).click();
    await page.waitForSelector('[aria-label="Annotation workspace"]');
    expect(page.url()).toContain(`#/video/${videoId}`);
    expect(await settled(page)).toBe(0);
    expect(await page.locator('video').getAttribute('src')).toBe(`/media/${videoId}/proxy.mp4`);
    await expect.poll(() => page.locator('.ws-bar').innerText()).toContain('142 frames');
  });

  it('adds two people with A, switches between them with [ and ]', async () => {
    await page.keyboard.press('a');
    await page.getByRole('button', { name: 'Lane of Person 1' }).waitFor();
    await page.keyboard.press('a');
    await page.getByRole('button', { name: 'Lane of Person 2' }).waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: 'Lane of Person 2' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.keyboard.press('[');
    await expect
      .poll(() => page.getByRole('button', { name: 'Lane of Person 1' }).getAttribute('aria-pressed'))
      .toBe('true');
    const actors = await api(server.url, 'actors.list', { videoId });
    expect(actors.map((a) => a.number)).toEqual([1, 2]);
  });

  it('marks segments with I and O and labels them from the picker', async () => {
    seg.walk = await markSegment(page, 10, 40);
    await labelWithPicker(page, 'walk', 'walk', { definitionShown: true });
    seg.fall = await markSegment(page, 41, 80);
    await labelWithPicker(page, 'onto the hands', 'fall-forward-hands', { definitionShown: true });
    await expect
      .poll(() => inspector().innerText())
      .toContain('Fall › Fall forward › Fall forward onto the hands');
    expect(await segmentListRows(page)).toEqual([
      expect.stringMatching(/10–40\s+Locomotion › Walking › Walk/),
      expect.stringMatching(/41–80\s+Fall › Fall forward › Fall forward onto the hands/),
    ]);
    const fall = await segmentById(seg.fall);
    expect([fall.startFrame, fall.endFrame, fall.label?.nodeId]).toEqual([41, 80, 'fall-forward-hands']);
  });

  it('refuses a label that overlaps the same person on the same level, with the engine’s reason', async () => {
    seg.lying = await markSegment(page, 70, 100);
    await labelWithPicker(page, 'lying still', 'lying-still-on-floor', { definitionShown: true });
    await expect
      .poll(() => lastAlert().innerText())
      .toMatch(/would overlap .*Fall forward onto the hands.* \(frames 41–80\)/);
    expect((await segmentById(seg.lying)).label).toBeNull();
    // Move its start past the fall (Shift+I at the playhead), then the label fits.
    await goToFrame(page, 81);
    await page.keyboard.press('Shift+I');
    await expect.poll(async () => (await segmentById(seg.lying)).startFrame).toBe(81);
    await labelWithPicker(page, 'lying still', 'lying-still-on-floor', { definitionShown: true });
    await expect.poll(async () => (await segmentById(seg.lying)).label?.nodeId).toBe('lying-still-on-floor');
  });

  it('draws keyframed boxes on the frame; between keyframes the box is interpolated', async () => {
    await page.locator('.segment-list [data-segment-id="' + seg.fall + '"]').click();
    await goToFrame(page, 45);
    await dragOnVideo(page, VIDEO, { x: 300, y: 120 }, { x: 420, y: 460 });
    await expect.poll(async () => (await shownBox(page, seg.fall))?.kind).toBe('keyframe');
    await goToFrame(page, 75);
    await dragOnVideo(page, VIDEO, { x: 200, y: 300 }, { x: 500, y: 460 });
    await expect
      .poll(async () => (await segmentById(seg.fall)).keyframes.map((k) => k.frame))
      .toEqual([45, 75]);
    const [k45, k75] = (await segmentById(seg.fall)).keyframes;
    expect(k45?.x).toBeCloseTo(300, -1);
    expect(k45?.height).toBeCloseTo(340, -1);
    expect(k75?.width).toBeCloseTo(300, -1);

    await goToFrame(page, 60);
    const mid = await shownBox(page, seg.fall);
    expect(mid?.kind).toBe('interpolated');
    const t = (60 - 45) / (75 - 45);
    expect(mid?.box?.[0]).toBeCloseTo((k45?.x ?? 0) + ((k75?.x ?? 0) - (k45?.x ?? 0)) * t, 0);
    // Interpolated boxes are drawn dashed, keyframes solid.
    expect(
      await page
        .locator(`.box-overlay [data-segment-id="${seg.fall}"] rect`)
        .first()
        .getAttribute('stroke-dasharray'),
    ).toBeTruthy();

    // Moving the interpolated box makes a keyframe; X deletes it again.
    const [bx, by, bw, bh] = mid?.box ?? [0, 0, 0, 0];
    await dragOnVideo(
      page,
      VIDEO,
      { x: bx + bw / 2, y: by + bh / 2 },
      { x: bx + bw / 2 + 40, y: by + bh / 2 - 10 },
    );
    await allSaved();
    await expect
      .poll(async () => (await segmentById(seg.fall)).keyframes.map((k) => k.frame))
      .toEqual([45, 60, 75]);
    expect((await shownBox(page, seg.fall))?.kind).toBe('keyframe');
    await page.keyboard.press('x');
    await expect
      .poll(async () => (await segmentById(seg.fall)).keyframes.map((k) => k.frame))
      .toEqual([45, 75]);
    await expect.poll(async () => (await shownBox(page, seg.fall))?.kind).toBe('interpolated');

    // Resizing by the bottom-right handle at a keyframe changes that keyframe.
    await goToFrame(page, 75);
    const at75 = (await shownBox(page, seg.fall))?.box ?? [0, 0, 0, 0];
    await dragOnVideo(
      page,
      VIDEO,
      { x: at75[0] + at75[2], y: at75[1] + at75[3] },
      { x: at75[0] + at75[2] - 60, y: at75[1] + at75[3] - 20 },
    );
    await expect
      .poll(async () => (await segmentById(seg.fall)).keyframes.find((k) => k.frame === 75)?.width)
      .toBeCloseTo(240, -1);

    // H: the person is outside the view from here on.
    await goToFrame(page, 78);
    await page.keyboard.press('h');
    await expect
      .poll(async () => (await segmentById(seg.fall)).keyframes.find((k) => k.frame === 78)?.outside)
      .toBe(true);
    await goToFrame(page, 79);
    expect((await shownBox(page, seg.fall))?.kind).toBe('outside');
  });

  it('gives the second person a segment with a number key, and undoes and redoes', async () => {
    await page.keyboard.press(']');
    seg.p2Whole = await markSegment(page, 0, 141);
    const firstQuick = await page
      .locator('[aria-label="Quick labels"] .quick-label')
      .first()
      .getAttribute('data-node-id');
    expect(firstQuick).toBeTruthy();
    await page.keyboard.press('1');
    await expect.poll(async () => (await segmentById(seg.p2Whole)).label?.nodeId).toBe(firstQuick);

    // Two unlabelled segments of one person may not overlap either.
    seg.p2Short = await markSegment(page, 100, 120);
    await goToFrame(page, 110);
    await page.keyboard.press('i');
    await goToFrame(page, 130);
    await page.keyboard.press('o');
    await expect
      .poll(() => lastAlert().innerText())
      .toMatch(/would overlap an unlabelled segment \(frames 100–120\)/);
    // The in point stays for another try; Esc drops it.
    await expect.poll(() => page.locator('.mark-in').innerText()).toMatch(/in at 110/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.mark-in').count()).toBe(0);

    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await segments()).some((s) => s.id === seg.p2Short)).toBe(false);
    await expect.poll(() => page.locator(`.segment-list [data-segment-id="${seg.p2Short}"]`).count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await segments()).some((s) => s.id === seg.p2Short)).toBe(true);
    await expect.poll(() => page.locator(`.segment-list [data-segment-id="${seg.p2Short}"]`).count()).toBe(1);
  });

  it('splits at the playhead, merges back, drags an edge on the timeline, flags uncertain and keeps a note', async () => {
    await page.keyboard.press('[');
    await page.locator(`.segment-list [data-segment-id="${seg.fall}"]`).click();
    await goToFrame(page, 60);
    await page.keyboard.press('s');
    await allSaved();
    await expect
      .poll(async () => (await segments()).filter((s) => s.label?.nodeId === 'fall-forward-hands').length)
      .toBe(2);
    const parts = (await segments())
      .filter((s) => s.label?.nodeId === 'fall-forward-hands')
      .sort((a, b) => a.startFrame - b.startFrame);
    expect(parts.map((p) => [p.startFrame, p.endFrame])).toEqual([
      [41, 59],
      [60, 80],
    ]);
    await page.locator(`.segment-list [data-segment-id="${seg.fall}"]`).click();
    await page.keyboard.press('m');
    await expect
      .poll(async () => (await segments()).filter((s) => s.label?.nodeId === 'fall-forward-hands').length)
      .toBe(1);
    const merged = await segmentById(seg.fall);
    expect([merged.startFrame, merged.endFrame]).toEqual([41, 80]);
    expect(merged.keyframes.map((k) => k.frame)).toEqual(expect.arrayContaining([45, 75, 78]));

    // The walk's end edge, dragged from boundary 41 to 36: it now ends at frame 35 (saved on release).
    const from = await timelinePoint(page, 41, 'Person 1');
    const to = await timelinePoint(page, 36, 'Person 1');
    await page.mouse.move(from.x - 1, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await segmentById(seg.walk)).endFrame).toBe(35);

    await page.locator(`.segment-list [data-segment-id="${seg.fall}"]`).click();
    await page.keyboard.press('u');
    await expect.poll(async () => (await segmentById(seg.fall)).uncertain).toBe(true);
    await page.keyboard.press('n');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Note');
    await page.keyboard.type('hands touch the mat first; impossible to mark I or O while typing');
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await segmentById(seg.fall)).note)
      .toBe('hands touch the mat first; impossible to mark I or O while typing');
    // Typing "i" and "o" in the note did not mark anything.
    expect(await page.locator('.mark-in').count()).toBe(0);
  });

  it('keeps screenshots of the workspace, the label picker and the cheat sheet', async () => {
    await goToFrame(page, 60);
    await page.screenshot({ path: resolve(ARTIFACTS, 'workspace.png') });
    await page.keyboard.press('t');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('fall');
    await page.screenshot({ path: resolve(ARTIFACTS, 'workspace-label-picker.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard' });
    await sheet.waitFor();
    expect(await sheet.innerText()).toMatch(/Space\s+Play \/ pause/);
    await page.screenshot({ path: resolve(ARTIFACTS, 'workspace-cheat-sheet.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('finds every edit after a reload, and the tab’s undo history too', async () => {
    const before = await segments();
    await page.reload();
    await page.waitForSelector('[aria-label="Annotation workspace"]');
    await settled(page);
    await expect.poll(() => page.locator('.segment-list [role="listitem"]').count()).toBe(before.length);
    expect(await segmentListRows(page)).toEqual([
      expect.stringMatching(/^0–141/),
      expect.stringMatching(/^10–35\s+Locomotion › Walking › Walk/),
      expect.stringMatching(/^41–80\s+\?\s*Fall › Fall forward › Fall forward onto the hands/),
      expect.stringMatching(/^81–100\s+Down on the floor › Lying on the floor › Lying still on the floor/),
      expect.stringMatching(/^100–120\s+unlabelled/),
    ]);
    expect(await page.getByRole('button', { name: /^Lane of Person/ }).count()).toBe(2);

    await page.locator(`.segment-list [data-segment-id="${seg.fall}"]`).click();
    await goToFrame(page, 52);
    const mid = await shownBox(page, seg.fall);
    expect(mid?.kind).toBe('interpolated');
    expect(await page.getByLabel('Note').inputValue()).toBe(
      'hands touch the mat first; impossible to mark I or O while typing',
    );
    expect(await page.getByLabel('Uncertain').isChecked()).toBe(true);

    // Through the API: the same, frame for frame.
    const fall = await segmentById(seg.fall);
    expect(fall).toMatchObject({
      startFrame: 41,
      endFrame: 80,
      uncertain: true,
      label: { nodeId: 'fall-forward-hands' },
    });
    // The split pinned the boxes on both sides of the cut (59 and 60); the merge kept them.
    expect(fall.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [45, false],
      [59, false],
      [60, false],
      [75, false],
      [78, true],
    ]);
    expect((await segmentById(seg.walk)).endFrame).toBe(35);

    // Undo after the reload: the same tab keeps its history (the note was the last edit).
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await segmentById(seg.fall)).note).toBe('');
    await page.keyboard.press('Control+y');
    await expect.poll(async () => (await segmentById(seg.fall)).note).toMatch(/^hands touch/);
    await expect.poll(() => page.getByLabel('Note').inputValue()).toMatch(/^hands touch/);
  });

  it('shows another client’s change as it happens', async () => {
    await page.locator(`.segment-list [data-segment-id="${seg.walk}"]`).click();
    await changedElsewhere(seg.walk, { note: 'changed in another window' });
    await expect.poll(() => page.getByLabel('Note').inputValue()).toBe('changed in another window');
    const fresh = await segmentById(seg.walk);
    expect(await inspector().innerText()).toContain(`revision ${fresh.revision}`);
  });

  it('resolves a conflict: re-applies this change on top of theirs, or keeps theirs', async () => {
    // Events cut off: this tab does not hear of the other client's change and edits a stale revision.
    await page.route('**/events', (route) => route.abort());
    await page.reload();
    await page.waitForSelector('[aria-label="Annotation workspace"]');
    await settled(page);
    await page.locator(`.segment-list [data-segment-id="${seg.lying}"]`).click();
    await changedElsewhere(seg.lying, { note: 'their note' });
    await page.keyboard.press('u');
    const dialog = page.getByRole('dialog', { name: 'Changed by someone else' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/mark the segment uncertain/);
    expect(await dialog.innerText()).toContain('their note');
    await dialog.getByRole('button', { name: 'Apply mine on top' }).click();
    await expect.poll(async () => (await segmentById(seg.lying)).uncertain).toBe(true);
    expect((await segmentById(seg.lying)).note).toBe('their note');

    await changedElsewhere(seg.lying, { startFrame: 85 });
    await page.keyboard.press('u');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep theirs' }).click();
    await dialog.waitFor({ state: 'detached' });
    const lying = await segmentById(seg.lying);
    expect([lying.startFrame, lying.uncertain]).toEqual([85, true]);
    await expect.poll(() => page.getByLabel('Start frame').inputValue()).toBe('85');
    await page.unroute('**/events');
    await page.reload();
    await page.waitForSelector('[aria-label="Annotation workspace"]');
    await settled(page);
  });

  it('asks to skip an edit that cannot be undone any more, then undoes the one before', async () => {
    const walkBefore = (await segmentById(seg.walk)).uncertain;
    await page.locator(`.segment-list [data-segment-id="${seg.walk}"]`).click();
    await page.keyboard.press('u');
    await expect.poll(async () => (await segmentById(seg.walk)).uncertain).toBe(!walkBefore);
    await page.locator(`.segment-list [data-segment-id="${seg.lying}"]`).click();
    const lyingBefore = (await segmentById(seg.lying)).uncertain;
    await page.keyboard.press('u');
    await expect.poll(async () => (await segmentById(seg.lying)).uncertain).toBe(!lyingBefore);
    // Someone else changes the tube this tab's last edit changed.
    await changedElsewhere(seg.lying, { note: 'changed by a colleague' });

    await page.keyboard.press('Control+z');
    const dialog = page.getByRole('dialog', { name: 'Cannot undo this edit' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/uncertain/);
    await dialog.getByRole('button', { name: 'Skip it' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByLabel('Save state').innerText())
      .toMatch(/^Skipped in the undo history/);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await segmentById(seg.walk)).uncertain).toBe(walkBefore);
    // The skipped edit stays as it is, with the colleague's change on it.
    expect(await segmentById(seg.lying)).toMatchObject({
      uncertain: !lyingBefore,
      note: 'changed by a colleague',
    });
  });

  it('remaps a key in the settings; the new key works and survives a reload', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Add a key for Next frame' }).click();
    await page.keyboard.press('d');
    await expect.poll(() => settings.getByRole('status').innerText()).toMatch(/D now does “Next frame”/);
    await settings.getByRole('button', { name: 'Done' }).click();
    const at = await settled(page);
    await page.keyboard.press('d');
    await settled(page, at + 1);
    await page.reload();
    await page.waitForSelector('[aria-label="Annotation workspace"]');
    const after = await settled(page);
    await page.keyboard.press('d');
    await settled(page, after + 1);
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard' });
    expect(await sheet.locator('[data-action="stepForward"]').innerText()).toMatch(/D/);
    await page.keyboard.press('Escape');
  });

  it('edits the taxonomy: rename, deprecate (old labels stay readable, struck through), export, import, merge', async () => {
    await page.goto(new URL('/#/taxonomy', server.url).toString());
    const editor = page.getByRole('region', { name: 'Taxonomy editor' });
    await editor.waitFor();
    await editor.locator('.tx-node[data-node-id="walk"]').click();
    await editor.getByLabel('Name', { exact: true }).fill('Walk about');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editor.locator('.tx-node[data-node-id="walk"]').innerText()).toBe('Walk about');
    await editor.getByRole('button', { name: 'Deprecate' }).click();
    await expect
      .poll(() => editor.locator('.tx-node[data-node-id="walk"]').innerText())
      .toMatch(/Walk about\s*deprecated/);
    await page.screenshot({ path: resolve(ARTIFACTS, 'taxonomy-editor.png') });

    // The walk keeps its label, shown struck through; the picker offers it no more.
    await page.goto(new URL(`/#/video/${videoId}`, server.url).toString());
    await page.waitForSelector('[aria-label="Annotation workspace"]');
    await settled(page);
    await page.locator(`.segment-list [data-segment-id="${seg.walk}"]`).click();
    const label = inspector().locator('.label-text');
    await expect.poll(() => label.getAttribute('class')).toContain('deprecated');
    expect(await label.locator('s').innerText()).toBe('Locomotion › Walking › Walk about');
    await page.keyboard.press('t');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('walk about');
    expect(await page.locator('[role="option"][data-node-id="walk"]').getAttribute('aria-disabled')).toBe(
      'true',
    );
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Export, change, import: a node added in the file appears.
    await page.goto(new URL('/#/taxonomy', server.url).toString());
    await editor.waitFor();
    const download = page.waitForEvent('download');
    await editor.getByRole('button', { name: 'Export JSON' }).click();
    const file = await (await download).path();
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      nodes: { id: string; parent: string | null; name: string }[];
    };
    expect(doc.nodes.find((n) => n.id === 'walk')?.name).toBe('Walk about');
    doc.nodes.push({ id: 'shuffle', parent: 'walking', name: 'Shuffle' });
    const changed = join(work.dir, 'taxonomy.json');
    writeFileSync(changed, JSON.stringify(doc));
    await editor.getByLabel('Taxonomy file to import').setInputFiles(changed);
    await editor.locator('.tx-node[data-node-id="shuffle"]').waitFor();

    // Merge the deprecated walk into the new node: the walk's label follows.
    await editor.locator('.tx-node[data-node-id="walk"]').click();
    await editor.getByLabel('Merge into').selectOption('shuffle');
    await editor.getByRole('button', { name: 'Merge…' }).click();
    await editor.getByRole('button', { name: /^Merge: labels/ }).click();
    await expect.poll(async () => (await segmentById(seg.walk)).label?.nodeId).toBe('shuffle');
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
