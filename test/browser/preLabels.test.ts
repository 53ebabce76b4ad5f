import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSegment } from '../../electron/engine/annotation/segments';
import { dataPath } from '../support/data';
import { tempDir } from '../support/tempProject';
import type { LaunchedBrowser } from './support/browser';
import { launchChromium } from './support/browser';
import type { ServeProcess } from './support/server';
import { startServe } from './support/server';
import { api, importPlayable } from './support/workspace';

/** UP-Fall, activity 1, subject 1, trial 1, camera 1: 142 frames. */
const CLIP = dataPath('upfall/Activity1/Subject1/Trial1Cam1.mp4');

describe('a model’s pre-label in the workspace, in Chromium against amelia serve', () => {
  const work = tempDir('amelia-prelabel-ui-');
  const projectDir = join(work.dir, 'project');
  let server: ServeProcess;
  let chromium: LaunchedBrowser;
  let page: Page;
  let videoId = '';
  const tube = 'model-pre-label-1';

  beforeAll(async () => {
    server = await startServe(projectDir);
    videoId = await importPlayable(server.url, CLIP);
    const actor = await api(server.url, 'actors.create', { clientId: 'seed', videoId });
    // As `models.toPreLabels` writes it: a tube of origin `model` with the model's confidence.
    const db = new Database(join(projectDir, 'amelia.sqlite'));
    try {
      createSegment(
        db,
        { userId: null, role: 'admin', clientId: 'models', at: new Date().toISOString() },
        tube,
        {
          videoId,
          actorId: actor.id,
          startFrame: 60,
          endFrame: 100,
          labelNodeId: 'fall-forward-hands',
          origin: 'model',
          confidence: 0.62,
        },
      );
    } finally {
      db.close();
    }
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    work.remove();
  });

  it('says the tube is a model’s guess, and Confirm label makes it the annotator’s', async () => {
    // Opened at the tube, as the review inbox links do: the tube is selected in the inspector.
    await page.goto(new URL(`/#/video/${videoId}?frame=70&segment=${tube}`, server.url).toString());
    await page.waitForSelector('[aria-label="Annotation workspace"]', { timeout: 60_000 });
    const note = page.getByRole('note', { name: 'Model pre-label' });
    await expect.poll(() => note.innerText()).toMatch(/A model’s pre-label, confidence 62 %/);
    await note.getByRole('button', { name: 'Confirm label' }).click();
    await expect
      .poll(
        async () => (await api(server.url, 'segments.list', { videoId })).find((s) => s.id === tube)?.origin,
      )
      .toBe('manual');
    const confirmed = (await api(server.url, 'segments.list', { videoId })).find((s) => s.id === tube);
    expect(confirmed).toMatchObject({ confidence: null, label: { nodeId: 'fall-forward-hands' } });
    await note.waitFor({ state: 'detached' });
  });
});
