import type { CropMessage, PoseResult, PoseRunner } from '../../electron/engine/poses/workerPool';
import { BLAZEPOSE_KEYPOINT_COUNT } from '../../shared/domain/pose';

/** An answer with every keypoint at zero, the pose `present` or not. */
export function zeroPose(present: boolean): PoseResult {
  return {
    present,
    score: present ? 1 : 0,
    image: new Float32Array(BLAZEPOSE_KEYPOINT_COUNT * 4),
    world: new Float32Array(BLAZEPOSE_KEYPOINT_COUNT * 3),
    ms: 0,
  };
}

/**
 * `size` runners with no model behind them: `pose` answers each crop, nothing is ever queued, and person
 * finding finds nobody. For timing the pipeline's own work, or seeing what it sends where.
 */
export function modelFreeRunner(
  size: number,
  pose: (worker: number, crop: CropMessage) => Promise<PoseResult>,
): PoseRunner {
  return {
    size,
    leastLoaded: () => 0,
    whenAtMost: () => Promise.resolve(),
    pose,
    people: () => Promise.resolve([]),
    close: () => Promise.resolve([]),
    terminate: () => Promise.resolve(),
  };
}
