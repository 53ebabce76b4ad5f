import { argmax } from '../../shared/classifier/metrics';

/** One window's prediction, placed at the window's centre. */
export interface TimedPrediction {
  timeSec: number;
  frame: number;
  probs: ArrayLike<number>;
}

/** A run of windows with the same top class: one stretch of a person's timeline. */
export interface TimelineSegment {
  classIndex: number;
  startSec: number;
  endSec: number;
  startFrame: number;
  endFrame: number;
  /** Mean probability of the class over the run's windows, 0–1. */
  confidence: number;
  /** Lowest probability of the class in the run, 0–1. */
  minConfidence: number;
  windows: number;
}

/** A critical situation the model saw: where it starts and ends, and its highest probability. */
export interface AlertEvent {
  classIndex: number;
  startSec: number;
  endSec: number;
  startFrame: number;
  endFrame: number;
  peak: number;
}

export interface AlertRules {
  /** Classes that raise alerts. */
  critical: readonly number[];
  /** Least probability of the (top) critical class, 0–1. */
  threshold: number;
  /** Shortest alert, seconds. */
  minSec: number;
  /** Alerts of one class closer than this are one, seconds. */
  mergeGapSec: number;
}

/**
 * The stretch of time a window stands for: from halfway to the previous window's centre to halfway to the
 * next (half the spacing at the ends).
 */
function spans(preds: readonly TimedPrediction[]): { start: number; end: number }[] {
  return preds.map((p, i) => {
    const prev = preds[i - 1];
    const next = preds[i + 1];
    const half = (next ? next.timeSec - p.timeSec : prev ? p.timeSec - prev.timeSec : 0) / 2;
    const startHalf = prev ? (p.timeSec - prev.timeSec) / 2 : half;
    return { start: p.timeSec - startHalf, end: p.timeSec + half };
  });
}

/** Window predictions (in time order) merged into the runs of their top class. */
export function buildTimeline(preds: readonly TimedPrediction[]): TimelineSegment[] {
  const s = spans(preds);
  const out: TimelineSegment[] = [];
  preds.forEach((p, i) => {
    const c = argmax(p.probs);
    const prob = p.probs[c] as number;
    const last = out[out.length - 1];
    const span = s[i] as { start: number; end: number };
    if (last && last.classIndex === c) {
      last.confidence = (last.confidence * last.windows + prob) / (last.windows + 1);
      last.minConfidence = Math.min(last.minConfidence, prob);
      last.windows++;
      last.endSec = span.end;
      last.endFrame = p.frame;
    } else {
      out.push({
        classIndex: c,
        startSec: span.start,
        endSec: span.end,
        startFrame: p.frame,
        endFrame: p.frame,
        confidence: prob,
        minConfidence: prob,
        windows: 1,
      });
    }
  });
  // Frame ranges meet: each run starts where the previous one ended.
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1] as TimelineSegment;
    const cur = out[i] as TimelineSegment;
    cur.startFrame = Math.min(cur.startFrame, prev.endFrame + 1);
  }
  return out;
}

/**
 * Alerts: runs of windows whose top class is a critical class with at least `threshold` probability, runs
 * of one class less than `mergeGapSec` apart joined, runs shorter than `minSec` dropped.
 */
export function detectAlerts(preds: readonly TimedPrediction[], rules: AlertRules): AlertEvent[] {
  const s = spans(preds);
  const raw: AlertEvent[] = [];
  preds.forEach((p, i) => {
    const c = argmax(p.probs);
    const prob = p.probs[c] as number;
    if (!rules.critical.includes(c) || prob < rules.threshold) return;
    const span = s[i] as { start: number; end: number };
    const last = raw[raw.length - 1];
    if (last && last.classIndex === c && span.start - last.endSec <= rules.mergeGapSec + 1e-9) {
      last.endSec = span.end;
      last.endFrame = p.frame;
      last.peak = Math.max(last.peak, prob);
    } else {
      raw.push({
        classIndex: c,
        startSec: span.start,
        endSec: span.end,
        startFrame: p.frame,
        endFrame: p.frame,
        peak: prob,
      });
    }
  });
  return raw.filter((a) => a.endSec - a.startSec >= rules.minSec - 1e-9);
}
