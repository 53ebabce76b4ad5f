import type { Page } from 'playwright-core';
import type { MethodName, RequestOf, ResponseOf } from '../../../shared/contract/api';
import type { Envelope } from '../../../shared/contract/envelope';

/** Calls the API of a running `amelia serve` from the test (as another client would). */
export async function api<M extends MethodName>(
  baseUrl: string,
  method: M,
  request: RequestOf<M>,
): Promise<ResponseOf<M>> {
  const res = await fetch(new URL(`/api/${method}`, baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const env = (await res.json()) as Envelope<ResponseOf<M>>;
  if (!env.ok) throw new Error(`${method}: ${env.error.code}: ${env.error.message}`);
  return env.value;
}

/** Imports a file by path and waits until it can be played (its proxy made, where it needs one). */
export async function importPlayable(baseUrl: string, path: string, timeoutMs = 240_000): Promise<string> {
  const r = await api(baseUrl, 'videos.import', { paths: [path] });
  const id = r.imported[0]?.id ?? r.duplicates[0]?.videoId;
  if (!id) throw new Error(`import of ${path} failed: ${JSON.stringify(r.failed)}`);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await api(baseUrl, 'videos.get', { videoId: id });
    if (v.proxyState === 'ready' || v.proxyState === 'not-needed') return id;
    if (v.proxyState === 'failed') throw new Error(`the proxy of ${path} failed`);
    if (Date.now() > until) throw new Error(`the proxy of ${path} was not ready in time`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Waits for thumbnails (the thumbnail job) of a video. */
export async function waitForThumbnails(
  baseUrl: string,
  videoId: string,
  timeoutMs = 120_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await api(baseUrl, 'videos.get', { videoId })).thumbnailFrames.length === 0) {
    if (Date.now() > until) throw new Error('no thumbnails in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Opens a video's workspace and waits until the player has put its first frame on screen. */
export async function openWorkspace(page: Page, baseUrl: string, videoId: string): Promise<void> {
  await page.goto(new URL(`/#/video/${videoId}`, baseUrl).toString());
  await page.waitForSelector('[aria-label="Annotation workspace"]', { timeout: 60_000 });
  await settled(page);
}

/** The frame number the app shows, once the player has settled (nothing asked for is still on its way). */
export async function settled(page: Page, expected?: number): Promise<number> {
  try {
    await page.waitForFunction(
      (want) => {
        const el = document.querySelector('[aria-label="Frame"]');
        if (!el || el.getAttribute('data-settled') !== 'true') return false;
        const v = document.querySelector('video');
        if (v && (v.seeking || v.readyState < 2)) return false;
        return want === null || el.getAttribute('data-frame') === String(want);
      },
      expected ?? null,
      { timeout: 30_000, polling: 50 },
    );
  } catch {
    const el = page.locator('[aria-label="Frame"]');
    throw new Error(
      `the player did not settle on frame ${expected ?? '(any)'}: it shows ${await el.getAttribute('data-frame')} ` +
        `(settled: ${await el.getAttribute('data-settled')})`,
    );
  }
  return Number(await page.locator('[aria-label="Frame"]').getAttribute('data-frame'));
}

/** The frame number shown, after a pause long enough for any late frame to arrive, and settled. */
export async function settledAfterPause(page: Page): Promise<number> {
  let last = -1;
  for (;;) {
    await page.waitForTimeout(300);
    const now = await settled(page);
    if (now === last) return now;
    last = now;
  }
}
