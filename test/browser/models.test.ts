import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../support/data';
import { tempDir } from '../support/tempProject';
import type { LaunchedBrowser } from './support/browser';
import { launchChromium } from './support/browser';
import type { ServeProcess } from './support/server';
import { ARTIFACTS, startServe } from './support/server';
import { api, importPlayable } from './support/workspace';

/** UP-Fall, activity 1 (falling forward using hands), subject 1, trial 1, camera 1: 142 frames. */
const CLIP = dataPath('upfall/Activity1/Subject1/Trial1Cam1.mp4');

describe('the Models page in Chromium against amelia serve', () => {
  const work = tempDir('amelia-models-ui-');
  let server: ServeProcess;
  let chromium: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServe(join(work.dir, 'project'));
    const videoId = await importPlayable(server.url, CLIP);
    const actor = await api(server.url, 'actors.create', { clientId: 'seed', videoId, name: 'Subject1' });
    for (const [startFrame, endFrame, labelNodeId] of [
      [0, 59, 'walk'],
      [60, 89, 'fall-forward-hands'],
      [90, 141, 'on-floor'],
    ] as const) {
      await api(server.url, 'segments.create', {
        clientId: 'seed',
        videoId,
        actorId: actor.id,
        startFrame,
        endFrame,
        labelNodeId,
      });
    }
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    work.remove();
  });

  it('opens from the header on an empty registry', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Models' }).click();
    expect(page.url()).toContain('#/models');
    const registry = page.getByRole('region', { name: 'Model registry' });
    await expect.poll(() => registry.innerText()).toMatch(/No models yet: train one\./);
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);
  });

  it('extracts the labelled tubes’ missing poses first, then shows the class counts at the situation level', async () => {
    await page.getByRole('button', { name: 'Show class counts' }).click();
    await page.getByLabel('Pose extraction').waitFor();
    const counts = page.getByRole('table', { name: 'Class counts' });
    await counts.waitFor({ timeout: 300_000 });
    const videos = await api(server.url, 'videos.list', {});
    const summary = await api(server.url, 'poses.summary', { videoId: videos[0]?.id ?? '' });
    expect(summary.map((p) => p.model)).toEqual(['blazepose-full', 'blazepose-full', 'blazepose-full']);
    const rows = await counts.locator('tbody tr td:first-child').allInnerTexts();
    // Walking is locomotion, falling forward onto the hands a fall, lying on the floor down on the floor.
    expect(rows.sort()).toEqual(['Down on the floor', 'Fall', 'Locomotion']);
    const tubes = await counts.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(tubes).toEqual(['1', '1', '1']);
    // One short recording: every class is very rare (fewer than 30 windows or 3 recordings).
    expect(await counts.locator('tr.rare').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('asks before removing a model, counting the inference results that go with it', async () => {
    const videoId = (await api(server.url, 'videos.list', {}))[0]?.id ?? '';
    const finished = (jobId: string) =>
      expect
        .poll(async () => (await api(server.url, 'jobs.list', {})).find((j) => j.id === jobId)?.state, {
          timeout: 300_000,
        })
        .toBe('done');
    // Small and quick: the CI machine has two cores.
    const trained = await api(server.url, 'models.train', {
      name: 'tiny',
      epochs: 2,
      config: { windowFrames: 16, strideFrames: 2, tcnChannels: 16, gcnChannels: [8, 8], batchSize: 16 },
    });
    await finished(trained.id);
    const [model] = await api(server.url, 'models.list', {});
    if (!model) throw new Error('no model');
    await finished((await api(server.url, 'models.infer', { modelId: model.id, videoIds: [videoId] })).id);

    const registry = page.getByRole('region', { name: 'Model registry' });
    await registry.getByRole('button', { name: /^tiny/ }).click();
    const modelPanel = page.getByRole('region', { name: 'Model' });
    await modelPanel.getByRole('button', { name: 'Remove…' }).click();
    const question = modelPanel.getByRole('group', { name: 'Remove tiny' });
    await expect
      .poll(() => question.getByLabel('Results deleted').textContent())
      .toBe('Deleted with it: 1 inference result on 1 recording. Pre-labels made from them stay as tubes.');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'models-remove.png') });
    await question.getByRole('button', { name: 'Keep' }).click();
    expect(await api(server.url, 'models.list', {})).toHaveLength(1);

    await modelPanel.getByRole('button', { name: 'Remove…' }).click();
    await question.getByRole('button', { name: 'Remove model' }).click();
    await expect.poll(() => registry.innerText()).toMatch(/No models yet: train one\./);
    expect(await api(server.url, 'models.list', {})).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
