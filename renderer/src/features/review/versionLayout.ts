import type { Segment } from '../../../../shared/domain/annotation';

/** Distinct colours for the annotators' versions (in the order of the item's versions); the final one white. */
export const VERSION_COLORS = ['#f5a524', '#5aa9e6', '#e5484d', '#46a758', '#b07cf5', '#f08cc0'] as const;
export const FINAL_COLOR = '#ffffff';

export function versionColor(index: number): string {
  return VERSION_COLORS[index % VERSION_COLORS.length] ?? '#ffffff';
}

/** One lane of the review timeline: an annotator's version, or the expert's final one. */
export interface VersionLane {
  key: string;
  /** Who: the annotator's name, or "Final (name)". */
  name: string;
  color: string;
  segment: Segment;
  final: boolean;
}

/** The frames the review timeline shows: the versions' frames, with room around them, inside the video. */
export function reviewRange(
  segments: readonly Pick<Segment, 'startFrame' | 'endFrame'>[],
  frameCount: number,
): { first: number; last: number } {
  if (segments.length === 0) return { first: 0, last: Math.max(0, frameCount - 1) };
  const lo = Math.min(...segments.map((s) => s.startFrame));
  const hi = Math.max(...segments.map((s) => s.endFrame));
  const pad = Math.max(5, Math.round((hi - lo + 1) * 0.15));
  return { first: Math.max(0, lo - pad), last: Math.min(frameCount - 1, hi + pad) };
}

/** x (pixels) of a frame boundary: frame f's interval is [x(f), x(f + 1)). */
export function frameX(frame: number, range: { first: number; last: number }, width: number): number {
  return ((frame - range.first) / (range.last + 1 - range.first)) * width;
}

/** The frame under x (pixels), inside the range. */
export function frameAtX(x: number, range: { first: number; last: number }, width: number): number {
  const f = range.first + Math.floor((x / Math.max(1, width)) * (range.last + 1 - range.first));
  return Math.min(range.last, Math.max(range.first, f));
}

/** Round frame numbers to label the ruler with, about one per `minPx` pixels. */
export function rulerTicks(range: { first: number; last: number }, width: number, minPx = 70): number[] {
  const span = range.last + 1 - range.first;
  const raw = (span * minPx) / Math.max(1, width);
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 50_000, 100_000];
  const step = steps.find((s) => s >= raw) ?? 100_000;
  const out: number[] = [];
  for (let f = Math.ceil(range.first / step) * step; f <= range.last; f += step) out.push(f);
  return out;
}
