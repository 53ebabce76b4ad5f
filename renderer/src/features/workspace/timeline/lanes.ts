import type { Actor, Segment } from '../../../../../shared/domain/annotation';
import type { TaxonomyTree } from '../../../../../shared/taxonomy/tree';
import { byStart, levelOfSegment } from '../segmentQueries';
import type { View } from './view';
import { frameToX } from './view';

export const RULER_H = 24;
export const THUMBS_H = 44;
export const ROW_H = 24;
export const LANE_PAD = 4;
/** Pixels from a segment's edge within which the edge is grabbed. */
export const EDGE_GRAB_PX = 5;

export interface LaneItem {
  seg: Segment;
  level: number;
  row: number;
}

/** One person's lane: a row per taxonomy level their segments use (unlabelled last). */
export interface Lane {
  actor: Actor;
  top: number;
  height: number;
  /** Levels of the rows, top to bottom (0: unlabelled). */
  levels: number[];
  /** Per row, its segments by start frame (one person's segments never overlap on one level). */
  rows: LaneItem[][];
}

export interface LaneLayout {
  lanes: Lane[];
  /** Top of the first lane (below the ruler and the thumbnails). */
  top: number;
  height: number;
}

function levelOrder(a: number, b: number): number {
  if (a === 0) return b === 0 ? 0 : 1;
  if (b === 0) return -1;
  return a - b;
}

export function rowTop(lane: Lane, row: number): number {
  return lane.top + LANE_PAD + row * ROW_H;
}

export function buildLanes(
  actors: readonly Actor[],
  segments: Record<string, Segment>,
  tree: TaxonomyTree | null,
  top: number,
): LaneLayout {
  const byActor = new Map<string, { seg: Segment; level: number }[]>();
  for (const a of actors) byActor.set(a.id, []);
  for (const seg of Object.values(segments))
    byActor.get(seg.actorId)?.push({ seg, level: levelOfSegment(seg, tree) });
  const lanes: Lane[] = [];
  let y = top;
  for (const actor of actors) {
    const list = byActor.get(actor.id) ?? [];
    const levels = [...new Set(list.map((x) => x.level))].sort(levelOrder);
    if (levels.length === 0) levels.push(0);
    const rows: LaneItem[][] = levels.map(() => []);
    for (const { seg, level } of list) {
      const row = levels.indexOf(level);
      rows[row]?.push({ seg, level, row });
    }
    for (const r of rows) r.sort((a, b) => byStart(a.seg, b.seg));
    const height = levels.length * ROW_H + LANE_PAD * 2;
    lanes.push({ actor, top: y, height, levels, rows });
    y += height + 1;
  }
  return { lanes, top, height: y };
}

/** Index of the first item of a row (sorted by start, not overlapping) that ends at or after `frame`. */
export function firstEndingAtOrAfter(row: readonly LaneItem[], frame: number): number {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((row[mid] as LaneItem).seg.endFrame + 1 <= frame) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items of a row that show in the view. */
export function visibleItems(row: readonly LaneItem[], view: View): LaneItem[] {
  const end = view.start + view.width * view.framesPerPx;
  const out: LaneItem[] = [];
  for (let i = firstEndingAtOrAfter(row, view.start); i < row.length; i++) {
    const item = row[i] as LaneItem;
    if (item.seg.startFrame > end) break;
    out.push(item);
  }
  return out;
}

export type TimelineHit =
  | { kind: 'ruler' }
  | { kind: 'segment'; lane: Lane; item: LaneItem; edge: 'start' | 'end' | null }
  | { kind: 'lane'; lane: Lane; level: number }
  | { kind: 'none' };

export function hitTest(layout: LaneLayout, view: View, x: number, y: number): TimelineHit {
  if (y < layout.top) return { kind: 'ruler' };
  const lane = layout.lanes.find((l) => y >= l.top && y < l.top + l.height);
  if (!lane) return { kind: 'none' };
  const row = Math.min(lane.levels.length - 1, Math.max(0, Math.floor((y - lane.top - LANE_PAD) / ROW_H)));
  const items = lane.rows[row] ?? [];
  const frame = view.start + x * view.framesPerPx;
  // Edges first, within a few pixels, so that short segments can still be resized.
  const grab = EDGE_GRAB_PX * view.framesPerPx;
  let best: { item: LaneItem; edge: 'start' | 'end' | null; d: number } | null = null;
  for (let i = Math.max(0, firstEndingAtOrAfter(items, frame - grab) - 1); i < items.length; i++) {
    const item = items[i] as LaneItem;
    if (item.seg.startFrame > frame + grab) break;
    const x0 = frameToX(view, item.seg.startFrame);
    const x1 = frameToX(view, item.seg.endFrame + 1);
    const ds = Math.abs(x - x0);
    const de = Math.abs(x - x1);
    if (ds <= EDGE_GRAB_PX && (!best || ds < best.d)) best = { item, edge: 'start', d: ds };
    if (de <= EDGE_GRAB_PX && (!best || de < best.d)) best = { item, edge: 'end', d: de };
    if (!best && x >= x0 && x < x1) best = { item, edge: null, d: EDGE_GRAB_PX + 1 };
  }
  if (best) {
    // Inside a wide segment the middle is the body, not an edge.
    return { kind: 'segment', lane, item: best.item, edge: best.edge };
  }
  return { kind: 'lane', lane, level: lane.levels[row] ?? 0 };
}
