import { resolveMediaBinaries } from '../../electron/engine/media/binaries';
import { cropRectFor, cutCrop } from '../../electron/engine/poses/crops';
import { decodeFrames } from '../../electron/engine/poses/frameSource';
import type { Rect } from '../../models/pose/types';
import { boxAt, normaliseKeyframes } from '../../shared/tracks/interpolate';
import { WALKING_CLIP, walkingBoxes } from './poses';

export interface Crop {
  frame: number;
  rect: Rect;
  data: Uint8Array;
}

/** Crops of the walking clip around the fixture's boxes (margin 0.25), for the given frames. */
export async function walkingCrops(frames: readonly number[]): Promise<Crop[]> {
  const fx = walkingBoxes();
  const kfs = normaliseKeyframes(fx.keyframes);
  const wanted = new Set(frames);
  const binaries = await resolveMediaBinaries();
  const out: Crop[] = [];
  for await (const f of decodeFrames({
    ffmpeg: binaries.ffmpeg,
    path: WALKING_CLIP(),
    streamIndex: 0,
    width: fx.width,
    height: fx.height,
    frameCount: fx.frameCount,
    maxSide: 1280,
    lastFrame: Math.max(...frames),
  })) {
    if (!wanted.has(f.index)) continue;
    const box = boxAt(kfs, f.index).box;
    const rect = box ? cropRectFor(box, 0.25, 1, fx.width, fx.height) : null;
    if (rect) out.push({ frame: f.index, rect, data: cutCrop(f.data, fx.width, rect) });
  }
  return out;
}
