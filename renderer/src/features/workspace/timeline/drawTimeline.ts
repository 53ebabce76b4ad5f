import type { Segment } from '../../../../../shared/domain/annotation';
import type { TaxonomyTree } from '../../../../../shared/taxonomy/tree';
import type { Lane, LaneLayout } from './lanes';
import { LANE_PAD, ROW_H, RULER_H, THUMBS_H, rowTop, visibleItems } from './lanes';
import type { View } from './view';
import { frameToX, tickStep } from './view';

/** A segment being drawn or resized with the mouse, before it is saved. */
export interface DragPreview {
  actorId: string;
  /** The segment being resized; null for a new one. */
  segmentId: string | null;
  level: number;
  startFrame: number;
  endFrame: number;
  /** The overlap rule refuses it (drawn red; the engine says why on release). */
  refused: boolean;
}

export interface Thumbnails {
  frames: readonly number[];
  image(index: number): HTMLImageElement | null;
  aspect: number;
}

export interface TimelineModel {
  view: View;
  height: number;
  frameCount: number;
  layout: LaneLayout;
  tree: TaxonomyTree | null;
  selectedSegmentId: string | null;
  selectedActorId: string | null;
  markIn: number | null;
  playhead: number;
  preview: DragPreview | null;
  thumbnails: Thumbnails | null;
}

const C = {
  bg: '#16181d',
  laneBg: '#1b1e24',
  laneSelected: '#222731',
  line: '#2e323b',
  text: '#e6e8ec',
  muted: '#9aa1ad',
  ruler: '#1f2229',
  refused: '#e5484d',
  markIn: '#f5a524',
};

/** Below this width segments are drawn as plain cover, merged with their neighbours. */
const NARROW_PX = 3;

function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `${hex}${a}`;
}

/** Index of the thumbnail whose frame is nearest to `frame`. */
function nearestThumb(frames: readonly number[], frame: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((frames[mid] as number) < frame) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs((frames[lo - 1] as number) - frame) <= Math.abs((frames[lo] as number) - frame))
    return lo - 1;
  return lo;
}

function drawRuler(ctx: CanvasRenderingContext2D, m: TimelineModel): void {
  const { view } = m;
  ctx.fillStyle = C.ruler;
  ctx.fillRect(0, 0, view.width, RULER_H);
  const step = tickStep(view);
  const minor = step >= 5 ? step / 5 : step;
  const first = Math.max(0, Math.floor(view.start / minor) * minor);
  const last = Math.min(m.frameCount, view.start + view.width * view.framesPerPx);
  ctx.strokeStyle = C.line;
  ctx.fillStyle = C.muted;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (let f = first; f <= last; f += minor) {
    const x = Math.round(frameToX(view, f)) + 0.5;
    const major = f % step === 0;
    ctx.moveTo(x, major ? 12 : 18);
    ctx.lineTo(x, RULER_H);
    if (major) ctx.fillText(String(f), x + 3, 3);
  }
  ctx.stroke();
  // Frames are wide enough to see: shade every other one.
  if (1 / view.framesPerPx >= 8) {
    ctx.fillStyle = 'rgba(255,255,255,0.035)';
    for (let f = Math.floor(view.start); f <= last; f++) {
      if (f % 2 === 0) ctx.fillRect(frameToX(view, f), RULER_H, 1 / view.framesPerPx, m.height - RULER_H);
    }
  }
}

function drawThumbnails(ctx: CanvasRenderingContext2D, m: TimelineModel): void {
  const t = m.thumbnails;
  if (!t || t.frames.length === 0) return;
  const { view } = m;
  const h = THUMBS_H - 4;
  const w = Math.max(8, h * t.aspect);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, RULER_H, view.width, THUMBS_H);
  const end = Math.min(view.width, frameToX(view, m.frameCount));
  for (let x = Math.max(0, frameToX(view, 0)); x < end; x += w) {
    const frame = view.start + (x + w / 2) * view.framesPerPx;
    const img = t.image(nearestThumb(t.frames, frame));
    if (img && img.complete && img.naturalWidth > 0)
      ctx.drawImage(img, x, RULER_H + 2, Math.min(w, end - x), h);
    else {
      ctx.fillStyle = '#262a31';
      ctx.fillRect(x + 1, RULER_H + 2, Math.min(w, end - x) - 2, h);
    }
  }
}

