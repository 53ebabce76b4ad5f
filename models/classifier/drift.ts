import { BLAZEPOSE_KEYPOINT_COUNT } from '../../shared/domain/pose';
import { createSeededRandom } from '../../shared/classifier/seededRandom';
import { DRIFT, LEFT_HIP, LEFT_SHOULDER, RIGHT_HIP, RIGHT_SHOULDER } from './constants';
import type { WindowRef } from './types';
import type { PreparedTrack } from './windows';
import { median } from '../../shared/util/median';

const K = BLAZEPOSE_KEYPOINT_COUNT;

/**
 * Features whose distribution is compared between the training data and a new recording: simple, readable
 * summaries of each window, independent of the model.
 */
export const DRIFT_FEATURES = {
  torsoTiltDeg: 'lean of the torso from upright, degrees (mean over the window)',
  hipSpeed: 'speed of the hips, torso lengths a second (mean over the window)',
  bodyExtent: 'height of the body over its width in the image (median over the window)',
  visibility: 'mean keypoint visibility, 0–1',
  missing: 'fraction of the window’s frames without a pose',
  confidence: 'the model’s top-class probability',
} as const;
export type DriftFeature = keyof typeof DRIFT_FEATURES;

/** The training data's side of the comparison, kept with the model (drift.json). */
export interface DriftReference {
  /** For each feature, bin edges (deciles of the training values) and a sample of the values. */
  features: Partial<Record<DriftFeature, { edges: number[]; sample: number[] }>>;
  windows: number;
}

export type DriftLevel = 'none' | 'notice' | 'warning';

export interface DriftFeatureResult {
  feature: DriftFeature;
  description: string;
  /** Population stability index against the training deciles. */
  psi: number;
  /** Kolmogorov–Smirnov statistic: the largest gap between the two cumulative distributions, 0–1. */
  ks: number;
  level: DriftLevel;
}

export interface DriftReport {
  features: DriftFeatureResult[];
  level: DriftLevel;
  /** One sentence per feature over the notice threshold. */
  messages: string[];
  windows: number;
  thresholds: { psiNotice: number; psiWarning: number; ksWarning: number };
}

/** The model-independent drift features of windows (all but confidence). */
export function windowDriftFeatures(
  tracks: readonly PreparedTrack[],
  refs: readonly WindowRef[],
  windowFrames: number,
  frameRateHz: number,
): Record<Exclude<DriftFeature, 'confidence'>, number[]> {
  const out = {
    torsoTiltDeg: [] as number[],
    hipSpeed: [] as number[],
    bodyExtent: [] as number[],
    visibility: [] as number[],
    missing: [] as number[],
  };
  for (const r of refs) {
    const t = tracks[r.track] as PreparedTrack;
    let tilt = 0;
    let speed = 0;
    let vis = 0;
    let missing = 0;
    const extents: number[] = [];
    let torsoSum = 0;
    let prevHip: [number, number] | null = null;
    for (let i = 0; i < windowFrames; i++) {
      const f = Math.min(t.length - 1, r.start + i);
      if (t.missing[f] || r.start + i >= t.length) missing++;
      const at = (k: number, c: number) => t.image[(f * K + k) * 3 + c] as number;
      const hx = (at(LEFT_HIP, 0) + at(RIGHT_HIP, 0)) / 2;
      const hy = (at(LEFT_HIP, 1) + at(RIGHT_HIP, 1)) / 2;
      const sx = (at(LEFT_SHOULDER, 0) + at(RIGHT_SHOULDER, 0)) / 2;
      const sy = (at(LEFT_SHOULDER, 1) + at(RIGHT_SHOULDER, 1)) / 2;
      const torso = Math.hypot(sx - hx, sy - hy);
      torsoSum += torso;
      tilt += (Math.atan2(Math.abs(sx - hx), hy - sy) * 180) / Math.PI;
      if (prevHip) speed += Math.hypot(hx - prevHip[0], hy - prevHip[1]);
      prevHip = [hx, hy];
      let minX = Infinity;
      let maxX = -Infinity;
      let minY = Infinity;
      let maxY = -Infinity;
      let v = 0;
      let n = 0;
      for (let k = 0; k < K; k++) {
        const visibility = at(k, 2);
        if (visibility <= 0) continue;
        n++;
        v += visibility;
        minX = Math.min(minX, at(k, 0));
        maxX = Math.max(maxX, at(k, 0));
        minY = Math.min(minY, at(k, 1));
        maxY = Math.max(maxY, at(k, 1));
      }
      vis += n > 0 ? v / n : 0;
      if (n > 0) extents.push((maxY - minY) / Math.max(1e-6, maxX - minX));
    }
    const torso = Math.max(1e-6, torsoSum / windowFrames);
    out.torsoTiltDeg.push(tilt / windowFrames);
    out.hipSpeed.push(((speed / Math.max(1, windowFrames - 1)) * frameRateHz) / torso);
    out.bodyExtent.push(Math.min(20, median(extents)));
    out.visibility.push(vis / windowFrames);
    out.missing.push(missing / windowFrames);
  }
  return out;
}

