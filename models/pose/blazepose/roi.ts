import type { Rect } from '../types';

/** pose-detection's tracked region: normalised to the image it was found in, rotation in radians. */
export interface NormalizedRoi {
  xCenter: number;
  yCenter: number;
  width: number;
  height: number;
  rotation?: number;
}

/**
 * The same region, normalised to another crop of the same frame: where the tube's box moved between
 * two frames, the tracked region stays on the person instead of moving with the crop.
 */
export function moveRoi(roi: NormalizedRoi, from: Rect, to: Rect): NormalizedRoi {
  const cx = from.x + roi.xCenter * from.width;
  const cy = from.y + roi.yCenter * from.height;
  return {
    ...roi,
    xCenter: (cx - to.x) / to.width,
    yCenter: (cy - to.y) / to.height,
    width: (roi.width * from.width) / to.width,
    height: (roi.height * from.height) / to.height,
  };
}
