import { keypointIndex } from '../../shared/domain/pose';
import type { BlazePoseKeypoint } from '../../shared/domain/pose';

/** What a saved model's files say they are. */
export const MODEL_FORMAT = 'amelia-situation-classifier';
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/**
 * The joints md4fd-skeleton sequences carry (MediaPipe names, in their order in a frame), as BlazePose
 * keypoints. Their "front_face" point is taken as the nose.
 */
export const MD4FD_KEYPOINTS: readonly BlazePoseKeypoint[] = [
  'nose',
  'left_shoulder',
  'right_shoulder',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'right_ankle',
  'left_ankle',
  'left_wrist',
  'right_wrist',
];

/** Joint sets a model can be built on: every BlazePose keypoint, or the 11 that md4fd data has. */
export const JOINT_SETS = {
  blazepose33: null,
  md4fd11: [...MD4FD_KEYPOINTS].map(keypointIndex).sort((a, b) => a - b),
} as const;
export type JointSet = keyof typeof JOINT_SETS;

/** Keypoints the normalisation uses. */
export const LEFT_SHOULDER = keypointIndex('left_shoulder');
export const RIGHT_SHOULDER = keypointIndex('right_shoulder');
export const LEFT_HIP = keypointIndex('left_hip');
export const RIGHT_HIP = keypointIndex('right_hip');
export const NOSE = keypointIndex('nose');

/**
 * Links added to BLAZEPOSE_EDGES for the graph model: the drawn skeleton leaves the head an island (the face
 * points join one another but not the body), so the nose is joined to both shoulders.
 */
export const EXTRA_GRAPH_EDGES: readonly (readonly [number, number])[] = [
  [NOSE, LEFT_SHOULDER],
  [NOSE, RIGHT_SHOULDER],
];

/** Defaults of a classifier's configuration; units in the comments. */
export const DEFAULTS = {
  /**
   * The graph network: on the UP-Fall proof it scored a better test macro-F1 than the temporal CNN on each of
   * three splits (README, Classifier), for about six times the training time an epoch.
   */
  architecture: 'stgcn' as const,
  jointSet: 'blazepose33' as const,
  coordinates: 'image' as const,
  velocity: true,
  centre: 'window' as const,
  faceCamera: false,
  /** Rate windows are resampled to, frames a second (source frames are taken by presentation time). */
  frameRateHz: 15,
  /** Frames in a window, at frameRateHz (24 frames at 15 Hz: 1.6 s). */
  windowFrames: 24,
  /** Frames between the starts of consecutive training windows, at frameRateHz. */
  strideFrames: 3,
  /** Frames between windows when evaluating and inferring, at frameRateHz. */
  evalStrideFrames: 2,
  /** A window with more of its frames without a pose than this is dropped, 0–1. */
  maxMissingFraction: 0.5,
  /** Hidden channels of the temporal CNN, and its kernel, frames. */
  tcnChannels: 64,
  tcnKernel: 5,
  /** Channels of the two ST-GCN blocks, and its temporal kernel, frames. */
  gcnChannels: [16, 32] as readonly number[],
  gcnKernel: 5,
  dropout: 0.2,
  /** Adam's learning rate, and its L2 weight decay (added to the loss). */
  learningRate: 1e-3,
  weightDecay: 1e-4,
  batchSize: 32,
  epochs: 40,
  /** Epochs without a better validation macro-F1 before training stops. */
  patience: 8,
  seed: 1,
  /** Class weights are capped at this multiple of the mean weight. */
  maxClassWeight: 10,
  augment: {
    mirror: true,
    /** In-plane rotation, ± degrees. */
    rotationDeg: 10,
    /** Rotation about the vertical axis of world coordinates, ± degrees. */
    yawDeg: 20,
    /** Scaling, ± fraction. */
    scale: 0.1,
    /** Shift of a training window's start, ± frames (at frameRateHz). */
    jitterFrames: 2,
  },
  /** Splits of recordings (never of windows), fractions of the data. */
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  /** A class with fewer windows than this (in all) is flagged as very rare. */
  rareClassWindows: 30,
  /** A class seen in fewer recordings than this is flagged as very rare. */
  rareClassRecordings: 3,
  /** Situations whose events raise alerts (and are scored as events): taxonomy node ids. */
  criticalNodeIds: ['fall', 'on-floor'] as readonly string[],
  /** An alert starts where a critical class is the top class with at least this probability, 0–1. */
  alertThreshold: 0.5,
  /** Shortest alert, seconds; alerts closer than mergeGapSec are one. */
  alertMinSec: 0.4,
  alertMergeGapSec: 1.0,
  /** An alert within this many seconds of a true event counts as finding it, seconds. */
  eventToleranceSec: 1.0,
  /** Bins of the reliability diagram. */
  calibrationBins: 10,
} as const;

/**
 * Drift thresholds on the population stability index (PSI) of a feature between the training windows and a
 * new recording's: below 0.1 no real change, 0.1–0.25 a moderate shift (noted), 0.25 and above a major shift
 * (a warning). The Kolmogorov–Smirnov statistic D is given beside it; D above 0.3 is also a warning.
 */
export const DRIFT = {
  bins: 10,
  psiNotice: 0.1,
  psiWarning: 0.25,
  ksWarning: 0.3,
  /** Reference values kept per feature for the KS statistic. */
  referenceSamples: 1000,
} as const;
