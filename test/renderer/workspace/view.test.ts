import { describe, expect, it } from 'vitest';
import {
  boundaryAtX,
  clampView,
  ensureVisible,
  fitView,
  frameAtX,
  frameToX,
  tickStep,
  zoomAround,
} from '../../../renderer/src/features/workspace/timeline/view';

describe('the timeline view', () => {
  const n = 15_000;

  it('fits the whole video in the width', () => {
    const v = fitView(n, 1000);
    expect(v.start).toBe(0);
    expect(frameToX(v, n)).toBeCloseTo(1000);
  });

  it('maps pixels to frames and back; a dragged edge snaps to the nearest frame boundary', () => {
    const v = { start: 100, framesPerPx: 0.25, width: 800 };
    expect(frameToX(v, 110)).toBe(40);
    expect(frameAtX(v, 41, n)).toBe(110);
    expect(boundaryAtX(v, 41, n)).toBe(110);
    expect(boundaryAtX(v, 43, n)).toBe(111);
  });

  it('zooms around a frame, which stays where it was on screen', () => {
    const v = fitView(n, 1000);
    const z = zoomAround(v, 8, 6000, n);
    expect(frameToX(z, 6000)).toBeCloseTo(frameToX(v, 6000));
    expect(z.framesPerPx).toBeCloseTo(v.framesPerPx / 8);
  });

  it('keeps the view inside the video and within the zoom limits', () => {
    const v = clampView({ start: -50, framesPerPx: 1e-6, width: 500 }, 100);
    expect(v.start).toBe(0);
    expect(1 / v.framesPerPx).toBeLessThanOrEqual(48);
    const far = clampView({ start: 99_999, framesPerPx: 0.1, width: 500 }, 100);
    expect(far.start + far.width * far.framesPerPx).toBeCloseTo(100);
  });

  it('pages to a playhead that left the view', () => {
    const v = { start: 0, framesPerPx: 1, width: 100 };
    expect(ensureVisible(v, 50, n)).toBe(v);
    expect(ensureVisible(v, 500, n).start).toBe(490);
  });

  it('spaces the ruler’s labels at least 70 px apart', () => {
    expect(tickStep({ start: 0, framesPerPx: 1, width: 1000 })).toBe(100);
    expect(tickStep({ start: 0, framesPerPx: 1 / 40, width: 1000 })).toBe(2);
  });
});
