import type {
  CropMessage,
  FrameMessage,
  PoseResult,
  PoseRunner,
} from '../../electron/engine/poses/workerPool';
import type { PersonDetection } from '../../models/pose/types';
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
 * finding finds nobody (or what `people` says). For timing the pipeline's own work, or seeing what it sends
 * where.
 */
export function modelFreeRunner(
  size: number,
  pose: (worker: number, crop: CropMessage) => Promise<PoseResult>,
  people: (worker: number, frame: FrameMessage) => Promise<PersonDetection[]> = () => Promise.resolve([]),
): PoseRunner {
  return {
    size,
    leastLoaded: () => 0,
    whenAtMost: () => Promise.resolve(),
    pose,
    people,
    close: () => Promise.resolve([]),
    terminate: () => Promise.resolve(),
  };
}
