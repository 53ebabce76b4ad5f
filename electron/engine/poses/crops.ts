import type { Box } from '../../../shared/tracks/interpolate';
import type { Rect } from '../../../models/pose/types';

/**
 * The crop for a box: the box grown by `margin` × its larger side on every side, made square-ish around the
 * person (BlazePose letterboxes to a square anyway), clamped to the frame, in whole decoded pixels.
 * `scale` turns video pixels into decoded pixels. Null where nothing of it is inside the frame.
 */
export function cropRectFor(
  box: Box,
  margin: number,
  scale: number,
  frameWidth: number,
  frameHeight: number,
): Rect | null {
  const side = Math.max(box.width, box.height);
  const grow = side * margin;
  const cx = (box.x + box.width / 2) * scale;
  const cy = (box.y + box.height / 2) * scale;
  const w = (box.width + 2 * grow) * scale;
  const h = (box.height + 2 * grow) * scale;
  const x0 = Math.max(0, Math.floor(cx - w / 2));
  const y0 = Math.max(0, Math.floor(cy - h / 2));
  const x1 = Math.min(frameWidth, Math.ceil(cx + w / 2));
  const y1 = Math.min(frameHeight, Math.ceil(cy + h / 2));
  if (x1 - x0 < 8 || y1 - y0 < 8) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Copies a rectangle (whole pixels) out of an RGB frame. */
export function cutCrop(frame: Uint8Array, frameWidth: number, rect: Rect): Uint8Array {
  const out = new Uint8Array(rect.width * rect.height * 3);
  const rowBytes = rect.width * 3;
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * frameWidth + rect.x) * 3;
    out.set(frame.subarray(from, from + rowBytes), y * rowBytes);
  }
  return out;
}
