import { createSeededRandom } from '../../../shared/classifier/seededRandom';
import type { SplitName } from '../types';

export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/** Something to split (a track), the group it must stay with, and how much of each class it holds. */
export interface SplitItem {
  group: string;
  classCounts: readonly number[];
}

export interface SplitPlan {
  /** Split of each group. */
  groups: Map<string, SplitName>;
  /** Split of each item, in the items' order. */
  items: SplitName[];
  /** Amount of each class in each split. */
  counts: Record<SplitName, number[]>;
  /** Groups in each split. */
  groupCounts: Record<SplitName, number>;
  warnings: string[];
}

/**
 * Splits groups (never items of one group apart) into train, validation and test, stratified by class: the
 * groups are taken from those holding the largest share of some class to the smallest (ties in a seeded
 * random order), each into the split whose class amounts it brings nearest their targets (the fractions of
 * each class's total). Validation and test each get a group where there are three or more.
 */
export function stratifiedGroupSplit(
  items: readonly SplitItem[],
  classCount: number,
  fractions: SplitFractions,
  seed: number,
  classNames: readonly string[] = [],
): SplitPlan {
  const sumF = fractions.train + fractions.validation + fractions.test;
  if (!(sumF > 0) || SPLIT_NAMES.some((s) => fractions[s] < 0)) {
    throw new Error(`Split fractions must be positive (got ${JSON.stringify(fractions)}).`);
  }
  const frac: Record<SplitName, number> = {
    train: fractions.train / sumF,
    validation: fractions.validation / sumF,
    test: fractions.test / sumF,
  };
  const byGroup = new Map<string, number[]>();
  for (const it of items) {
    const acc = byGroup.get(it.group) ?? new Array<number>(classCount).fill(0);
    it.classCounts.forEach((n, c) => {
      if (c < classCount) acc[c] = (acc[c] as number) + n;
    });
    byGroup.set(it.group, acc);
  }
  const totals = new Array<number>(classCount).fill(0);
  for (const counts of byGroup.values()) counts.forEach((n, c) => (totals[c] = (totals[c] as number) + n));
  const grandTotal = totals.reduce((a, b) => a + b, 0);

  // Seeded order first (sorted names, then shuffled), then by the largest share of a class, descending.
  const prng = createSeededRandom(seed).fork('split');
  const names = prng.shuffle([...byGroup.keys()].sort());
  const share = (g: string) =>
    Math.max(
      ...(byGroup.get(g) as number[]).map((n, c) =>
        (totals[c] as number) > 0 ? n / (totals[c] as number) : 0,
      ),
    );
  const order = names.map((g, i) => ({ g, i, s: share(g) })).sort((a, b) => b.s - a.s || a.i - b.i);

  const counts: Record<SplitName, number[]> = {
    train: new Array<number>(classCount).fill(0),
    validation: new Array<number>(classCount).fill(0),
    test: new Array<number>(classCount).fill(0),
  };
  const groupCounts: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  const groups = new Map<string, SplitName>();

  /** How far the splits' class amounts are from their targets (relative to each class's total). */
  const cost = (c: Record<SplitName, number[]>): number => {
    let x = 0;
    for (const s of SPLIT_NAMES) {
      let size = 0;
      for (let k = 0; k < classCount; k++) {
        const total = totals[k] as number;
        const have = (c[s] as number[])[k] as number;
        size += have;
        if (total > 0) x += ((have - frac[s] * total) / total) ** 2;
      }
      if (grandTotal > 0) x += ((size - frac[s] * grandTotal) / grandTotal) ** 2;
    }
    return x;
  };
  const withGroup = (s: SplitName, g: number[], sign: 1 | -1): Record<SplitName, number[]> => ({
    ...counts,
    [s]: (counts[s] as number[]).map((n, k) => n + sign * (g[k] as number)),
  });

  for (const { g } of order) {
    const gc = byGroup.get(g) as number[];
    let best: SplitName = 'train';
    let bestCost = Number.POSITIVE_INFINITY;
    for (const s of SPLIT_NAMES) {
      if (frac[s] === 0) continue;
      const c = cost(withGroup(s, gc, 1));
      if (c < bestCost - 1e-12) {
        best = s;
        bestCost = c;
      }
    }
    counts[best] = withGroup(best, gc, 1)[best] as number[];
    groupCounts[best]++;
    groups.set(g, best);
  }

  // Validation and test need a group each where there are enough: take the move that costs least.
  for (const need of ['test', 'validation'] as const) {
    if (groupCounts[need] > 0 || frac[need] === 0 || byGroup.size < 3) continue;
    let move: { g: string; from: SplitName; c: number } | null = null;
    for (const [g, from] of groups) {
      if (from === need || groupCounts[from] < 2) continue;
      const gc = byGroup.get(g) as number[];
      const trial = { ...counts };
      trial[from] = (counts[from] as number[]).map((n, k) => n - (gc[k] as number));
      trial[need] = (counts[need] as number[]).map((n, k) => n + (gc[k] as number));
      const c = cost(trial);
      if (!move || c < move.c) move = { g, from, c };
    }
    if (move) {
      const gc = byGroup.get(move.g) as number[];
      counts[move.from] = (counts[move.from] as number[]).map((n, k) => n - (gc[k] as number));
      counts[need] = (counts[need] as number[]).map((n, k) => n + (gc[k] as number));
      groupCounts[move.from]--;
      groupCounts[need]++;
      groups.set(move.g, need);
    }
  }

  // A class held by three or more groups should be in every split: move one of its groups, from a split
  // that keeps another, where a split lacks it (the move that costs least).
  for (let k = 0; k < classCount; k++) {
    const holders = [...byGroup.entries()].filter(([, c]) => (c[k] as number) > 0).map(([g]) => g);
    if (holders.length < 3) continue;
    for (const need of ['test', 'validation', 'train'] as const) {
      if (frac[need] === 0 || ((counts[need] as number[])[k] as number) > 0) continue;
      let move: { g: string; from: SplitName; c: number } | null = null;
      for (const g of holders) {
        const from = groups.get(g) as SplitName;
        if (from === need) continue;
        const othersThere = holders.filter((h) => h !== g && groups.get(h) === from).length;
        if (othersThere === 0 || groupCounts[from] < 2) continue;
        const gc = byGroup.get(g) as number[];
        const trial = { ...counts };
        trial[from] = (counts[from] as number[]).map((n, i) => n - (gc[i] as number));
        trial[need] = (counts[need] as number[]).map((n, i) => n + (gc[i] as number));
        const c = cost(trial);
        if (!move || c < move.c) move = { g, from, c };
      }
      if (move) {
        const gc = byGroup.get(move.g) as number[];
        counts[move.from] = (counts[move.from] as number[]).map((n, i) => n - (gc[i] as number));
        counts[need] = (counts[need] as number[]).map((n, i) => n + (gc[i] as number));
        groupCounts[move.from]--;
        groupCounts[need]++;
        groups.set(move.g, need);
      }
    }
  }

  const warnings: string[] = [];
  if (byGroup.size < 3) {
    warnings.push(
      `Only ${byGroup.size} recording group${byGroup.size === 1 ? '' : 's'}: there cannot be separate train, validation and test splits.`,
    );
  }
  for (let k = 0; k < classCount; k++) {
    if ((totals[k] as number) === 0) continue;
    const name = classNames[k] ?? `class ${k}`;
    for (const s of ['validation', 'test'] as const) {
      if (frac[s] > 0 && ((counts[s] as number[])[k] as number) === 0) {
        warnings.push(`"${name}" is in no ${s} recording: its ${s} metrics cannot be measured.`);
      }
    }
    if (((counts.train as number[])[k] as number) === 0)
      warnings.push(`"${name}" is in no training recording.`);
  }
  return {
    groups,
    items: items.map((it) => groups.get(it.group) as SplitName),
    counts,
    groupCounts,
    warnings,
  };
}
