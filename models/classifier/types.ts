import type { JointSet } from './constants';

/** Temporal CNN over the joints' coordinates, or a spatio-temporal graph convolution over the skeleton. */
export type Architecture = 'tcn' | 'stgcn';
/** Image coordinates (x, y in pixels), world coordinates (x, y, z in metres), or both. */
export type Coordinates = 'image' | 'world' | 'both';
/** Centre every frame on its own hips, or every window on its hips' mean position (keeps the body's motion). */
export type Centre = 'window' | 'frame';
export type SplitName = 'train' | 'validation' | 'test';

export interface AugmentConfig {
  /** Left-right mirror with joint swap, half of the windows. */
  mirror: boolean;
  /** In-plane rotation, ± degrees. */
  rotationDeg: number;
  /** Rotation about the vertical axis (world coordinates only), ± degrees. */
  yawDeg: number;
  /** Scaling, ± fraction. */
  scale: number;
  /** Shift of a training window, ± frames. */
  jitterFrames: number;
}

/** How a classifier is built, fed and trained (validated by `validateConfig`; units in constants.ts). */
export interface ClassifierConfig {
  architecture: Architecture;
  jointSet: JointSet;
  coordinates: Coordinates;
  /** Add each joint's frame-to-frame velocity to its coordinates. */
  velocity: boolean;
  centre: Centre;
  /** Rotate world coordinates about the vertical so that the hips face the camera (world only). */
  faceCamera: boolean;
  frameRateHz: number;
  windowFrames: number;
  strideFrames: number;
  evalStrideFrames: number;
  maxMissingFraction: number;
  tcnChannels: number;
  tcnKernel: number;
  gcnChannels: number[];
  gcnKernel: number;
  dropout: number;
  learningRate: number;
  weightDecay: number;
  batchSize: number;
  epochs: number;
  patience: number;
  seed: number;
  maxClassWeight: number;
  augment: AugmentConfig;
}

/** A class the model tells apart: a taxonomy node at the model's level. */
export interface ClassInfo {
  nodeId: string;
  name: string;
}

/**
 * One person's poses over time, with a label per frame: what datasets and inference are made of. Keypoints
 * are always in BlazePose order (33); a source without some of them leaves them at visibility 0.
 */
export interface PoseTrack {
  /** Unique within a dataset (a tube, an actor's tubes, a whole-video track, an md4fd sequence). */
  key: string;
  /** Presentation time of each frame, seconds (increasing). */
  times: Float64Array;
  /** The video frame each frame is (for timelines); −1 where there is none. */
  frames: Int32Array;
  /** 1 where a pose was found. */
  present: Uint8Array;
  /** T×33×3: x, y (pixels of the displayed video, or any unit equal on both axes), visibility 0–1. */
  image: Float32Array;
  /** T×33×3 metres, hip-centred; null where the source has no world coordinates. */
  world: Float32Array | null;
  /** Class index of each frame; −1 where the frame has no label. */
  labels: Int16Array;
}

/** A window's place: its track, its first frame in the resampled track, its label. */
export interface WindowRef {
  track: number;
  start: number;
  label: number;
  /** Time of the window's centre, seconds, and the video frame nearest it. */
  centreSec: number;
  centreFrame: number;
}

/** Features of windows, ready for the model: count × frames × joints × channels, row-major. */
export interface WindowBatch {
  features: Float32Array;
  count: number;
  frames: number;
  joints: number;
  channels: number;
  refs: WindowRef[];
}

export interface InputShape {
  frames: number;
  joints: number;
  channels: number;
}

/** A saved model: its description (model.json) and its weights (weights.bin), as tfjs encodes them. */
export interface ModelFile {
  format: string;
  formatVersion: number;
  config: ClassifierConfig;
  classes: ClassInfo[];
  inputShape: InputShape;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface ModelArtifacts {
  model: ModelFile;
  weights: ArrayBuffer;
}

/** The situation classifier: windows of poses in, class probabilities out. */
export interface SituationClassifier {
  readonly config: ClassifierConfig;
  readonly classes: readonly ClassInfo[];
  readonly inputShape: InputShape;
  /** Trainable parameters. */
  readonly parameterCount: number;
  /** Probabilities of every class for `batch`'s windows: count × classes, row-major. */
  predict(batch: Pick<WindowBatch, 'features' | 'count'>): Promise<Float32Array>;
  /** The model as files (its weights copied out of the tensors). */
  save(): Promise<ModelArtifacts>;
  dispose(): void;
}

/** One epoch of training, as reported while it runs. */
export interface EpochReport {
  epoch: number;
  epochs: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number | null;
  validationAccuracy: number | null;
  validationMacroF1: number | null;
  seconds: number;
}
