/**
 * Inter-annotator agreement on categorical labels. Items are what was labelled (matched tubes, or
 * frames); each item has one label per annotator, or null where that annotator gave none.
 * Formulas as in Cohen (1960), Fleiss (1971) and Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability" (2011), nominal metric.
 */

/** A measure with the reason where it cannot be computed (e.g. one category only: kappa is undefined). */
export type Measure = { value: number; note?: undefined } | { value: null; note: string };

function measure(value: number, note: string): Measure {
  return Number.isFinite(value) ? { value } : { value: null, note };
}

/** The share of items (labelled by both) on which two annotators agree. */
export function percentAgreement(a: readonly (string | null)[], b: readonly (string | null)[]): Measure {
  let n = 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    n++;
    if (x === y) same++;
  }
  return n === 0 ? { value: null, note: 'no item was labelled by both' } : { value: same / n };
}

export interface ConfusionMatrix {
  /** Row and column categories, sorted. */
  categories: string[];
  /** counts[i][j]: items labelled categories[i] by the first annotator and categories[j] by the second. */
  counts: number[][];
  total: number;
}

/** Counts of label pairs over items labelled by both annotators. */
export function confusionMatrix(
  a: readonly (string | null)[],
  b: readonly (string | null)[],
  categories?: readonly string[],
): ConfusionMatrix {
  const cats = [
    ...new Set([
      ...(categories ?? []),
      ...a.filter((x): x is string => x !== null),
      ...b.filter((x): x is string => x !== null),
    ]),
  ].sort();
  const index = new Map(cats.map((c, i) => [c, i]));
  const counts = cats.map(() => cats.map(() => 0));
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    const row = counts[index.get(x) as number] as number[];
    const col = index.get(y) as number;
    row[col] = (row[col] as number) + 1;
    total++;
  }
  return { categories: cats, counts, total };
}

/** Cohen's kappa for two annotators: (po − pe) / (1 − pe) over items both labelled. */
export function cohensKappa(a: readonly (string | null)[], b: readonly (string | null)[]): Measure {
  const m = confusionMatrix(a, b);
  if (m.total === 0) return { value: null, note: 'no item was labelled by both' };
  const n = m.total;
  let po = 0;
  let pe = 0;
  for (let i = 0; i < m.categories.length; i++) {
    const row = m.counts[i] as number[];
    po += (row[i] as number) / n;
    const rowSum = row.reduce((s, v) => s + v, 0);
    const colSum = m.counts.reduce((s, r) => s + (r[i] as number), 0);
    pe += (rowSum / n) * (colSum / n);
  }
  if (pe === 1)
    return { value: null, note: 'both annotators used one and the same category only: kappa is undefined' };
  return measure((po - pe) / (1 - pe), 'kappa is undefined');
}

/**
 * Fleiss' kappa for any number of annotators, each item rated by the same number of annotators
 * (items with another number of ratings are left out).
 */
export function fleissKappa(ratings: readonly (readonly (string | null)[])[]): Measure {
  const perItem = ratings.map((r) => r.filter((x): x is string => x !== null));
  const n = Math.max(0, ...perItem.map((r) => r.length));
  const items = perItem.filter((r) => r.length === n);
  if (items.length === 0 || n < 2) return { value: null, note: 'fewer than two ratings an item' };
  const cats = [...new Set(items.flat())].sort();
  const N = items.length;
  const pj = new Map(cats.map((c) => [c, 0]));
  let Pbar = 0;
  for (const r of items) {
    const counts = new Map<string, number>();
    for (const c of r) counts.set(c, (counts.get(c) ?? 0) + 1);
    let s = 0;
    for (const [c, k] of counts) {
      s += k * (k - 1);
      pj.set(c, (pj.get(c) ?? 0) + k);
    }
    Pbar += s / (n * (n - 1));
  }
  Pbar /= N;
  let Pe = 0;
  for (const v of pj.values()) Pe += (v / (N * n)) ** 2;
  if (Pe === 1) return { value: null, note: 'one category only: kappa is undefined' };
  return measure((Pbar - Pe) / (1 - Pe), 'kappa is undefined');
}

/**
 * Krippendorff's alpha, nominal: any number of annotators, missing ratings allowed; items with fewer
 * than two ratings carry no information and are left out.
 */
export function krippendorffAlpha(ratings: readonly (readonly (string | null)[])[]): Measure {
  // Coincidence matrix o[c][k]
  const units = ratings.map((r) => r.filter((x): x is string => x !== null)).filter((r) => r.length >= 2);
  if (units.length === 0) return { value: null, note: 'no item has two ratings' };
  const cats = [...new Set(units.flat())].sort();
  const idx = new Map(cats.map((c, i) => [c, i]));
  const o = cats.map(() => cats.map(() => 0));
  for (const u of units) {
    const m = u.length;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const row = o[idx.get(u[i] as string) as number] as number[];
        const col = idx.get(u[j] as string) as number;
        row[col] = (row[col] as number) + 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, v) => s + v, 0));
  const n = nc.reduce((s, v) => s + v, 0);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < cats.length; c++) {
    for (let k = 0; k < cats.length; k++) {
      if (c === k) continue;
      observed += (o[c] as number[])[k] as number;
      expected += ((nc[c] as number) * (nc[k] as number)) / (n - 1);
    }
  }
  if (expected === 0) return { value: null, note: 'one category only: alpha is undefined' };
  return measure(1 - observed / expected, 'alpha is undefined');
}

/** Intersection over union of two inclusive frame ranges. */
export function temporalIoU(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start) + 1);
  const union = a.end - a.start + 1 + (b.end - b.start + 1) - inter;
  return union > 0 ? inter / union : 0;
}
