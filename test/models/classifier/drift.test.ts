import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../shared/classifier/seededRandom';
import {
  checkDrift,
  driftReference,
  ksStatistic,
  psi,
  quantileEdges,
} from '../../../models/classifier/drift';

const normal = (seed: number, n: number, mean = 0, sd = 1) => {
  const p = createSeededRandom(seed);
  return Array.from({ length: n }, () => mean + sd * p.normal());
};

describe('drift check', () => {
  it('computes PSI by hand on two bins', () => {
    // Edges [0.5]: expected 50 % / 50 %, actual 80 % / 20 %.
    // PSI = (0.8 − 0.5)·ln(0.8/0.5) + (0.2 − 0.5)·ln(0.2/0.5)
    const expected = [0, 0, 1, 1];
    const actual = [0, 0, 0, 0, 1, 0, 0, 0, 1, 0];
    const want = 0.3 * Math.log(0.8 / 0.5) + -0.3 * Math.log(0.2 / 0.5);
    expect(psi(expected, actual, [0.5])).toBeCloseTo(want, 12);
  });

  it('computes the KS statistic by hand', () => {
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBeCloseTo(0.5, 12);
    expect(ksStatistic([1, 2], [1, 2])).toBe(0);
  });

  it('takes deciles as bin edges', () => {
    expect(quantileEdges(Array.from({ length: 100 }, (_, i) => i))).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90,
    ]);
  });

  it('sees no drift in data like the training data, and warns, naming the measure, when it moves', () => {
    const ref = driftReference({ hipSpeed: normal(1, 2000), confidence: normal(2, 2000, 0.8, 0.05) }, 1);
    const same = checkDrift(ref, { hipSpeed: normal(3, 500), confidence: normal(4, 500, 0.8, 0.05) });
    expect(same.level).toBe('none');
    expect(same.messages).toEqual([]);
    const moved = checkDrift(ref, { hipSpeed: normal(5, 500, 1.5), confidence: normal(6, 500, 0.8, 0.05) });
    expect(moved.level).toBe('warning');
    const hip = moved.features.find((f) => f.feature === 'hipSpeed');
    expect(hip?.psi).toBeGreaterThan(0.25);
    expect(hip?.ks).toBeGreaterThan(0.3);
    expect(moved.messages[0]).toMatch(
      /^speed of the hips.*: PSI \d+\.\d\d, KS \d\.\d\d \(differs from the training data\)$/,
    );
    expect(moved.thresholds).toEqual({ psiNotice: 0.1, psiWarning: 0.25, ksWarning: 0.3 });
  });

  it('keeps at most 1000 reference values per feature, the same ones for the same seed', () => {
    const a = driftReference({ missing: normal(1, 5000) }, 3);
    expect(a.features.missing?.sample).toHaveLength(1000);
    expect(driftReference({ missing: normal(1, 5000) }, 3)).toEqual(a);
  });
});
