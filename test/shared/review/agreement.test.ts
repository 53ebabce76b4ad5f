import { describe, expect, it } from 'vitest';
import {
  cohensKappa,
  confusionMatrix,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  temporalIoU,
} from '../../../shared/review/agreement';

function repeat<T>(pairs: [T, T, number][]): [T[], T[]] {
  const a: T[] = [];
  const b: T[] = [];
  for (const [x, y, n] of pairs) {
    for (let i = 0; i < n; i++) {
      a.push(x);
      b.push(y);
    }
  }
  return [a, b];
}

/** Ratings of items from a table of counts per category (Fleiss' layout). */
function fromCounts(rows: number[][], categories: string[]): string[][] {
  return rows.map((row) => row.flatMap((k, j) => Array<string>(k).fill(categories[j] as string)));
}

describe("Cohen's kappa", () => {
  it('gives 0.4 on the textbook table (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    const [a, b] = repeat<string>([
      ['yes', 'yes', 20],
      ['yes', 'no', 5],
      ['no', 'yes', 10],
      ['no', 'no', 15],
    ]);
    expect(cohensKappa(a, b).value).toBeCloseTo(0.4, 10);
    expect(percentAgreement(a, b).value).toBeCloseTo(0.7, 10);
  });

  it('is 1 for perfect agreement and can be negative below chance', () => {
    expect(cohensKappa(['a', 'b', 'a'], ['a', 'b', 'a']).value).toBe(1);
    expect(cohensKappa(['a', 'b'], ['b', 'a']).value).toBeLessThan(0);
  });

  it('is undefined, with the reason, when both use one category only', () => {
    const k = cohensKappa(['fall', 'fall'], ['fall', 'fall']);
    expect(k.value).toBeNull();
    expect(k.note).toMatch(/one and the same category/);
  });

  it('leaves out items one annotator did not label, and says when none overlap', () => {
    expect(cohensKappa(['a', null, 'b'], ['a', 'b', 'b']).value).toBe(1);
    const none = cohensKappa(['a', null], [null, 'b']);
    expect(none.value).toBeNull();
    expect(none.note).toMatch(/no item was labelled by both/);
    expect(percentAgreement(['a'], [null]).value).toBeNull();
  });
});

describe("Fleiss' kappa", () => {
  it('gives 0.210 on the textbook example (10 subjects, 14 raters, 5 categories)', () => {
    const rows = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const k = fleissKappa(fromCounts(rows, ['1', '2', '3', '4', '5']));
    expect(k.value).toBeCloseTo(0.21, 3);
  });

  it("equals Cohen's kappa's sibling, Scott's pi, for two raters: 1 for agreement", () => {
    expect(
      fleissKappa([
        ['a', 'a'],
        ['b', 'b'],
        ['a', 'a'],
      ]).value,
    ).toBe(1);
  });

  it('is undefined with one category', () => {
    expect(
      fleissKappa([
        ['a', 'a'],
        ['a', 'a'],
      ]).value,
    ).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("gives 0.743 on Krippendorff's example with missing data (4 coders, 12 units)", () => {
    const _ = null;
    const coders = [
      ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _],
      ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'],
      [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _],
      ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _],
    ];
    const units = coders[0]!.map((_u, i) => coders.map((c) => c[i] ?? null));
    expect(krippendorffAlpha(units).value).toBeCloseTo(0.743, 3);
  });

  it('leaves out units with one rating and is undefined without any pair', () => {
    expect(
      krippendorffAlpha([
        ['a', null],
        [null, 'b'],
      ]).value,
    ).toBeNull();
    expect(
      krippendorffAlpha([
        ['a', 'a'],
        ['b', 'b'],
        ['x', null],
      ]).value,
    ).toBe(1);
  });
});

describe('confusion matrix and temporal IoU', () => {
  it('counts label pairs over items both labelled, categories sorted', () => {
    const m = confusionMatrix(['walk', 'fall', 'fall', null], ['walk', 'walk', 'fall', 'fall']);
    expect(m.categories).toEqual(['fall', 'walk']);
    expect(m.counts).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(m.total).toBe(3);
  });

  it('measures inclusive frame ranges', () => {
    expect(temporalIoU({ start: 0, end: 9 }, { start: 0, end: 9 })).toBe(1);
    expect(temporalIoU({ start: 0, end: 9 }, { start: 5, end: 14 })).toBeCloseTo(5 / 15, 10);
    expect(temporalIoU({ start: 0, end: 4 }, { start: 5, end: 9 })).toBe(0);
  });
});
