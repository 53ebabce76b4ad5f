import { numberInRange } from '../configChecks';
import type { PoseModel } from '../../shared/domain/pose';
import { poseBackendSchema, poseModelSchema } from '../../shared/domain/pose';
import type { BackendRequest } from './backends/choose';
import { DEFAULTS } from './constants';

/** How an extraction runs. Units are in the names' comments. */
export interface ExtractionConfig {
  model: PoseModel;
  backend: BackendRequest;
  /** Run the One Euro filter over each tube (the raw output is kept either way). */
  filter: boolean;
  /** Margin on every side of a tube's box, as a fraction of the box's larger side (0–2). */
  cropMargin: number;
  /** Longest side of decoded frames, pixels (64–8192; frames are never enlarged). */
  frameMaxSide: number;
  /** Worker threads; 'auto' is one per core for CPU backends (1–64). */
  workers: number | 'auto';
  /** Presence score below which a frame has no pose (0–1). */
  minPoseScore: number;
}

export type ExtractionConfigInput = Partial<Omit<ExtractionConfig, 'model'>> & { model?: string };

export class PoseConfigError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'PoseConfigError';
  }
}

const SHORT_MODELS: Record<string, PoseModel> = {
  lite: 'blazepose-lite',
  full: 'blazepose-full',
  heavy: 'blazepose-heavy',
};

/** `lite`, `full`, `heavy` or the full names; null where it is none of them. */
export function parseModel(name: string): PoseModel | null {
  const short = SHORT_MODELS[name];
  if (short) return short;
  const parsed = poseModelSchema.safeParse(name);
  return parsed.success ? parsed.data : null;
}

function numberIn(
  value: unknown,
  field: string,
  min: number,
  max: number,
  integer: boolean,
  unit: string,
): number {
  return numberInRange(value, field, { min, max, integer, unit }, PoseConfigError);
}

/** Fills defaults and checks every field, with a message that says what is wrong and what is allowed. */
export function validateConfig(input: ExtractionConfigInput = {}): ExtractionConfig {
  const model = input.model === undefined ? DEFAULTS.model : parseModel(input.model);
  if (model === null) {
    throw new PoseConfigError(
      `model must be lite, full or heavy (blazepose-lite, blazepose-full, blazepose-heavy), not ${JSON.stringify(input.model)}.`,
      'model',
    );
  }
  const backend = input.backend ?? 'auto';
  if (backend !== 'auto' && !poseBackendSchema.safeParse(backend).success) {
    throw new PoseConfigError(
      `backend must be auto or one of ${poseBackendSchema.options.join(', ')}, not ${JSON.stringify(backend)}.`,
      'backend',
    );
  }
  if (input.filter !== undefined && typeof input.filter !== 'boolean') {
    throw new PoseConfigError(
      `filter must be true or false (got ${JSON.stringify(input.filter)}).`,
      'filter',
    );
  }
  const workers = input.workers ?? 'auto';
  return {
    model,
    backend,
    filter: input.filter ?? true,
    cropMargin: numberIn(input.cropMargin ?? DEFAULTS.cropMargin, 'cropMargin', 0, 2, false, 'box sizes'),
    frameMaxSide: numberIn(
      input.frameMaxSide ?? DEFAULTS.frameMaxSide,
      'frameMaxSide',
      64,
      8192,
      true,
      'pixels',
    ),
    workers: workers === 'auto' ? 'auto' : numberIn(workers, 'workers', 1, 64, true, 'threads'),
    minPoseScore: numberIn(input.minPoseScore ?? DEFAULTS.minPoseScore, 'minPoseScore', 0, 1, false, 'score'),
  };
}
