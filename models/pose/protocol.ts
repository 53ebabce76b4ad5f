import type { PoseBackend, PoseModel } from '../../shared/domain/pose';
import type { PersonDetection, Rect } from './types';

/** Messages between the engine and a pose worker thread. */
export type ToWorker =
  | {
      type: 'init';
      task: 'blazepose';
      model: PoseModel;
      backend: PoseBackend;
      minPoseScore: number;
      weightsDir: string;
      /** The weight files' bytes, where the runner cannot read files (the GPU window). */
      weights?: Record<string, Uint8Array>;
    }
  | {
      type: 'init';
      task: 'movenet';
      backend: PoseBackend;
      weightsDir: string;
      weights?: Record<string, Uint8Array>;
    }
  /**
   * A crop of one frame of a chunk: `track` names the chunk (its tracked region is its own, whatever other
   * chunks the runner works on between its frames); `first` starts it (the person detector runs).
   */
  | {
      type: 'crop';
      id: number;
      track: number;
      first: boolean;
      timestampMs: number;
      rect: Rect;
      width: number;
      height: number;
      data: Uint8Array;
    }
  /** A whole frame for person detection. */
  | { type: 'frame'; id: number; width: number; height: number; data: Uint8Array }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; backend: PoseBackend }
  | {
      type: 'pose';
      id: number;
      present: boolean;
      score: number;
      image: Float32Array;
      world: Float32Array;
      ms: number;
    }
  | { type: 'people'; id: number; people: PersonDetection[]; ms: number }
  | { type: 'memory'; numTensors: number }
  | { type: 'error'; id: number | null; message: string };
