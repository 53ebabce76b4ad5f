import { numberInRange } from '../configChecks';
import { DEFAULTS, JOINT_SETS } from './constants';
import type { JointSet } from './constants';
import type { Architecture, AugmentConfig, Centre, ClassifierConfig, Coordinates } from './types';

export type ClassifierConfigInput = Partial<Omit<ClassifierConfig, 'augment' | 'gcnChannels'>> & {
  augment?: Partial<AugmentConfig>;
  gcnChannels?: readonly number[];
};

export class ClassifierConfigError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ClassifierConfigError';
  }
}

const ARCHITECTURES: readonly Architecture[] = ['tcn', 'stgcn'];
const COORDINATES: readonly Coordinates[] = ['image', 'world', 'both'];
const CENTRES: readonly Centre[] = ['window', 'frame'];

function oneOf<T extends string>(value: unknown, field: string, options: readonly T[], what: string): T {
  if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
  throw new ClassifierConfigError(
    `${field} must be ${options.join(' or ')} (${what}), not ${JSON.stringify(value)}.`,
    field,
  );
}

function numberIn(
  value: unknown,
  field: string,
  min: number,
  max: number,
  integer: boolean,
  unit: string,
): number {
  return numberInRange(value, field, { min, max, integer, unit }, ClassifierConfigError);
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean')
    throw new ClassifierConfigError(`${field} must be true or false (got ${JSON.stringify(value)}).`, field);
  return value;
}

/** Fills defaults and checks every field, with a message that says what is wrong and what is allowed. */
export function validateConfig(input: ClassifierConfigInput = {}): ClassifierConfig {
  const d = DEFAULTS;
  const architecture = oneOf(
    input.architecture ?? d.architecture,
    'architecture',
    ARCHITECTURES,
    'a temporal CNN or a spatio-temporal graph convolution',
  );
  const jointSet = oneOf<JointSet>(
    input.jointSet ?? d.jointSet,
    'jointSet',
    Object.keys(JOINT_SETS) as JointSet[],
    'all 33 BlazePose keypoints, or the 11 of md4fd data',
  );
  const coordinates = oneOf(
    input.coordinates ?? d.coordinates,
    'coordinates',
    COORDINATES,
    'image pixels, world metres or both',
  );
  const centre = oneOf(input.centre ?? d.centre, 'centre', CENTRES, 'per window or per frame');
  const faceCamera = bool(input.faceCamera ?? d.faceCamera, 'faceCamera');
  if (faceCamera && coordinates === 'image') {
    throw new ClassifierConfigError(
      'faceCamera turns world coordinates about the vertical: it needs coordinates world or both.',
      'faceCamera',
    );
  }
  const windowFrames = numberIn(input.windowFrames ?? d.windowFrames, 'windowFrames', 8, 256, true, 'frames');
  const tcnKernel = numberIn(input.tcnKernel ?? d.tcnKernel, 'tcnKernel', 1, 15, true, 'frames');
  const gcnKernel = numberIn(input.gcnKernel ?? d.gcnKernel, 'gcnKernel', 1, 15, true, 'frames');
  for (const [field, k] of [
    ['tcnKernel', tcnKernel],
    ['gcnKernel', gcnKernel],
  ] as const) {
    if (k % 2 === 0) throw new ClassifierConfigError(`${field} must be odd (got ${k}).`, field);
  }
  const gcnChannelsInput = input.gcnChannels ?? d.gcnChannels;
  if (!Array.isArray(gcnChannelsInput) || gcnChannelsInput.length < 1 || gcnChannelsInput.length > 4) {
    throw new ClassifierConfigError(
      `gcnChannels must list 1 to 4 block widths (got ${JSON.stringify(gcnChannelsInput)}).`,
      'gcnChannels',
    );
  }
  const gcnChannels = gcnChannelsInput.map((c, i) =>
    numberIn(c, `gcnChannels[${i}]`, 4, 256, true, 'channels'),
  );
  const a = { ...d.augment, ...(input.augment ?? {}) };
  const augment: AugmentConfig = {
    mirror: bool(a.mirror, 'augment.mirror'),
    rotationDeg: numberIn(a.rotationDeg, 'augment.rotationDeg', 0, 45, false, 'degrees'),
    yawDeg: numberIn(a.yawDeg, 'augment.yawDeg', 0, 180, false, 'degrees'),
    scale: numberIn(a.scale, 'augment.scale', 0, 0.5, false, 'fractions'),
    jitterFrames: numberIn(a.jitterFrames, 'augment.jitterFrames', 0, 32, true, 'frames'),
  };
  return {
    architecture,
    jointSet,
    coordinates,
    velocity: bool(input.velocity ?? d.velocity, 'velocity'),
    centre,
    faceCamera,
    frameRateHz: numberIn(
      input.frameRateHz ?? d.frameRateHz,
      'frameRateHz',
      1,
      120,
      false,
      'frames a second',
    ),
    windowFrames,
    strideFrames: numberIn(
      input.strideFrames ?? d.strideFrames,
      'strideFrames',
      1,
      windowFrames,
      true,
      'frames',
    ),
    evalStrideFrames: numberIn(
      input.evalStrideFrames ?? d.evalStrideFrames,
      'evalStrideFrames',
      1,
      windowFrames,
      true,
      'frames',
    ),
    maxMissingFraction: numberIn(
      input.maxMissingFraction ?? d.maxMissingFraction,
      'maxMissingFraction',
      0,
      0.95,
      false,
      'fractions of a window',
    ),
    tcnChannels: numberIn(input.tcnChannels ?? d.tcnChannels, 'tcnChannels', 4, 512, true, 'channels'),
    tcnKernel,
    gcnChannels,
    gcnKernel,
    dropout: numberIn(input.dropout ?? d.dropout, 'dropout', 0, 0.9, false, 'fractions'),
    learningRate: numberIn(input.learningRate ?? d.learningRate, 'learningRate', 1e-6, 1, false, 'per step'),
    weightDecay: numberIn(input.weightDecay ?? d.weightDecay, 'weightDecay', 0, 1, false, 'per weight'),
    batchSize: numberIn(input.batchSize ?? d.batchSize, 'batchSize', 1, 1024, true, 'windows'),
    epochs: numberIn(input.epochs ?? d.epochs, 'epochs', 1, 1000, true, 'epochs'),
    patience: numberIn(input.patience ?? d.patience, 'patience', 1, 1000, true, 'epochs'),
    seed: numberIn(input.seed ?? d.seed, 'seed', 0, 2 ** 32 - 1, true, 'seed values'),
    maxClassWeight: numberIn(
      input.maxClassWeight ?? d.maxClassWeight,
      'maxClassWeight',
      1,
      1000,
      false,
      'times the mean weight',
    ),
    augment,
  };
}
