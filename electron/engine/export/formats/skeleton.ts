import type { TubePoses } from '../../../../shared/domain/pose';
import type { PlanTube } from '../plan';
import { tubeFrames } from '../plan';
import type { PickleValue } from './pickle';
import { NdArray, PyTuple } from './pickle';

/** A tube's poses checked against the layout `TubePoses` promises; a mismatch is an error, never a guess. */
export function checkPoses(p: TubePoses): void {
  const T = p.frameCount;
  const K = p.keypointCount;
  const problems: string[] = [];
  if (p.present.length !== T) problems.push(`present has ${p.present.length} values, not ${T}`);
  if (p.score.length !== T) problems.push(`score has ${p.score.length} values, not ${T}`);
  if (p.image.length !== T * K * 4) problems.push(`image has ${p.image.length} values, not ${T * K * 4}`);
  if (p.world.length !== T * K * 3) problems.push(`world has ${p.world.length} values, not ${T * K * 3}`);
  if (problems.length > 0)
    throw new Error(`The poses of segment ${p.segmentId} are malformed: ${problems.join('; ')}.`);
}

export type SkeletonVariant = '2d' | '3d';

/**
 * One PYSKL annotation: `keypoint` M×T×V×C float32 (M = 1, the tube's person; C = 2 image pixels for 2D,
 * 3 world metres for 3D) and `keypoint_score` M×T×V float32 (the keypoints' visibility). Frames of the
 * tube without a pose are zeros with score 0.
 */
export function pysklAnnotation(
  tube: PlanTube,
  poses: TubePoses,
  variant: SkeletonVariant,
): Record<string, PickleValue> {
  checkPoses(poses);
  const T = tubeFrames(tube);
  const V = poses.keypointCount;
  const C = variant === '2d' ? 2 : 3;
  const keypoint = new Float32Array(T * V * C);
  const score = new Float32Array(T * V);
  for (let t = 0; t < T; t++) {
    const i = tube.segment.startFrame + t - poses.startFrame;
    if (i < 0 || i >= poses.frameCount || poses.present[i] !== 1) continue;
    for (let v = 0; v < V; v++) {
      const img = (i * V + v) * 4;
      const out = (t * V + v) * C;
      if (variant === '2d') {
        keypoint[out] = poses.image[img] as number;
        keypoint[out + 1] = poses.image[img + 1] as number;
      } else {
        const w = (i * V + v) * 3;
        keypoint[out] = poses.world[w] as number;
        keypoint[out + 1] = poses.world[w + 1] as number;
        keypoint[out + 2] = poses.world[w + 2] as number;
      }
      score[t * V + v] = poses.image[img + 3] as number;
    }
  }
  const shape = new PyTuple([tube.video.record.height, tube.video.record.width]);
  return {
    frame_dir: tube.key,
    label: tube.cls?.index ?? -1,
    img_shape: shape,
    original_shape: shape,
    total_frames: T,
    keypoint: new NdArray('float32', [1, T, V, C], keypoint),
    keypoint_score: new NdArray('float32', [1, T, V], score),
    video: tube.video.key,
    start_frame: tube.segment.startFrame,
  };
}

/** The whole PYSKL dataset: `split` (name → frame_dirs) and `annotations`. */
export function pysklDataset(
  entries: { tube: PlanTube; poses: TubePoses }[],
  splitNames: readonly string[],
  variant: SkeletonVariant,
): PickleValue {
  const split: Record<string, PickleValue> = {};
  for (const name of splitNames)
    split[name] = entries.filter((e) => e.tube.split === name).map((e) => e.tube.key);
  return { split, annotations: entries.map((e) => pysklAnnotation(e.tube, e.poses, variant)) };
}
