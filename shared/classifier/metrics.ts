/**
 * Classification metrics from a confusion matrix: pure maths, shared by the trainer (which computes them)
 * and the app (which plots them). Rows of a confusion matrix are the true class, columns the predicted one.
 */

export interface ClassMetrics {
  /** Of the windows predicted as this class, the fraction that are (0 where none was predicted). */
  precision: number;
  /** Of the windows of this class, the fraction predicted as it (0 where there are none). */
  recall: number;
  /** Harmonic mean of precision and recall (0 where both are 0). */
  f1: number;
  /** Windows of this class in the evaluated set. */
  support: number;
  /** Windows predicted as this class. */
  predicted: number;
}

export interface ClassificationMetrics {
  /** Top-1 accuracy: correct predictions over all, 0–1. */
  accuracy: number;
  /** Mean of the recalls of the classes present (support > 0), 0–1 ("balanced accuracy"). */
  meanClassAccuracy: number;
  /** Mean of the F1 of the classes present (support > 0), 0–1. */
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[t][p]: windows of true class t predicted as p. */
  confusion: number[][];
  /** Windows evaluated. */
  count: number;
}

/** The confusion matrix of `k` classes from true and predicted class indices. */
export function confusionMatrix(
  truth: readonly number[],
  predicted: readonly number[],
  k: number,
): number[][] {
  if (truth.length !== predicted.length) {
    throw new Error(`confusionMatrix: ${truth.length} true labels but ${predicted.length} predictions.`);
  }
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    const p = predicted[i] as number;
    if (!Number.isInteger(t) || t < 0 || t >= k) throw new Error(`confusionMatrix: true class ${t} of ${k}.`);
    if (!Number.isInteger(p) || p < 0 || p >= k)
      throw new Error(`confusionMatrix: predicted class ${p} of ${k}.`);
    (m[t] as number[])[p] = ((m[t] as number[])[p] as number) + 1;
  }
  return m;
}

/** Every metric of a confusion matrix. */
export function metricsFromConfusion(confusion: readonly (readonly number[])[]): ClassificationMetrics {
  const k = confusion.length;
  let total = 0;
  let correct = 0;
  const perClass: ClassMetrics[] = [];
  const colSums = new Array<number>(k).fill(0);
  for (let t = 0; t < k; t++) {
    const row = confusion[t] as readonly number[];
    for (let p = 0; p < k; p++) {
      const n = row[p] ?? 0;
      total += n;
      colSums[p] = (colSums[p] as number) + n;
      if (t === p) correct += n;
    }
  }
  for (let c = 0; c < k; c++) {
    const row = confusion[c] as readonly number[];
    const tp = row[c] ?? 0;
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = colSums[c] as number;
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ precision, recall, f1, support, predicted });
  }
  const present = perClass.filter((c) => c.support > 0);
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    accuracy: total > 0 ? correct / total : 0,
    meanClassAccuracy: mean(present.map((c) => c.recall)),
    macroF1: mean(present.map((c) => c.f1)),
    perClass,
    confusion: confusion.map((r) => [...r]),
    count: total,
  };
}

/** Metrics of predictions against the truth, `k` classes. */
export function classificationMetrics(
  truth: readonly number[],
  predicted: readonly number[],
  k: number,
): ClassificationMetrics {
  return metricsFromConfusion(confusionMatrix(truth, predicted, k));
}

/** Index of the largest value (the first, on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}
