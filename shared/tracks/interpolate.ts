import type { TrackKeyframe } from '../domain/annotation';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How the box at a frame was found: a keyframe; linear interpolation between two keyframes; held from the
 * nearest keyframe before the first or after the last; outside (the person is out of view); or none at all.
 */
export type BoxKind = 'keyframe' | 'interpolated' | 'held' | 'outside' | 'none';

export interface BoxAt {
  box: Box | null;
  kind: BoxKind;
}

/** Keyframes in frame order, one per frame (the last write for a frame wins). */
export function normaliseKeyframes(keyframes: readonly TrackKeyframe[]): TrackKeyframe[] {
  const byFrame = new Map<number, TrackKeyframe>();
  for (const k of keyframes) byFrame.set(k.frame, k);
  return [...byFrame.values()].sort((a, b) => a.frame - b.frame);
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Index of the last keyframe at or before `frame`, or -1. `keyframes` must be sorted. */
export function keyframeIndexAtOrBefore(keyframes: readonly TrackKeyframe[], frame: number): number {
  let lo = 0;
  let hi = keyframes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((keyframes[mid] as TrackKeyframe).frame <= frame) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The box of a track at `frame`. Between two keyframes the box moves linearly; a keyframe marked outside
 * hides the person from that frame until the next keyframe; before the first and after the last keyframe the
 * nearest box is held.
 */
export function boxAt(sortedKeyframes: readonly TrackKeyframe[], frame: number): BoxAt {
  const n = sortedKeyframes.length;
  if (n === 0) return { box: null, kind: 'none' };
  const i = keyframeIndexAtOrBefore(sortedKeyframes, frame);
  if (i < 0) {
    const first = sortedKeyframes[0] as TrackKeyframe;
    return first.outside ? { box: null, kind: 'outside' } : { box: boxOf(first), kind: 'held' };
  }
  const k = sortedKeyframes[i] as TrackKeyframe;
  if (k.outside) return { box: null, kind: 'outside' };
  if (k.frame === frame) return { box: boxOf(k), kind: 'keyframe' };
  const next = sortedKeyframes[i + 1];
  if (!next) return { box: boxOf(k), kind: 'held' };
  if (next.outside) return { box: boxOf(k), kind: 'held' };
  const t = (frame - k.frame) / (next.frame - k.frame);
  return {
    box: {
      x: lerp(k.x, next.x, t),
      y: lerp(k.y, next.y, t),
      width: lerp(k.width, next.width, t),
      height: lerp(k.height, next.height, t),
    },
    kind: 'interpolated',
  };
}

export function boxOf(k: Pick<TrackKeyframe, 'x' | 'y' | 'width' | 'height'>): Box {
  return { x: k.x, y: k.y, width: k.width, height: k.height };
}

/** The box at every frame of an inclusive range, for extraction and export. */
export function boxesInRange(sortedKeyframes: readonly TrackKeyframe[], start: number, end: number): BoxAt[] {
  const out: BoxAt[] = [];
  for (let f = start; f <= end; f++) out.push(boxAt(sortedKeyframes, f));
  return out;
}

/** A box clamped to the frame; null when nothing of it is inside. */
export function clampBox(box: Box, width: number, height: number): Box | null {
  const x0 = Math.max(0, Math.min(width, box.x));
  const y0 = Math.max(0, Math.min(height, box.y));
  const x1 = Math.max(0, Math.min(width, box.x + box.width));
  const y1 = Math.max(0, Math.min(height, box.y + box.height));
  if (x1 - x0 <= 0 || y1 - y0 <= 0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
