import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../support/data';
import { tempDir } from '../support/tempProject';
import type { LaunchedBrowser } from './support/browser';
import { api } from './support/workspace';
import { launchChromium } from './support/browser';
import type { ServeProcess } from './support/server';
import { ARTIFACTS, startServe } from './support/server';

const UPFALL = dataPath('upfall/Activity1/Subject1/Trial1Cam2.mp4');
const TAICHI = dataPath('mmskeleton/ta_chi.mp4');

/** Records every `data-state` a job element shows, so a fast job's passage through "running" is seen. */
async function watchJobStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __jobStates: string[] }).__jobStates = seen;
    const record = () => {
      for (const el of document.querySelectorAll('[data-state]')) {
        const s = `${el.getAttribute('aria-label')}:${el.getAttribute('data-state')}`;
        if (seen[seen.length - 1] !== s && !seen.includes(s)) seen.push(s);
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

describe('the video library in Chromium against amelia serve', () => {
  let project: { dir: string; remove: () => void };
  let server: ServeProcess;
  let chromium: LaunchedBrowser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    project = tempDir('amelia-browser-');
    server = await startServe(project.dir);
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().includes('/api/')) consoleErrors.push(`${r.status()} ${r.url()}`);
    });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    project?.remove();
  });

  it('opens on an empty library naming the project and the media tools in use', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByText('No videos yet.').isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('Media tools').textContent()).toMatch(/ffmpeg .+ · ffprobe .+/);
  });

  it('uploads a UP-Fall clip, shows its poster and metadata, and its proxy job runs to done', async () => {
    await watchJobStates(page);
    await page.getByLabel('Video files to upload').setInputFiles(UPFALL);
    const card = page.getByRole('listitem', { name: 'Trial1Cam2.mp4' });
    await card.waitFor({ timeout: 60_000 });

    await expect.poll(() => card.getByLabel('Frames').textContent()).toBe('142');
    expect(await card.getByLabel('Resolution').textContent()).toBe('640×480');
    expect(await card.getByLabel('Frame rate').textContent()).toBe('18 fps');
    expect(await card.getByLabel('Duration').textContent()).toBe('00:07.889');

    const poster = card.getByRole('img', { name: 'Poster of Trial1Cam2.mp4' });
    await expect
      .poll(
        () =>
          poster.evaluate(
            (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth,
          ),
        {
          timeout: 30_000,
        },
      )
      .toBe(480);

    // 4:4:4 H.264 does not play in browsers: a proxy is made, with progress, to done.
    await expect
      .poll(() => card.getByLabel('Playback', { exact: true }).getAttribute('data-proxy-state'), {
        timeout: 120_000,
      })
      .toBe('ready');
    const states = await page.evaluate(() => (window as unknown as { __jobStates: string[] }).__jobStates);
    expect(states).toContain('Playback proxy job:done');
    expect(states.some((s) => s === 'Playback proxy job:queued' || s === 'Playback proxy job:running')).toBe(
      true,
    );
    await expect
      .poll(() => card.getByLabel('Thumbnails job').getAttribute('data-state'), { timeout: 60_000 })
      .toMatch(/^(done|failed)$/);
    // A failed job's own words, so that a failure says why.
    const thumbs = (await api(server.url, 'jobs.list', {})).filter((j) => j.kind === 'thumbnails');
    expect(
      thumbs.map((j) => `${j.state}${j.error ? `: ${j.error}` : ''}`),
      'the thumbnails job',
    ).toEqual(['done']);
  });

  it('plays the proxy in Chromium with one frame per source frame', async () => {
    const card = page.getByRole('listitem', { name: 'Trial1Cam2.mp4' });
    const videoId = await card.getAttribute('data-video-id');
    const played = await page.evaluate(async (id) => {
      const v = document.createElement('video');
      v.muted = true;
      v.src = `/media/${id}/proxy.mp4`;
      await new Promise<void>((res, rej) => {
        v.onloadeddata = () => res();
        v.onerror = () => rej(new Error(`cannot play: ${v.error?.message ?? v.error?.code}`));
      });
      v.currentTime = 100.5 / 18;
      await new Promise<void>((res) => (v.onseeked = () => res()));
      return { width: v.videoWidth, height: v.videoHeight, duration: v.duration };
    }, videoId);
    expect(played.width).toBe(640);
    expect(played.height).toBe(480);
    expect(played.duration).toBeCloseTo(142 / 18, 1);
  });

  it('imports a clip by its path on the server machine; that one plays its original', async () => {
    await page.getByLabel('Path of a video file to import').fill(TAICHI);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const card = page.getByRole('listitem', { name: 'ta_chi.mp4' });
    await card.waitFor({ timeout: 60_000 });
    await expect.poll(() => card.getByLabel('Frames').textContent()).toBe('300');
    expect(await card.getByLabel('Playback', { exact: true }).getAttribute('data-proxy-state')).toBe(
      'not-needed',
    );
    expect(await card.getByLabel('Frame rate').textContent()).toBe('29.97 fps');
  });

  it('reports a broken file clearly and adds nothing', async () => {
    await page.getByLabel('Path of a video file to import').fill(dataPath('tricky/random_bytes.mp4'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/random_bytes\.mp4.*(truncated or damaged|not a video)/);
    expect(await page.getByRole('listitem').count()).toBe(2);
  });

  it('keeps a screenshot of the library, and the page logged no errors', async () => {
    await page.screenshot({ path: resolve(ARTIFACTS, 'library.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('asks before removing a video, naming its tubes; tubes added meanwhile are asked about again', async () => {
    const card = page.getByRole('listitem', { name: 'ta_chi.mp4' });
    const videoId = (await card.getAttribute('data-video-id')) as string;
    const actor = await api(server.url, 'actors.create', { clientId: 'other-tab', videoId, name: 'Ann' });
    const tube = (startFrame: number) =>
      api(server.url, 'segments.create', {
        clientId: 'other-tab',
        videoId,
        actorId: actor.id,
        startFrame,
        endFrame: startFrame + 9,
        labelNodeId: 'walk',
      });
    await tube(0);

    await card.getByRole('button', { name: 'Remove…' }).click();
    const question = card.getByRole('group', { name: 'Remove ta_chi.mp4' });
    await expect
      .poll(() => question.getByLabel('Tubes deleted').textContent())
      .toBe(
        'Deleted with it, for good: 1 tube (labelled) of 1 person. Export them first if they are wanted.',
      );
    expect(await question.getByLabel('The file').textContent()).toBe(
      `The original file stays where it is: ${TAICHI}`,
    );
    await page.screenshot({ path: resolve(ARTIFACTS, 'library-remove.png') });
    // Someone else adds a tube while the question is open: the removal is refused and asked again.
    await tube(20);
    await question.getByRole('button', { name: 'Remove with 1 tube' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'now has 2 tubes' }).count()).toBe(1);
    await expect
      .poll(() => question.getByLabel('Tubes deleted').textContent())
      .toBe(
        'Deleted with it, for good: 2 tubes (all labelled) of 1 person. Export them first if they are wanted.',
      );
    expect(await api(server.url, 'segments.list', { videoId })).toHaveLength(2);

    await question.getByRole('button', { name: 'Remove with 2 tubes' }).click();
    await card.waitFor({ state: 'detached' });
    expect((await api(server.url, 'videos.list', {})).map((v) => v.name)).toEqual(['Trial1Cam2.mp4']);
  });
});