function labelText(seg: Segment, tree: TaxonomyTree | null): { text: string; deprecated: boolean } {
  if (!seg.label) return { text: 'unlabelled', deprecated: false };
  const node = tree?.nodes.get(seg.label.nodeId);
  if (!node) return { text: seg.label.nodeId, deprecated: false };
  return { text: node.name, deprecated: node.deprecated };
}

function drawSegment(
  ctx: CanvasRenderingContext2D,
  m: TimelineModel,
  lane: Lane,
  seg: Segment,
  row: number,
  selected: boolean,
): void {
  const { view } = m;
  const x0 = frameToX(view, seg.startFrame);
  const x1 = frameToX(view, seg.endFrame + 1);
  const y = rowTop(lane, row) + 2;
  const h = ROW_H - 4;
  const left = Math.max(-2, x0);
  const right = Math.min(view.width + 2, x1);
  const w = Math.max(1, right - left);
  const color = lane.actor.color;
  ctx.fillStyle = withAlpha(color, selected ? 0.75 : seg.label ? 0.45 : 0.22);
  ctx.fillRect(left, y, w, h);
  // Where the person is outside the view, the bar is shaded.
  const kfs = seg.keyframes;
  for (let i = 0; i < kfs.length; i++) {
    const k = kfs[i];
    if (!k?.outside) continue;
    const until = Math.min(seg.endFrame + 1, kfs[i + 1]?.frame ?? seg.endFrame + 1);
    const ox0 = Math.max(left, frameToX(view, Math.max(k.frame, seg.startFrame)));
    const ox1 = Math.min(right, frameToX(view, until));
    if (ox1 > ox0) {
      ctx.fillStyle = 'rgba(0,0,0,0.45)';
      ctx.fillRect(ox0, y, ox1 - ox0, h);
    }
  }
  ctx.lineWidth = selected ? 2 : 1;
  ctx.strokeStyle = selected ? '#ffffff' : color;
  if (seg.uncertain) ctx.setLineDash([4, 3]);
  ctx.strokeRect(left + 0.5, y + 0.5, Math.max(0, w - 1), h - 1);
  ctx.setLineDash([]);
  // Box keyframes as ticks along the bottom.
  if (kfs.length > 0 && (x1 - x0) / Math.max(1, kfs.length) >= 3) {
    ctx.fillStyle = selected ? '#ffffff' : C.text;
    for (const k of kfs) {
      if (k.frame < seg.startFrame || k.frame > seg.endFrame) continue;
      const kx = frameToX(view, k.frame + 0.5);
      if (kx < left || kx > right) continue;
      ctx.beginPath();
      ctx.moveTo(kx, y + h - 7);
      ctx.lineTo(kx + 3.5, y + h - 3.5);
      ctx.lineTo(kx, y + h);
      ctx.lineTo(kx - 3.5, y + h - 3.5);
      ctx.closePath();
      if (k.outside) ctx.stroke();
      else ctx.fill();
    }
  }
  if (w >= 18) {
    const { text, deprecated } = labelText(seg, m.tree);
    const shown = `${seg.uncertain ? '? ' : ''}${text}`;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left + 3, y, w - 6, h);
    ctx.clip();
    ctx.font = seg.label ? '12px system-ui, sans-serif' : 'italic 12px system-ui, sans-serif';
    ctx.fillStyle = seg.label ? C.text : C.muted;
    ctx.textBaseline = 'middle';
    const tx = Math.max(left, 0) + 5;
    ctx.fillText(shown, tx, y + h / 2);
    if (deprecated) {
      const tw = ctx.measureText(shown).width;
      ctx.fillRect(tx, y + h / 2, tw, 1);
    }
    ctx.restore();
  }
}

