/**
 * Calibration of a classifier's confidence: a reliability diagram (accuracy against confidence, in equal
 * bins of confidence) and the expected calibration error (ECE). Pure maths, for the trainer and the app.
 */

export interface ReliabilityBin {
  /** Confidence range of the bin, [lo, hi) (the last bin includes 1). */
  lo: number;
  hi: number;
  /** Predictions whose top confidence falls in the bin. */
  count: number;
  /** Mean top confidence of those, 0–1 (the bin's centre where empty). */
  confidence: number;
  /** Fraction of those that were correct, 0–1 (0 where empty). */
  accuracy: number;
}

export interface Calibration {
  bins: ReliabilityBin[];
  /** Expected calibration error: Σ (bin count / N) · |accuracy − confidence|, 0–1. */
  ece: number;
  /** Largest |accuracy − confidence| over non-empty bins, 0–1. */
  mce: number;
}

/** `confidence[i]`: the top class's probability of prediction i; `correct[i]`: whether it was right. */
export function calibration(
  confidence: readonly number[],
  correct: readonly boolean[],
  binCount = 10,
): Calibration {
  if (confidence.length !== correct.length) {
    throw new Error(`calibration: ${confidence.length} confidences but ${correct.length} outcomes.`);
  }
  if (!Number.isInteger(binCount) || binCount < 1) throw new Error(`calibration: ${binCount} bins.`);
  const sums = new Array<number>(binCount).fill(0);
  const hits = new Array<number>(binCount).fill(0);
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < confidence.length; i++) {
    const c = Math.min(1, Math.max(0, confidence[i] as number));
    const b = Math.min(binCount - 1, Math.floor(c * binCount));
    sums[b] = (sums[b] as number) + c;
    counts[b] = (counts[b] as number) + 1;
    if (correct[i]) hits[b] = (hits[b] as number) + 1;
  }
  const n = confidence.length;
  let ece = 0;
  let mce = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const count = counts[b] as number;
    const conf = count > 0 ? (sums[b] as number) / count : (b + 0.5) / binCount;
    const acc = count > 0 ? (hits[b] as number) / count : 0;
    if (count > 0) {
      const gap = Math.abs(acc - conf);
      ece += (count / n) * gap;
      mce = Math.max(mce, gap);
    }
    bins.push({ lo: b / binCount, hi: (b + 1) / binCount, count, confidence: conf, accuracy: acc });
  }
  return { bins, ece, mce };
}
