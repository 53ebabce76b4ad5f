import * as tf from '@tensorflow/tfjs-core';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { BLAZEPOSE_KEYPOINT_COUNT } from '../../../shared/domain/pose';
import type { PoseModel } from '../../../shared/domain/pose';
import { assertNever } from '../../../shared/util/assertNever';
import { DEFAULTS } from '../constants';
import type { PoseEstimate, PoseExtractor, PoseExtractorConfig, Rect, RgbImage } from '../types';
import type { NormalizedRoi } from './roi';
import { moveRoi } from './roi';

const K = BLAZEPOSE_KEYPOINT_COUNT;

function modelType(model: PoseModel): 'lite' | 'full' | 'heavy' {
  switch (model) {
    case 'blazepose-lite':
      return 'lite';
    case 'blazepose-full':
      return 'full';
    case 'blazepose-heavy':
      return 'heavy';
    default:
      return assertNever(model, 'model');
  }
}

/** What of pose-detection's BlazePose detector is used beyond its typed interface: its tracked region. */
interface TrackingState {
  regionOfInterest: NormalizedRoi | null;
  detectPose: (...args: unknown[]) => Promise<unknown[]>;
}

/** A track's region between frames, normalised to the crop it was found in. */
interface TrackedRegion {
  roi: NormalizedRoi;
  rect: Rect;
}

export function emptyEstimate(): PoseEstimate {
  return { present: false, score: 0, image: new Float32Array(K * 4), world: new Float32Array(K * 3) };
}

/**
 * BlazePose through @tensorflow-models/pose-detection's tfjs runtime (detector + landmark model), without
 * its built-in smoothing: the raw output is kept and filtered later, over the whole tube.
 */
export async function createBlazePoseExtractor(config: PoseExtractorConfig): Promise<PoseExtractor> {
  const minScore = config.minPoseScore ?? DEFAULTS.minPoseScore;
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
    runtime: 'tfjs',
    modelType: modelType(config.model),
    enableSmoothing: false,
    enableSegmentation: false,
    detectorModelUrl: config.detector,
    landmarkModelUrl: config.landmark,
  });
  const state = detector as unknown as TrackingState;
  const stats = { frames: 0, detectorRuns: 0 };
  // Counted, so that tests and benchmarks can tell tracking (landmarks only) from detection on every frame.
  const detectPose = state.detectPose.bind(detector);
  state.detectPose = (...args: unknown[]) => {
    stats.detectorRuns++;
    return detectPose(...args);
  };
  // Each track's region (normalised to its last crop) and that crop; pose-detection keeps one region, so it
  // is swapped in before a frame and out after it, and interleaved tracks never steer each other.
  const tracks = new Map<number, TrackedRegion>();
  let disposed = false;
  // The crop as int32 (what tfjs takes for pixels), in one buffer kept between frames: tfjs copies it into
  // the backend at once, and a fresh megabytes-large array a frame makes V8 run full collections often.
  let int32 = new Int32Array(0);
  const asInt32 = (bytes: Uint8Array): Int32Array => {
    if (int32.length < bytes.length) int32 = new Int32Array(bytes.length);
    const view = int32.length === bytes.length ? int32 : int32.subarray(0, bytes.length);
    view.set(bytes);
    return view;
  };

  /** One frame with pose-detection's region set to the track's (or none): detect where needed, then track. */
  const estimateTracked = async (crop: RgbImage, rect: Rect, timestampMs: number): Promise<PoseEstimate> => {
    const run = async (): Promise<poseDetection.Pose[]> => {
      const input = tf.tensor3d(asInt32(crop.data), [crop.height, crop.width, 3], 'int32');
      try {
        return await detector.estimatePoses(input, { maxPoses: 1, flipHorizontal: false }, timestampMs);
      } finally {
        input.dispose();
      }
    };
    const tracking = state.regionOfInterest !== null;
    let poses = await run();
    // The tracked region lost the person (a fast turn, a jump): look for them on this same frame again.
    if (tracking && (poses.length === 0 || (poses[0]?.score ?? 0) < minScore)) {
      detector.reset();
      poses = await run();
    }
    const pose = poses[0];
    const out = emptyEstimate();
    if (!pose || !pose.keypoints3D || (pose.score ?? 0) < minScore) {
      if (pose) detector.reset();
      return out;
    }
    out.present = true;
    out.score = pose.score ?? 0;
    for (let k = 0; k < K; k++) {
      const p = pose.keypoints[k];
      const w = pose.keypoints3D[k];
      if (!p || !w) continue;
      out.image[k * 4] = p.x + rect.x;
      out.image[k * 4 + 1] = p.y + rect.y;
      out.image[k * 4 + 2] = p.z ?? 0;
      out.image[k * 4 + 3] = p.score ?? 0;
      out.world[k * 3] = w.x;
      out.world[k * 3 + 1] = w.y;
      out.world[k * 3 + 2] = w.z ?? 0;
    }
    return out;
  };
  /** Tracks kept at most: the oldest unused is forgotten first (its next frame runs the detector). */
  const MAX_TRACKS = 1024;
  const remember = (track: number, region: TrackedRegion) => {
    tracks.set(track, region);
    if (tracks.size > MAX_TRACKS) tracks.delete(tracks.keys().next().value as number);
  };

  return {
    model: config.model,
    backend: config.backend,
    stats,
    async estimate(crop: RgbImage, rect: Rect, timestampMs: number, track = 0): Promise<PoseEstimate> {
      if (disposed) throw new Error('This pose extractor was disposed.');
      if (crop.data.length !== crop.width * crop.height * 3) {
        throw new RangeError(
          `A ${crop.width}×${crop.height} RGB crop needs ${crop.width * crop.height * 3} bytes, not ${crop.data.length}.`,
        );
      }
      const before = tracks.get(track);
      state.regionOfInterest = before ? moveRoi(before.roi, before.rect, rect) : null;
      tracks.delete(track);
      stats.frames++;
      try {
        return await estimateTracked(crop, rect, timestampMs);
      } finally {
        // Kept only where the frame ended with a region to track (none after a failure or a lost pose).
        if (state.regionOfInterest) remember(track, { roi: state.regionOfInterest, rect });
        state.regionOfInterest = null;
      }
    },
    reset(track?: number) {
      if (track === undefined) tracks.clear();
      else tracks.delete(track);
      detector.reset();
    },
    async warmUp() {
      const size = 256;
      const blank = tf.fill([size, size, 3], 128, 'int32') as tf.Tensor3D;
      const before = { ...stats };
      try {
        detector.reset();
        await detector.estimatePoses(blank, { maxPoses: 1, flipHorizontal: false });
        // The landmark model runs only on a region: give it the whole image.
        state.regionOfInterest = { xCenter: 0.5, yCenter: 0.5, width: 1, height: 1, rotation: 0 };
        await detector.estimatePoses(blank, { maxPoses: 1, flipHorizontal: false });
      } finally {
        blank.dispose();
        detector.reset();
        stats.frames = before.frames;
        stats.detectorRuns = before.detectorRuns;
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      detector.dispose();
    },
  };
}
