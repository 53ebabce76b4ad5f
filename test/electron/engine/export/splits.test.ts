import { describe, expect, it } from 'vitest';
import type { SplitItem } from '../../../../electron/engine/export/splits';
import { assignSplits } from '../../../../electron/engine/export/splits';
import { createPrng } from '../../../../shared/util/prng';

const PARTS = [
  { name: 'train', weight: 0.7 },
  { name: 'val', weight: 0.15 },
  { name: 'test', weight: 0.15 },
];

/** 40 recordings with 1–4 tubes each, 3 classes, 25 people of whom some appear in several recordings. */
function items(): SplitItem[] {
  const prng = createPrng('fixture');
  const out: SplitItem[] = [];
  for (let r = 0; r < 40; r++) {
    const n = 1 + prng.int(4);
    for (let i = 0; i < n; i++)
      out.push({ recording: `rec-${r}`, persons: [`person-${prng.int(25)}`], classKey: String(prng.int(3)) });
  }
  return out;
}

function splitsOf(
  list: SplitItem[],
  splitOf: string[],
  key: (it: SplitItem) => string[],
): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  list.forEach((it, i) => {
    for (const k of key(it)) m.set(k, (m.get(k) ?? new Set()).add(splitOf[i] as string));
  });
  return m;
}

describe('dataset splits', () => {
  it('never puts a recording or a person in two splits', () => {
    const list = items();
    const { splitOf } = assignSplits(list, PARTS, 7, true);
    for (const s of splitsOf(list, splitOf, (it) => [it.recording]).values()) expect(s.size).toBe(1);
    for (const s of splitsOf(list, splitOf, (it) => [...it.persons]).values()) expect(s.size).toBe(1);
  });

  it('gives the same splits for the same seed, whatever the order of the items, and others for another seed', () => {
    const list = items();
    const a = assignSplits(list, PARTS, 42, true).splitOf;
    const b = assignSplits(list, PARTS, 42, true).splitOf;
    expect(b).toEqual(a);
    const reversed = [...list].reverse();
    const c = assignSplits(reversed, PARTS, 42, true).splitOf.reverse();
    expect(c).toEqual(a);
    // Recordings alone (no shared people) leave room for chance: some seed moves something.
    const free = list.map((it) => ({ ...it, persons: [] }));
    const base = assignSplits(free, PARTS, 0, true).splitOf;
    const others = [1, 2, 3, 4, 5].map((seed) => assignSplits(free, PARTS, seed, true).splitOf);
    expect(others.some((o) => o.join() !== base.join())).toBe(true);
  });

  it('deals whole recordings close to the shares, and keeps every class in every split where it can', () => {
    const list = items().map((it) => ({ ...it, persons: [] }));
    const { splitOf } = assignSplits(list, PARTS, 3, true);
    const n = list.length;
    const count = (s: string, cls?: string) =>
      list.filter((it, i) => splitOf[i] === s && (cls === undefined || it.classKey === cls)).length;
    expect(count('train') / n).toBeGreaterThan(0.6);
    expect(count('train') / n).toBeLessThan(0.8);
    for (const s of ['val', 'test']) {
      expect(count(s) / n).toBeGreaterThan(0.08);
      expect(count(s) / n).toBeLessThan(0.22);
      for (const cls of ['0', '1', '2']) expect(count(s, cls)).toBeGreaterThan(0);
    }
  });

  it('says so where the groups are too few for every split', () => {
    const list: SplitItem[] = [
      { recording: 'a', persons: ['same'], classKey: '0' },
      { recording: 'b', persons: ['same'], classKey: '1' },
    ];
    const r = assignSplits(list, PARTS, 0, true);
    expect(new Set(r.splitOf)).toEqual(new Set(['train']));
    expect(r.groups).toEqual([{ recordings: ['a', 'b'], items: 2 }]);
    expect(r.notes.join(' ')).toMatch(/"val" is empty/);
  });

  it('leaves a split with no weight empty', () => {
    const list = items().map((it) => ({ ...it, persons: [] }));
    const r = assignSplits(
      list,
      [
        { name: 'train', weight: 1 },
        { name: 'spare', weight: 0 },
      ],
      0,
      false,
    );
    expect(r.splitOf.every((s) => s === 'train')).toBe(true);
  });
});
