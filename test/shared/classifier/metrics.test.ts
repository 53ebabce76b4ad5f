import { describe, expect, it } from 'vitest';
import {
  argmax,
  classificationMetrics,
  confusionMatrix,
  metricsFromConfusion,
} from '../../../shared/classifier/metrics';

describe('classification metrics', () => {
  // Worked by hand: 3 classes, 10 windows.
  //   truth     0 0 0 0 1 1 1 2 2 2
  //   predicted 0 0 1 2 1 1 0 2 2 1
  const truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
  const predicted = [0, 0, 1, 2, 1, 1, 0, 2, 2, 1];

  it('counts the confusion matrix with true classes as rows', () => {
    expect(confusionMatrix(truth, predicted, 3)).toEqual([
      [2, 1, 1],
      [1, 2, 0],
      [0, 1, 2],
    ]);
  });

  it('gives the hand-computed accuracy, per-class precision, recall and F1, macro-F1 and mean class accuracy', () => {
    const m = classificationMetrics(truth, predicted, 3);
    expect(m.accuracy).toBeCloseTo(6 / 10, 12);
    // class 0: tp 2, predicted 3, support 4 → P 2/3, R 1/2, F1 = 2·(2/3)(1/2)/(2/3+1/2) = 4/7
    // class 1: tp 2, predicted 4, support 3 → P 1/2, R 2/3, F1 = 4/7
    // class 2: tp 2, predicted 3, support 3 → P 2/3, R 2/3, F1 = 2/3
    const [c0, c1, c2] = m.perClass;
    expect(c0?.precision).toBeCloseTo(2 / 3, 12);
    expect(c0?.recall).toBeCloseTo(1 / 2, 12);
    expect(c0?.f1).toBeCloseTo(4 / 7, 12);
    expect(c1?.precision).toBeCloseTo(1 / 2, 12);
    expect(c1?.recall).toBeCloseTo(2 / 3, 12);
    expect(c1?.f1).toBeCloseTo(4 / 7, 12);
    expect(c2?.f1).toBeCloseTo(2 / 3, 12);
    expect(m.macroF1).toBeCloseTo((4 / 7 + 4 / 7 + 2 / 3) / 3, 12);
    expect(m.meanClassAccuracy).toBeCloseTo((1 / 2 + 2 / 3 + 2 / 3) / 3, 12);
    expect(m.perClass.map((c) => [c.support, c.predicted])).toEqual([
      [4, 3],
      [3, 4],
      [3, 3],
    ]);
    expect(m.count).toBe(10);
  });

  it('leaves a class absent from the truth out of the macro averages, and scores what nobody predicted as 0', () => {
    const m = metricsFromConfusion([
      [3, 0, 1],
      [0, 0, 0],
      [2, 0, 0],
    ]);
    expect(m.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
    // class 0: P 3/5, R 3/4, F1 2/3; class 2: P 0 (1 predicted, wrong), R 0, F1 0.
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(m.meanClassAccuracy).toBeCloseTo((3 / 4 + 0) / 2, 12);
  });

  it('refuses labels outside the classes and lists of different lengths', () => {
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow(/true class 3 of 3/);
    expect(() => confusionMatrix([0], [0, 1], 3)).toThrow(/1 true labels but 2 predictions/);
  });

  it('takes the first of equal largest values as the top class', () => {
    expect(argmax([0.2, 0.5, 0.5, 0.1])).toBe(1);
    expect(argmax(new Float32Array([0.9]))).toBe(0);
  });
});
