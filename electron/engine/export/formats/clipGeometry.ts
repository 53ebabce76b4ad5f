import type { ClipOptions } from '../../../../shared/contract/api';
import type { TrackKeyframe } from '../../../../shared/domain/annotation';
import type { Box } from '../../../../shared/tracks/interpolate';
import { boxesInRange, clampBox, normaliseKeyframes } from '../../../../shared/tracks/interpolate';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A value per output frame, as pieces that are linear in the frame number (n counts from 0). */
export interface Piece {
  from: number;
  to: number;
  /** Value at `from`, and its change per frame. */
  at: number;
  slope: number;
}

/**
 * Where a clip's pixels come from. `crop` is fixed for `stable` and `none`; for `follow` its size is fixed
 * and `cropX`/`cropY` move it per frame. `window` is the sharp part of a blurred clip (relative to the
 * crop): everything else is blurred; `visible` says on which output frames the actor is in view at all.
 */
export interface ClipGeometry {
  width: number;
  height: number;
  crop: Rect;
  cropX: Piece[] | null;
  cropY: Piece[] | null;
  window: { width: number; height: number; x: Piece[]; y: Piece[]; visible: [number, number][] } | null;
}

function even(v: number): number {
  return Math.max(2, Math.floor(v / 2) * 2);
}

/** The even number at or above `v` (a hair of floating-point error is not rounded up). */
function evenUp(v: number): number {
  return Math.max(2, Math.ceil(v / 2 - 1e-6) * 2);
}

/** An even-sized rectangle inside a W×H frame covering [x0, x1) × [y0, y1) as far as the frame allows. */
export function evenRect(x0: number, y0: number, x1: number, y1: number, W: number, H: number): Rect {
  const maxW = even(W);
  const maxH = even(H);
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  let x = Math.floor(clamp(x0, maxW) / 2) * 2;
  let y = Math.floor(clamp(y0, maxH) / 2) * 2;
  const width = Math.min(maxW, evenUp(clamp(x1, maxW) - x));
  const height = Math.min(maxH, evenUp(clamp(y1, maxH) - y));
  x = Math.min(x, maxW - width);
  y = Math.min(y, maxH - height);
  return { x, y, width, height };
}

/** Most pieces an expression gets (it goes on ffmpeg's command line): past it the tolerance grows. */
const MAX_PIECES = 300;

/**
 * Cuts a per-frame series into pieces that are linear within `tolerance` (pixels): boxes move linearly
 * between keyframes, so a track gives about one piece per keyframe. Greedy from the start, each piece
 * keeping the range of slopes that fit every value so far (linear time).
 */
export function linearPieces(values: readonly number[], tolerance = 0.5): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  while (from < values.length) {
    const at = values[from] as number;
    let lo = -Infinity;
    let hi = Infinity;
    let to = from;
    while (to + 1 < values.length) {
      const k = to + 1 - from;
      const v = values[to + 1] as number;
      const nlo = Math.max(lo, (v - tolerance - at) / k);
      const nhi = Math.min(hi, (v + tolerance - at) / k);
      if (nlo > nhi) break;
      lo = nlo;
      hi = nhi;
      to++;
    }
    const through = to > from ? ((values[to] as number) - at) / (to - from) : 0;
    const slope = to > from ? Math.min(hi, Math.max(lo, through)) : 0;
    out.push({ from, to, at, slope });
    from = to + 1;
  }
  if (out.length > MAX_PIECES && tolerance < 1e6) return linearPieces(values, tolerance * 2);
  return out;
}

/** Pieces as an ffmpeg expression in `n` (a sum of `between(n,a,b)*(…)`), with numbers only. */
export function piecesExpression(pieces: readonly Piece[]): string {
  if (pieces.length === 1 && (pieces[0] as Piece).slope === 0) return (pieces[0] as Piece).at.toFixed(3);
  return pieces
    .map((p) =>
      p.slope === 0
        ? `between(n,${p.from},${p.to})*${p.at.toFixed(3)}`
        : `between(n,${p.from},${p.to})*(${p.at.toFixed(3)}+${p.slope.toFixed(6)}*(n-${p.from}))`,
    )
    .join('+');
}

/** Frame ranges (output frame numbers) as an expression that is 1 inside them. */
export function rangesExpression(ranges: readonly [number, number][]): string {
  return ranges.map(([a, b]) => `between(n,${a},${b})`).join('+');
}

