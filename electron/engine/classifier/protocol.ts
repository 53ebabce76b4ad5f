import type { BackendRequest } from '../../../models/pose/backends/choose';
import type { PoseBackend } from '../../../shared/domain/pose';
import type { EvaluationOptions } from '../../../models/classifier/evaluate/evaluate';
import type { Inference } from '../../../models/classifier/infer';
import type { TrainedModel } from '../../../models/classifier/pipeline';
import type { AlertRules } from '../../../models/classifier/timeline';
import type {
  ClassInfo,
  ClassifierConfig,
  EpochReport,
  ModelFile,
  PoseTrack,
  SplitName,
} from '../../../models/classifier/types';

/** Messages between the engine and a classifier worker thread (one task per worker). */
export type ToClassifierWorker =
  | {
      type: 'train';
      backend: BackendRequest;
      classes: ClassInfo[];
      tracks: PoseTrack[];
      splits: SplitName[];
      config: ClassifierConfig;
      evaluation: EvaluationOptions;
    }
  | {
      type: 'infer';
      backend: BackendRequest;
      model: ModelFile;
      weights: ArrayBuffer;
      tracks: PoseTrack[];
      rules: AlertRules;
    };

export type FromClassifierWorker =
  | { type: 'backend'; backend: PoseBackend; reason: string }
  | { type: 'epoch'; report: EpochReport }
  | { type: 'batch'; done: number; total: number }
  | { type: 'trained'; result: TrainedModel; tensorsLeft: number }
  | { type: 'inferred'; result: Inference; tensorsLeft: number }
  | { type: 'error'; message: string };

/** The typed arrays of tracks, to transfer rather than copy. */
export function transferablesOf(tracks: readonly PoseTrack[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const t of tracks) {
    for (const a of [t.times, t.frames, t.present, t.image, t.world, t.labels]) {
      if (a && a.buffer instanceof ArrayBuffer && a.byteLength > 0) out.add(a.buffer);
    }
  }
  return [...out];
}