/** Decile edges of values (9 inner edges for 10 bins), repeated edges removed. */
export function quantileEdges(values: readonly number[], bins: number = DRIFT.bins): number[] {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return [];
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const e = s[Math.min(s.length - 1, Math.floor((i * s.length) / bins))] as number;
    if (edges.length === 0 || e > (edges[edges.length - 1] as number)) edges.push(e);
  }
  return edges;
}

function binFractions(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let b = 0;
    while (b < edges.length && v >= (edges[b] as number)) b++;
    counts[b] = (counts[b] as number) + 1;
  }
  return counts.map((c) => c / Math.max(1, values.length));
}

/** Population stability index of `actual` against `expected`, on the bins `edges` make (ε = 1e-4 per bin). */
export function psi(
  expected: readonly number[],
  actual: readonly number[],
  edges: readonly number[],
): number {
  const e = binFractions(expected, edges);
  const a = binFractions(actual, edges);
  let x = 0;
  for (let i = 0; i < e.length; i++) {
    const ei = Math.max(1e-4, e[i] as number);
    const ai = Math.max(1e-4, a[i] as number);
    x += (ai - ei) * Math.log(ai / ei);
  }
  return x;
}

/** Two-sample Kolmogorov–Smirnov statistic D = sup |F_a − F_b|. */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && (x[i] as number) <= v) i++;
    while (j < y.length && (y[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** The reference a model keeps: deciles and a seeded sample of each feature's training values. */
export function driftReference(
  values: Partial<Record<DriftFeature, number[]>>,
  seed: number,
): DriftReference {
  const prng = createSeededRandom(seed).fork('drift');
  const features: DriftReference['features'] = {};
  let windows = 0;
  for (const [name, list] of Object.entries(values) as [DriftFeature, number[]][]) {
    if (list.length === 0) continue;
    windows = Math.max(windows, list.length);
    const sample =
      list.length <= DRIFT.referenceSamples
        ? [...list]
        : prng.shuffle([...list]).slice(0, DRIFT.referenceSamples);
    features[name] = { edges: quantileEdges(list), sample };
  }
  return { features, windows };
}

function levelOf(p: number, ks: number): DriftLevel {
  if (p >= DRIFT.psiWarning || ks >= DRIFT.ksWarning) return 'warning';
  if (p >= DRIFT.psiNotice) return 'notice';
  return 'none';
}

/** Compares a recording's feature values with the reference (features with fewer than 10 values: not judged). */
export function checkDrift(
  reference: DriftReference,
  values: Partial<Record<DriftFeature, number[]>>,
): DriftReport {
  const results: DriftFeatureResult[] = [];
  let windows = 0;
  for (const [name, ref] of Object.entries(reference.features) as [
    DriftFeature,
    { edges: number[]; sample: number[] },
  ][]) {
    const v = values[name];
    if (!v || v.length < 10) continue;
    windows = Math.max(windows, v.length);
    const p = psi(ref.sample, v, ref.edges);
    const ks = ksStatistic(ref.sample, v);
    results.push({ feature: name, description: DRIFT_FEATURES[name], psi: p, ks, level: levelOf(p, ks) });
  }
  const rank = { none: 0, notice: 1, warning: 2 } as const;
  const level = results.reduce<DriftLevel>((l, r) => (rank[r.level] > rank[l] ? r.level : l), 'none');
  const messages = results
    .filter((r) => r.level !== 'none')
    .map(
      (r) =>
        `${r.description}: PSI ${r.psi.toFixed(2)}, KS ${r.ks.toFixed(2)} (${r.level === 'warning' ? 'differs from' : 'shifted from'} the training data)`,
    );
  return {
    features: results,
    level,
    messages,
    windows,
    thresholds: { psiNotice: DRIFT.psiNotice, psiWarning: DRIFT.psiWarning, ksWarning: DRIFT.ksWarning },
  };
}
