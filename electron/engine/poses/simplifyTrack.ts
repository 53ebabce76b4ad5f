import type { TrackKeyframe } from '../../../shared/domain/annotation';
import type { Rect } from '../../../models/pose/types';

/**
 * Keyframes for a box per frame: the first and last frames, and enough frames between that linear
 * interpolation stays within `tolerancePx` of every box (greedy: each keyframe reaches as far as it can).
 */
export function keyframesFromBoxes(
  startFrame: number,
  boxes: readonly Rect[],
  tolerancePx = 4,
): TrackKeyframe[] {
  const n = boxes.length;
  if (n === 0) return [];
  const key = (i: number): TrackKeyframe => {
    const b = boxes[i] as Rect;
    const r = (v: number) => Math.round(v * 10) / 10;
    return {
      frame: startFrame + i,
      x: r(b.x),
      y: r(b.y),
      width: r(b.width),
      height: r(b.height),
      outside: false,
    };
  };
  const fits = (a: number, b: number): boolean => {
    const A = boxes[a] as Rect;
    const B = boxes[b] as Rect;
    for (let i = a + 1; i < b; i++) {
      const t = (i - a) / (b - a);
      const m = boxes[i] as Rect;
      const err = Math.max(
        Math.abs(A.x + (B.x - A.x) * t - m.x),
        Math.abs(A.y + (B.y - A.y) * t - m.y),
        Math.abs(A.x + A.width + (B.x + B.width - A.x - A.width) * t - (m.x + m.width)),
        Math.abs(A.y + A.height + (B.y + B.height - A.y - A.height) * t - (m.y + m.height)),
      );
      if (err > tolerancePx) return false;
    }
    return true;
  };
  const out: TrackKeyframe[] = [key(0)];
  let a = 0;
  while (a < n - 1) {
    let b = a + 1;
    while (b + 1 < n && fits(a, b + 1)) b++;
    out.push(key(b));
    a = b;
  }
  return out;
}
