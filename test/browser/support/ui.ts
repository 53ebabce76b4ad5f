import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { settled } from './workspace';

/** Types a frame number into the jump box (G) and waits until that frame is on screen. */
export async function goToFrame(page: Page, frame: number): Promise<void> {
  await page.keyboard.press('g');
  await page.keyboard.type(String(frame));
  await page.keyboard.press('Enter');
  await settled(page, frame);
}

/** The id of the selected segment (the inspector shows it). */
export async function selectedSegmentId(page: Page): Promise<string | null> {
  return page.locator('[aria-label="Selected segment"]').getAttribute('data-segment-id');
}

/** Drags on the video between two points given in video pixels. */
export async function dragOnVideo(
  page: Page,
  video: { width: number; height: number },
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  const box = await page.locator('.box-overlay').boundingBox();
  if (!box) throw new Error('no box overlay');
  const sx = (x: number) => box.x + (x / video.width) * box.width;
  const sy = (y: number) => box.y + (y / video.height) * box.height;
  await page.mouse.move(sx(from.x), sy(from.y));
  await page.mouse.down();
  await page.mouse.move(sx((from.x + to.x) / 2), sy((from.y + to.y) / 2), { steps: 4 });
  await page.mouse.move(sx(to.x), sy(to.y), { steps: 4 });
  await page.mouse.up();
}

export interface ShownBox {
  kind: string;
  box: [number, number, number, number] | null;
}

/** How the overlay draws a segment's box at the frame on screen (null: not drawn at all). */
export async function shownBox(page: Page, segmentId: string): Promise<ShownBox | null> {
  const g = page.locator(`.box-overlay [data-segment-id="${segmentId}"]`);
  if ((await g.count()) === 0) return null;
  const kind = (await g.getAttribute('data-box-kind')) ?? '';
  const raw = await g.getAttribute('data-box');
  const box = raw ? (raw.split(',').map(Number) as [number, number, number, number]) : null;
  return { kind, box };
}

/** Screen x of a frame boundary on the timeline canvas, and the y of a person's lane. */
export async function timelinePoint(
  page: Page,
  boundary: number,
  actorName: string,
): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId('timeline-canvas');
  const box = await canvas.boundingBox();
  const lane = await page.getByRole('button', { name: `Lane of ${actorName}` }).boundingBox();
  if (!box || !lane) throw new Error('no timeline');
  const start = Number(await canvas.getAttribute('data-view-start'));
  const fpp = Number(await canvas.getAttribute('data-frames-per-px'));
  return { x: box.x + (boundary - start) / fpp, y: lane.y + lane.height / 2 };
}

/** The texts of the rows of the segment list, in time order. */
export async function segmentListRows(page: Page): Promise<string[]> {
  return page.locator('.segment-list [role="listitem"]').allInnerTexts();
}

/** I at one frame, O at another: the new segment is selected; returns its id. */
export async function markSegment(page: Page, from: number, to: number): Promise<string> {
  const before = await selectedSegmentId(page);
  await goToFrame(page, from);
  await page.keyboard.press('i');
  await goToFrame(page, to);
  await page.keyboard.press('o');
  await expect
    .poll(async () => {
      const id = await selectedSegmentId(page);
      return id !== null && id !== before ? id : null;
    })
    .not.toBeNull();
  return (await selectedSegmentId(page)) as string;
}

/**
 * T, a search, Enter: the label picker applies its first match. With `definitionShown`, also checks that the
 * definition of the label about to be applied is shown beside the list.
 */
export async function labelWithPicker(
  page: Page,
  query: string,
  expectedNodeId: string,
  options: { definitionShown?: boolean } = {},
): Promise<void> {
  await page.keyboard.press('t');
  const picker = page.getByRole('dialog');
  await picker.waitFor();
  await page.keyboard.type(query);
  await expect
    .poll(() => picker.locator('[role="option"][aria-selected="true"]').getAttribute('data-node-id'))
    .toBe(expectedNodeId);
  if (options.definitionShown)
    await expect.poll(() => picker.getByLabel('Definition').innerText()).toMatch(/[\s\S]{60,}/);
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'detached' });
}
