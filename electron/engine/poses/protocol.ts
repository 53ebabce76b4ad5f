import type { PoseBackend, PoseModel } from '../../../shared/domain/pose';
import type { PersonDetection, Rect } from '../../../models/pose/types';

/** Messages between the engine and a pose worker thread. */
export type ToWorker =
  | {
      type: 'init';
      task: 'blazepose';
      model: PoseModel;
      backend: PoseBackend;
      minPoseScore: number;
      weightsDir: string;
    }
  | { type: 'init'; task: 'movenet'; backend: PoseBackend; weightsDir: string }
  /** A crop of one frame of a chunk; `first` starts the chunk (the tracked region is forgotten). */
  | {
      type: 'crop';
      id: number;
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
