import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, manifestSchema } from '../../shared/dataset/manifest';
import { dataPath } from '../support/data';
import { tempDir } from '../support/tempProject';
import type { LaunchedBrowser } from './support/browser';
import { launchChromium } from './support/browser';
import type { ServeProcess } from './support/server';
import { ARTIFACTS, startServe } from './support/server';
import { api, importPlayable } from './support/workspace';

/** UP-Fall, activity 1, subject 1, trial 1, camera 1: 142 frames, 640×480. */
const CLIP = dataPath('upfall/Activity1/Subject1/Trial1Cam1.mp4');

/** Two tracks: one labelled with a taxonomy node's id, one with a label the taxonomy does not know. */
const CVAT = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <size>142</size>
      <mode>interpolation</mode>
      <start_frame>0</start_frame>
      <stop_frame>141</stop_frame>
      <labels>
        <label><name>walk</name><attributes></attributes></label>
        <label><name>Gehen am Stock</name><attributes></attributes></label>
      </labels>
      <original_size><width>640</width><height>480</height></original_size>
    </task>
  </meta>
  <track id="0" label="walk">
    <box frame="0" outside="0" occluded="0" keyframe="1" xtl="100" ytl="50" xbr="300" ybr="400" z_order="0"></box>
    <box frame="40" outside="1" occluded="0" keyframe="1" xtl="100" ytl="50" xbr="300" ybr="400" z_order="0"></box>
  </track>
  <track id="1" label="Gehen am Stock">
    <box frame="50" outside="0" occluded="0" keyframe="1" xtl="300" ytl="60" xbr="500" ybr="420" z_order="0"></box>
    <box frame="100" outside="1" occluded="0" keyframe="1" xtl="300" ytl="60" xbr="500" ybr="420" z_order="0"></box>
  </track>
</annotations>
`;

describe('annotation import and dataset export dialogs in Chromium against amelia serve', () => {
  const work = tempDir('amelia-dataset-ui-');
  const outDir = join(work.dir, 'dataset');
  const cvatFile = join(work.dir, 'two-people.xml');
  let server: ServeProcess;
  let chromium: LaunchedBrowser;
  let page: Page;
  let videoId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(cvatFile, CVAT);
    server = await startServe(join(work.dir, 'project'));
    videoId = await importPlayable(server.url, CLIP);
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    work.remove();
  });

  it('a malformed file says where it breaks, and nothing can be imported', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Import annotations…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import annotations' });
    await dialog
      .getByLabel('Path of the annotation file')
      .fill(dataPath('bad-annotations/cvat_truncated.xml'));
    await dialog.getByRole('button', { name: 'Read' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/cvat_truncated\.xml/);
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await api(server.url, 'segments.list', { videoId })).toHaveLength(0);
  });

  it('imports an uploaded CVAT file once its unknown label is mapped, in one undoable edit', async () => {
    await page.getByRole('button', { name: 'Import annotations…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import annotations' });
    await dialog.getByLabel('Annotation file', { exact: true }).setInputFiles(cvatFile);
    await dialog.getByLabel('Video to import onto').selectOption(videoId);
    const labels = dialog.getByRole('table', { name: 'Labels of the file' });
    await labels.waitFor();
    // The known label is mapped already; the unknown one leaves its tube out until it is given a node.
    expect(await dialog.getByLabel('Node for walk').inputValue()).toBe('walk');
    const unknown = dialog.getByLabel('Node for Gehen am Stock');
    await expect
      .poll(() => dialog.locator('.modal-foot .muted').innerText())
      .toMatch(/1 tube to import, 1 left out/);
    await page.screenshot({ path: join(ARTIFACTS, 'annotation-import.png') });
    await unknown.selectOption('standing-still');
    await expect.poll(() => dialog.locator('.modal-foot .muted').innerText()).toMatch(/^2 tubes to import$/);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const segs = await api(server.url, 'segments.list', { videoId });
    expect(segs.map((s) => [s.startFrame, s.endFrame, s.label?.nodeId]).sort()).toEqual([
      [0, 39, 'walk'],
      [50, 99, 'standing-still'],
    ]);
    const log = await api(server.url, 'edits.list', { limit: 5 });
    expect(log.filter((e) => e.kind === 'annotations.import')).toHaveLength(1);
  });

  it('previews an export as the options change, writes it as a job, and will not write over it', async () => {
    await page.getByRole('button', { name: 'Export dataset…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a dataset' });
    const folder = dialog.getByLabel('Export folder');
    // A folder beside the project is offered; one inside it is refused with the engine's reason.
    expect(await folder.inputValue()).toMatch(/-dataset-\d{8}-\d{4}$/);
    await folder.fill(join(work.dir, 'project', 'inside'));
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/inside the project folder/);
    await folder.fill(outDir);
    const plan = dialog.getByLabel('What the export will write');
    await expect.poll(() => plan.innerText()).toMatch(/2 tubes from 1 video/);
    // Pose-only takes the clips away: no pixel leaves.
    await dialog.getByLabel('pose-only: no pixel of the footage leaves').check();
    expect(
      await dialog
        .getByRole('group', { name: 'Formats' })
        .getByLabel(/^Clips/)
        .isChecked(),
    ).toBe(false);
    // Classes at the top level: walking and standing still are both daily activities there.
    await dialog.getByRole('combobox').filter({ hasText: 'each tube’s own label' }).selectOption('1');
    await expect.poll(() => plan.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(ARTIFACTS, 'dataset-export.png') });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => dialog.getByLabel('Export written').innerText(), { timeout: 120_000 })
      .toMatch(/2 tubes, 0 clips/);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')));
    expect(manifest.tubes.map((t) => [t.startFrame, t.endFrame]).sort()).toEqual([
      [0, 39],
      [50, 99],
    ]);
    expect(existsSync(join(outDir, 'clips'))).toBe(false);
    // The same folder again: the preview says it exists and Export stays off.
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/exists already/);
    expect(await dialog.getByRole('button', { name: 'Export', exact: true }).isDisabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
