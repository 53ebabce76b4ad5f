import { argmax } from '../../shared/classifier/metrics';
import { featuresOf } from './dataset/windowSet';
import type { DriftFeature } from './drift';
import { windowDriftFeatures } from './drift';
import { buildTimeline, detectAlerts } from './timeline';
import type { AlertEvent, AlertRules, TimedPrediction, TimelineSegment } from './timeline';
import type { PoseTrack, SituationClassifier } from './types';
import { prepareTrack, windowsOf } from './windows';

export interface TrackInference {
  key: string;
  /** Every window's prediction, in time order. */
  windows: TimedPrediction[];
  timeline: TimelineSegment[];
  alerts: AlertEvent[];
}

export interface Inference {
  tracks: TrackInference[];
  /** Drift features of all the windows (confidence included), for the drift check. */
  drift: Record<DriftFeature, number[]>;
  windows: number;
}

/**
 * Runs a classifier over whole tracks (people found in a recording): sliding windows at the evaluation
 * stride, each window's class probabilities at its centre, merged into a timeline of situations, and
 * alerts for the critical classes.
 */
export async function inferTracks(
  classifier: SituationClassifier,
  tracks: readonly PoseTrack[],
  rules: AlertRules,
): Promise<Inference> {
  const config = classifier.config;
  const k = classifier.classes.length;
  const prepared = tracks.map((t) => prepareTrack(t, config.frameRateHz));
  const refs = windowsOf(prepared, config, { stride: config.evalStrideFrames, keepUnlabelled: true });
  const batch = featuresOf(prepared, refs, config);
  const probs = refs.length > 0 ? await classifier.predict(batch) : new Float32Array(0);
  const perTrack: TimedPrediction[][] = tracks.map(() => []);
  const confidence: number[] = [];
  refs.forEach((r, i) => {
    const p = Array.from(probs.subarray(i * k, (i + 1) * k));
    confidence.push(p[argmax(p)] as number);
    (perTrack[r.track] as TimedPrediction[]).push({ timeSec: r.centreSec, frame: r.centreFrame, probs: p });
  });
  const drift = {
    ...windowDriftFeatures(prepared, refs, config.windowFrames, config.frameRateHz),
    confidence,
  };
  return {
    tracks: tracks.map((t, i) => {
      const windows = perTrack[i] as TimedPrediction[];
      return { key: t.key, windows, timeline: buildTimeline(windows), alerts: detectAlerts(windows, rules) };
    }),
    drift,
    windows: refs.length,
  };
}
