import { calibration } from '../../../shared/classifier/calibration';
import type { Calibration } from '../../../shared/classifier/calibration';
import { argmax, classificationMetrics } from '../../../shared/classifier/metrics';
import type { ClassificationMetrics } from '../../../shared/classifier/metrics';
import { DEFAULTS } from '../constants';
import { featuresOf } from '../dataset/windowSet';
import type { SituationClassifier, WindowRef } from '../types';
import type { PreparedTrack } from '../windows';
import { windowsOf } from '../windows';
import { detectAlerts } from '../timeline';
import type { AlertRules, TimedPrediction } from '../timeline';
import { eventMetrics, eventsOf } from './events';
import type { EventMetrics, EventRecording } from './events';

export interface Evaluation {
  metrics: ClassificationMetrics;
  calibration: Calibration;
  /** Event-level scores of the critical classes; null where the model has none. */
  events: EventMetrics | null;
  windows: number;
  /** The top class's probability of every window (for the drift reference). */
  confidences: number[];
}

export interface EvaluationOptions {
  /** Indices of the critical classes. */
  critical: readonly number[];
  alerts?: Partial<Omit<AlertRules, 'critical'>>;
  toleranceSec?: number;
  calibrationBins?: number;
}

export function alertRulesOf(
  critical: readonly number[],
  given: Partial<Omit<AlertRules, 'critical'>> = {},
): AlertRules {
  return {
    critical,
    threshold: given.threshold ?? DEFAULTS.alertThreshold,
    minSec: given.minSec ?? DEFAULTS.alertMinSec,
    mergeGapSec: given.mergeGapSec ?? DEFAULTS.alertMergeGapSec,
  };
}

/**
 * Scores a classifier on prepared tracks (a held-out split): window metrics at the evaluation stride,
 * calibration, and for the critical classes, events over each track as a continuous recording.
 */
export async function evaluateClassifier(
  classifier: SituationClassifier,
  tracks: readonly PreparedTrack[],
  options: EvaluationOptions,
): Promise<Evaluation> {
  const config = classifier.config;
  const k = classifier.classes.length;
  const refs = windowsOf(tracks, config, { stride: config.evalStrideFrames, keepUnlabelled: true });
  const batch = featuresOf(tracks, refs, config);
  const probs = refs.length > 0 ? await classifier.predict(batch) : new Float32Array(0);
  const truth: number[] = [];
  const predicted: number[] = [];
  const confidence: number[] = [];
  const correct: boolean[] = [];
  const allConfidences: number[] = [];
  const byTrack = new Map<number, TimedPrediction[]>();
  refs.forEach((r: WindowRef, i) => {
    const p = probs.subarray(i * k, (i + 1) * k);
    const top = argmax(p);
    allConfidences.push(p[top] as number);
    const list = byTrack.get(r.track) ?? [];
    list.push({ timeSec: r.centreSec, frame: r.centreFrame, probs: p });
    byTrack.set(r.track, list);
    if (r.label < 0) return;
    truth.push(r.label);
    predicted.push(top);
    confidence.push(p[top] as number);
    correct.push(top === r.label);
  });
  const metrics = classificationMetrics(truth, predicted, k);
  const cal = calibration(confidence, correct, options.calibrationBins ?? 10);
  let events: EventMetrics | null = null;
  if (options.critical.length > 0) {
    const rules = alertRulesOf(options.critical, options.alerts);
    const recordings: EventRecording[] = tracks.map((t, ti) => {
      const duration =
        t.length > 1
          ? (t.times[t.length - 1] as number) - (t.times[0] as number) + 1 / config.frameRateHz
          : 1 / config.frameRateHz;
      return {
        durationSec: duration,
        events: options.critical.flatMap((c) => eventsOf(t.labels, t.times, c)),
        alerts: detectAlerts(byTrack.get(ti) ?? [], rules),
      };
    });
    events = eventMetrics(recordings, options.critical, options.toleranceSec ?? DEFAULTS.eventToleranceSec);
  }
  return { metrics, calibration: cal, events, windows: truth.length, confidences: allConfidences };
}
