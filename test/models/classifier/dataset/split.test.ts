import { describe, expect, it } from 'vitest';
import { stratifiedGroupSplit } from '../../../../models/classifier/dataset/split';
import type { SplitItem } from '../../../../models/classifier/dataset/split';
import { createSeededRandom } from '../../../../shared/classifier/seededRandom';

/** 30 recordings, each holding one or two of 3 classes, several items (tracks) each. */
function items(seed: number): SplitItem[] {
  const p = createSeededRandom(seed);
  const out: SplitItem[] = [];
  for (let g = 0; g < 30; g++) {
    const tracks = 1 + p.int(3);
    for (let t = 0; t < tracks; t++) {
      const counts = [0, 0, 0];
      counts[g % 3] = 50 + p.int(50);
      if (g % 5 === 0) counts[(g + 1) % 3] = 20;
      out.push({ group: `rec-${g}`, classCounts: counts });
    }
  }
  return out;
}

const fractions = { train: 0.6, validation: 0.2, test: 0.2 };

describe('stratified group split', () => {
  it('never puts one group in two splits', () => {
    const list = items(1);
    const plan = stratifiedGroupSplit(list, 3, fractions, 7);
    const seen = new Map<string, string>();
    list.forEach((it, i) => {
      const s = plan.items[i] as string;
      expect(seen.get(it.group) ?? s, it.group).toBe(s);
      seen.set(it.group, s);
    });
    expect(plan.groupCounts.train + plan.groupCounts.validation + plan.groupCounts.test).toBe(30);
  });

  it('is the same for the same seed, and may differ for another', () => {
    const list = items(2);
    expect(stratifiedGroupSplit(list, 3, fractions, 11).items).toEqual(
      stratifiedGroupSplit(list, 3, fractions, 11).items,
    );
    const others = [12, 13, 14, 15].map((s) => stratifiedGroupSplit(list, 3, fractions, s).items.join());
    expect(others.some((o) => o !== stratifiedGroupSplit(list, 3, fractions, 11).items.join())).toBe(true);
  });

  it('keeps each class near its share in every split', () => {
    const list = items(3);
    const plan = stratifiedGroupSplit(list, 3, fractions, 1);
    for (let k = 0; k < 3; k++) {
      const total = plan.counts.train[k]! + plan.counts.validation[k]! + plan.counts.test[k]!;
      expect(plan.counts.train[k]! / total).toBeGreaterThan(0.45);
      expect(plan.counts.test[k]! / total).toBeGreaterThan(0.1);
      expect(plan.counts.validation[k]! / total).toBeGreaterThan(0.1);
    }
    expect(plan.warnings).toEqual([]);
  });

  it('puts a class held by three groups in every split', () => {
    const list: SplitItem[] = [
      ...Array.from({ length: 12 }, (_, g) => ({ group: `common-${g}`, classCounts: [100, 0] })),
      { group: 'rare-a', classCounts: [10, 30] },
      { group: 'rare-b', classCounts: [0, 25] },
      { group: 'rare-c', classCounts: [0, 20] },
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = stratifiedGroupSplit(list, 2, fractions, seed);
      expect(plan.counts.train[1], `seed ${seed}`).toBeGreaterThan(0);
      expect(plan.counts.validation[1], `seed ${seed}`).toBeGreaterThan(0);
      expect(plan.counts.test[1], `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('says where a class cannot be measured, and when there are too few groups', () => {
    const plan = stratifiedGroupSplit(
      [
        { group: 'a', classCounts: [10, 0] },
        { group: 'b', classCounts: [0, 10] },
      ],
      2,
      fractions,
      1,
      ['walking', 'fall'],
    );
    expect(plan.warnings[0]).toBe(
      'Only 2 recording groups: there cannot be separate train, validation and test splits.',
    );
    expect(plan.warnings.some((w) => /"fall" is in no (test|validation|training) recording/.test(w))).toBe(
      true,
    );
  });
});
