import type { TubePoses } from '../../shared/domain/pose';
import { BLAZEPOSE_KEYPOINT_COUNT } from '../../shared/domain/pose';

/**
 * Poses made up for a tube, as test data in the layout `TubePoses` promises: keypoint k of frame i sits at
 * image (100 + i + k, 50 + 2k) with visibility 0.5 + k/100, and at world (k/10, -i/100, 0.25); frames in
 * `missing` have no pose.
 */
export function madeUpPoses(
  segmentId: string,
  videoId: string,
  startFrame: number,
  frameCount: number,
  missing: readonly number[] = [],
): TubePoses {
  const K = BLAZEPOSE_KEYPOINT_COUNT;
  const present = new Uint8Array(frameCount).fill(1);
  for (const m of missing) present[m] = 0;
  const image = new Float32Array(frameCount * K * 4);
  const world = new Float32Array(frameCount * K * 3);
  for (let i = 0; i < frameCount; i++) {
    if (present[i] === 0) continue;
    for (let k = 0; k < K; k++) {
      image.set([100 + i + k, 50 + 2 * k, 0.1 * k, 0.5 + k / 100], (i * K + k) * 4);
      world.set([k / 10, -i / 100, 0.25], (i * K + k) * 3);
    }
  }
  return {
    segmentId,
    videoId,
    model: 'blazepose-full',
    modelVersion: 'test',
    backend: 'cpu',
    startFrame,
    frameCount,
    framesWithPose: frameCount - missing.length,
    meanVisibility: 0.66,
    filtered: false,
    trackHash: 'test',
    extractedAt: '2026-01-01T00:00:00.000Z',
    keypointCount: K,
    present,
    score: new Float32Array(frameCount).fill(0.9),
    image,
    world,
    crops: new Float32Array(frameCount * 4),
    rawImage: null,
    rawWorld: null,
  };
}
