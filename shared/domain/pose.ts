import { z } from 'zod';
import { idSchema, instantSchema } from './ids';

/** The 33 BlazePose GHUM landmarks, in the model's order. */
export const BLAZEPOSE_KEYPOINTS = [
  'nose',
  'left_eye_inner',
  'left_eye',
  'left_eye_outer',
  'right_eye_inner',
  'right_eye',
  'right_eye_outer',
  'left_ear',
  'right_ear',
  'mouth_left',
  'mouth_right',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_pinky',
  'right_pinky',
  'left_index',
  'right_index',
  'left_thumb',
  'right_thumb',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
  'left_heel',
  'right_heel',
  'left_foot_index',
  'right_foot_index',
] as const;
export type BlazePoseKeypoint = (typeof BLAZEPOSE_KEYPOINTS)[number];
export const BLAZEPOSE_KEYPOINT_COUNT = BLAZEPOSE_KEYPOINTS.length;

export function keypointIndex(name: BlazePoseKeypoint): number {
  return BLAZEPOSE_KEYPOINTS.indexOf(name);
}

/** Bones of the BlazePose graph, as keypoint index pairs (the skeleton drawn and the graph a classifier uses). */
export const BLAZEPOSE_EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 7],
  [0, 4],
  [4, 5],
  [5, 6],
  [6, 8],
  [9, 10],
  [11, 12],
  [11, 13],
  [13, 15],
  [15, 17],
  [15, 19],
  [15, 21],
  [17, 19],
  [12, 14],
  [14, 16],
  [16, 18],
  [16, 20],
  [16, 22],
  [18, 20],
  [11, 23],
  [12, 24],
  [23, 24],
  [23, 25],
  [25, 27],
  [27, 29],
  [29, 31],
  [27, 31],
  [24, 26],
  [26, 28],
  [28, 30],
  [30, 32],
  [28, 32],
];

/** Left/right partner of every keypoint (itself for the nose), for mirroring. */
export const BLAZEPOSE_MIRROR: readonly number[] = BLAZEPOSE_KEYPOINTS.map((name, i) => {
  const other = name.startsWith('left_')
    ? name.replace('left_', 'right_')
    : name.startsWith('right_')
      ? name.replace('right_', 'left_')
      : name === 'mouth_left'
        ? 'mouth_right'
        : name === 'mouth_right'
          ? 'mouth_left'
          : name;
  const j = (BLAZEPOSE_KEYPOINTS as readonly string[]).indexOf(other);
  return j >= 0 ? j : i;
});

export const poseModelSchema = z.enum(['blazepose-lite', 'blazepose-full', 'blazepose-heavy']);
export type PoseModel = z.infer<typeof poseModelSchema>;

export const poseBackendSchema = z.enum(['tfjs-node-gpu', 'tfjs-node', 'webgpu', 'webgl', 'wasm', 'cpu']);
export type PoseBackend = z.infer<typeof poseBackendSchema>;

/** What is known about a tube's poses without reading the arrays. */
export const tubePoseSummarySchema = z.object({
  segmentId: idSchema,
  videoId: idSchema,
  model: poseModelSchema,
  /** Weights version: a change of weights is a new extraction. */
  modelVersion: z.string(),
  backend: poseBackendSchema,
  /** First frame and number of frames stored (the tube's range when extracted). */
  startFrame: z.number().int().nonnegative(),
  frameCount: z.number().int().positive(),
  /** Frames with a pose found. */
  framesWithPose: z.number().int().nonnegative(),
  /** Mean visibility of the keypoints over frames with a pose, 0–1. */
  meanVisibility: z.number().min(0).max(1),
  /** Whether the temporal filter was on (the raw output is kept either way). */
  filtered: z.boolean(),
  /** Hash of the tube's range and boxes at extraction: when it differs from now, re-extraction is due. */
  trackHash: z.string(),
  stale: z.boolean(),
  extractedAt: instantSchema,
});
export type TubePoseSummary = z.infer<typeof tubePoseSummarySchema>;

/**
 * A tube's poses, as flat typed arrays (T frames, K = 33 keypoints):
 * - `image`: T×K×4, x and y in displayed-video pixels, z relative depth (same scale as x), visibility 0–1;
 * - `world`: T×K×3, metres, centred between the hips (x right, y down, z towards the camera's depth);
 * - `present`: T, 1 where a pose was found; `score`: T, the pose's presence score;
 * - `crops`: T×4, the crop (x, y, width, height, in video pixels) the frame was run on.
 */
export interface TubePoses extends Omit<TubePoseSummary, 'stale'> {
  keypointCount: number;
  present: Uint8Array;
  score: Float32Array;
  image: Float32Array;
  world: Float32Array;
  crops: Float32Array;
  /** Where `filtered`: the model's output before the filter (same layout as `image` and `world`); else null. */
  rawImage: Float32Array | null;
  rawWorld: Float32Array | null;
}

/** A tube's pose arrays without the summary: what is stored and sent. */
export type TubePoseArrays = Pick<
  TubePoses,
  'keypointCount' | 'present' | 'score' | 'image' | 'world' | 'crops' | 'rawImage' | 'rawWorld'
>;
