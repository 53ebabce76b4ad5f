import type { io } from '@tensorflow/tfjs-core';
import type { PoseBackend, PoseModel } from '../../shared/domain/pose';

/** An RGB image, 3 bytes a pixel, row after row. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A rectangle in pixels of the image it was cut from. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the weights of one tfjs graph model are read from. */
export type ModelSource = io.IOHandler;

export interface PoseExtractorConfig {
  model: PoseModel;
  /** The tfjs backend already made ready (see backends/). */
  backend: PoseBackend;
  detector: ModelSource;
  landmark: ModelSource;
  /** A pose whose presence score is below this counts as no pose, 0–1. */
  minPoseScore?: number;
}

/**
 * One frame's pose, in the pixels of the image the crop was cut from:
 * `image` K×4 (x, y, z relative depth on x's scale, visibility 0–1), `world` K×3 metres, hip-centred.
 */
export interface PoseEstimate {
  present: boolean;
  score: number;
  image: Float32Array;
  world: Float32Array;
}

/**
 * BlazePose on crops of a video, frame after frame. Each track (a number the caller picks: one person over
 * consecutive frames) keeps its own tracked region between calls: the detector runs only on a track's first
 * frame and when its pose is lost, also when the crop moves. Calls for different tracks may interleave.
 */
export interface PoseExtractor {
  readonly model: PoseModel;
  readonly backend: PoseBackend;
  /** Frames run, and how many of them ran the person detector (the rest tracked the previous region). */
  readonly stats: { readonly frames: number; readonly detectorRuns: number };
  /**
   * Runs on `crop`, cut from its frame at `rect`, as the next frame of `track` (0 when left out); the pose
   * comes back in the frame's pixels.
   */
  estimate(crop: RgbImage, rect: Rect, timestampMs: number, track?: number): Promise<PoseEstimate>;
  /** Forgets the tracked region of `track`, or of every track: its next frame runs the person detector. */
  reset(track?: number): void;
  /**
   * Runs both models once on a blank image, so that the first real frame does not pay for compiling and
   * allocating (stats and tracking are left as they were before).
   */
  warmUp(): Promise<void>;
  dispose(): void;
}

/** A person MoveNet found in a frame: box and 17 COCO keypoints (x, y, score), in frame pixels. */
export interface PersonDetection {
  box: Rect;
  score: number;
  keypoints: Float32Array;
}

export interface PersonDetector {
  detect(frame: RgbImage): Promise<PersonDetection[]>;
  dispose(): void;
}