function ranges(flags: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  flags.forEach((f, i) => {
    if (f && start < 0) start = i;
    if (!f && start >= 0) {
      out.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, flags.length - 1]);
  return out;
}

/** Every frame's box (clamped to the frame), holding the nearest visible one where the person is out of view. */
function heldBoxes(boxes: (Box | null)[]): Box[] | null {
  const first = boxes.find((b) => b !== null);
  if (!first) return null;
  let last: Box = first;
  return boxes.map((b) => {
    if (b) last = b;
    return last;
  });
}

/**
 * The crop (and blur window) of a tube's clip: a stable crop that covers every box of the track plus the
 * margin, a crop of fixed size that follows the box, or the whole frame; even sizes, inside the frame.
 * A tube without a box (or never in view) gets the whole frame.
 */
export function clipGeometry(
  keyframes: readonly TrackKeyframe[],
  start: number,
  end: number,
  W: number,
  H: number,
  options: Pick<ClipOptions, 'crop' | 'margin' | 'blur'>,
): ClipGeometry {
  const sorted = normaliseKeyframes([...keyframes]);
  const raw = boxesInRange(sorted, start, end).map((b) => (b.box ? clampBox(b.box, W, H) : null));
  const held = heldBoxes(raw);
  const full = evenRect(0, 0, W, H, W, H);
  if (!held)
    return { width: full.width, height: full.height, crop: full, cropX: null, cropY: null, window: null };
  const visible = raw.map((b) => b !== null);
  const m = options.margin;

  let crop: Rect = full;
  let cropXs: number[] | null = null;
  let cropYs: number[] | null = null;
  switch (options.crop) {
    case 'none':
      break;
    case 'stable': {
      const vis = raw.filter((b): b is Box => b !== null);
      const x0 = Math.min(...vis.map((b) => b.x));
      const y0 = Math.min(...vis.map((b) => b.y));
      const x1 = Math.max(...vis.map((b) => b.x + b.width));
      const y1 = Math.max(...vis.map((b) => b.y + b.height));
      const mx = (x1 - x0) * m;
      const my = (y1 - y0) * m;
      crop = evenRect(x0 - mx, y0 - my, x1 + mx, y1 + my, W, H);
      break;
    }
    case 'follow': {
      const bw = Math.max(...held.map((b) => b.width)) * (1 + 2 * m);
      const bh = Math.max(...held.map((b) => b.height)) * (1 + 2 * m);
      const size = evenRect(0, 0, bw, bh, W, H);
      crop = { x: 0, y: 0, width: size.width, height: size.height };
      cropXs = held.map((b) =>
        Math.round(Math.min(Math.max(0, b.x + b.width / 2 - size.width / 2), even(W) - size.width)),
      );
      cropYs = held.map((b) =>
        Math.round(Math.min(Math.max(0, b.y + b.height / 2 - size.height / 2), even(H) - size.height)),
      );
      crop = { ...crop, x: cropXs[0] ?? 0, y: cropYs[0] ?? 0 };
      break;
    }
  }

  let window: ClipGeometry['window'] = null;
  if (options.blur === 'others') {
    const ww = Math.min(crop.width, Math.max(2, Math.ceil(Math.max(...held.map((b) => b.width)))));
    const wh = Math.min(crop.height, Math.max(2, Math.ceil(Math.max(...held.map((b) => b.height)))));
    const xs = held.map((b, i) => {
      const ox = cropXs ? (cropXs[i] as number) : crop.x;
      return Math.round(Math.min(Math.max(0, b.x + b.width / 2 - ww / 2 - ox), crop.width - ww));
    });
    const ys = held.map((b, i) => {
      const oy = cropYs ? (cropYs[i] as number) : crop.y;
      return Math.round(Math.min(Math.max(0, b.y + b.height / 2 - wh / 2 - oy), crop.height - wh));
    });
    window = { width: ww, height: wh, x: linearPieces(xs), y: linearPieces(ys), visible: ranges(visible) };
  }
  return {
    width: crop.width,
    height: crop.height,
    crop,
    cropX: cropXs ? linearPieces(cropXs) : null,
    cropY: cropYs ? linearPieces(cropYs) : null,
    window,
  };
}
