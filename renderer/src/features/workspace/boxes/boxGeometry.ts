import type { Box } from '../../../../../shared/tracks/interpolate';

export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

export interface Point {
  x: number;
  y: number;
}

/** The box spanned by two corners, in any order. */
export function boxFromPoints(a: Point, b: Point): Box {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(b.x - a.x),
    height: Math.abs(b.y - a.y),
  };
}

export function handlePoint(box: Box, h: Handle): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const r = box.x + box.width;
  const b = box.y + box.height;
  switch (h) {
    case 'nw':
      return { x: box.x, y: box.y };
    case 'n':
      return { x: cx, y: box.y };
    case 'ne':
      return { x: r, y: box.y };
    case 'e':
      return { x: r, y: cy };
    case 'se':
      return { x: r, y: b };
    case 's':
      return { x: cx, y: b };
    case 'sw':
      return { x: box.x, y: b };
    case 'w':
      return { x: box.x, y: cy };
  }
}

/** The box with a handle dragged by (dx, dy); dragging past the opposite side flips it. */
export function resizeBox(box: Box, h: Handle, dx: number, dy: number): Box {
  let x0 = box.x;
  let y0 = box.y;
  let x1 = box.x + box.width;
  let y1 = box.y + box.height;
  if (h.includes('w')) x0 += dx;
  if (h.includes('e')) x1 += dx;
  if (h.includes('n')) y0 += dy;
  if (h.includes('s')) y1 += dy;
  return boxFromPoints({ x: x0, y: y0 }, { x: x1, y: y1 });
}

/** The box moved by (dx, dy), kept inside the frame where it fits. */
export function moveBox(box: Box, dx: number, dy: number, width: number, height: number): Box {
  const x = Math.min(Math.max(0, box.x + dx), Math.max(0, width - box.width));
  const y = Math.min(Math.max(0, box.y + dy), Math.max(0, height - box.height));
  return { ...box, x, y };
}

/** The handle within `radius` of a point, if any (corners win over sides). */
export function handleAt(box: Box, p: Point, radius: number): Handle | null {
  let best: { h: Handle; d: number } | null = null;
  for (const h of HANDLES) {
    const q = handlePoint(box, h);
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d <= radius && (!best || d < best.d - 0.01)) best = { h, d };
  }
  return best?.h ?? null;
}

export function contains(box: Box, p: Point): boolean {
  return p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
}

/** Box values as saved: whole hundredths of a pixel. */
export function roundBox(box: Box): Box {
  const r = (v: number) => Math.round(v * 100) / 100;
  return { x: r(box.x), y: r(box.y), width: r(box.width), height: r(box.height) };
}

export const HANDLE_CURSOR: Record<Handle, string> = {
  nw: 'nwse-resize',
  se: 'nwse-resize',
  ne: 'nesw-resize',
  sw: 'nesw-resize',
  n: 'ns-resize',
  s: 'ns-resize',
  e: 'ew-resize',
  w: 'ew-resize',
};