/** Draws the whole timeline but the playhead (a DOM element moved without redrawing this). */
export function drawTimeline(ctx: CanvasRenderingContext2D, m: TimelineModel): void {
  const { view } = m;
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, view.width, m.height);
  drawThumbnails(ctx, m);
  for (const lane of m.layout.lanes) {
    ctx.fillStyle = lane.actor.id === m.selectedActorId ? C.laneSelected : C.laneBg;
    ctx.fillRect(0, lane.top, view.width, lane.height);
    ctx.fillStyle = C.line;
    ctx.fillRect(0, lane.top + lane.height, view.width, 1);
    // Rows of other levels are told apart by a faint line.
    for (let r = 1; r < lane.levels.length; r++) {
      ctx.fillStyle = 'rgba(255,255,255,0.04)';
      ctx.fillRect(0, lane.top + LANE_PAD + r * ROW_H, view.width, 1);
    }
    lane.rows.forEach((items, row) => {
      // Segments narrower than a few pixels (a zoomed-out view of thousands) are drawn as runs of cover.
      let run: { x0: number; x1: number } | null = null;
      const y = rowTop(lane, row) + 2;
      const flush = () => {
        if (!run) return;
        ctx.fillStyle = withAlpha(lane.actor.color, 0.6);
        ctx.fillRect(run.x0, y, Math.max(1, run.x1 - run.x0), ROW_H - 4);
        run = null;
      };
      for (const item of visibleItems(items, view)) {
        if (m.preview && m.preview.segmentId === item.seg.id) continue;
        const selected = item.seg.id === m.selectedSegmentId;
        const x0 = frameToX(view, item.seg.startFrame);
        const x1 = frameToX(view, item.seg.endFrame + 1);
        if (!selected && x1 - x0 < NARROW_PX) {
          if (run && x0 <= run.x1 + 1) run.x1 = Math.max(run.x1, x1);
          else {
            flush();
            run = { x0, x1 };
          }
          continue;
        }
        flush();
        drawSegment(ctx, m, lane, item.seg, row, selected);
      }
      flush();
    });
  }
  // The area past the last frame.
  const endX = frameToX(view, m.frameCount);
  if (endX < view.width) {
    ctx.fillStyle = 'rgba(0,0,0,0.35)';
    ctx.fillRect(endX, 0, view.width - endX, m.height);
  }
  drawRuler(ctx, m);
  drawPreview(ctx, m);
  drawMarkIn(ctx, m);
}

function drawPreview(ctx: CanvasRenderingContext2D, m: TimelineModel): void {
  const p = m.preview;
  if (!p) return;
  const lane = m.layout.lanes.find((l) => l.actor.id === p.actorId);
  if (!lane) return;
  const row = Math.max(0, lane.levels.indexOf(p.level));
  const x0 = frameToX(m.view, Math.min(p.startFrame, p.endFrame));
  const x1 = frameToX(m.view, Math.max(p.startFrame, p.endFrame) + 1);
  const y = rowTop(lane, row) + 2;
  const color = p.refused ? C.refused : lane.actor.color;
  ctx.fillStyle = withAlpha(color, 0.5);
  ctx.fillRect(x0, y, x1 - x0, ROW_H - 4);
  ctx.strokeStyle = p.refused ? C.refused : '#ffffff';
  ctx.lineWidth = 2;
  ctx.strokeRect(x0 + 1, y + 1, Math.max(0, x1 - x0 - 2), ROW_H - 6);
  ctx.fillStyle = C.text;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText(
    `${Math.min(p.startFrame, p.endFrame)}–${Math.max(p.startFrame, p.endFrame)}`,
    x0 + 4,
    y + (ROW_H - 4) / 2,
  );
}

function drawMarkIn(ctx: CanvasRenderingContext2D, m: TimelineModel): void {
  if (m.markIn === null) return;
  const lane = m.layout.lanes.find((l) => l.actor.id === m.selectedActorId);
  const x = frameToX(m.view, m.markIn);
  ctx.strokeStyle = C.markIn;
  ctx.lineWidth = 2;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(x, RULER_H);
  ctx.lineTo(x, m.height);
  ctx.stroke();
  ctx.setLineDash([]);
  if (lane) {
    // What O would make: from the in point to the playhead.
    const a = Math.min(m.markIn, m.playhead);
    const b = Math.max(m.markIn, m.playhead);
    const x0 = frameToX(m.view, a);
    const x1 = frameToX(m.view, b + 1);
    ctx.fillStyle = withAlpha(C.markIn, 0.18);
    ctx.fillRect(x0, lane.top, x1 - x0, lane.height);
  }
  ctx.fillStyle = C.markIn;
  ctx.font = 'bold 11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillText('IN', x + 3, RULER_H + 2);
}
