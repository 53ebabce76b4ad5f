import { describe, expect, it } from 'vitest';
import { createSeededRandom, hashString } from '../../../shared/classifier/seededRandom';

describe('seeded generator', () => {
  it('gives the same numbers for the same seed, and other numbers for another seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const xs = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(xs);
  });

  it('gives these exact numbers for seed 1 (a change of algorithm changes every trained model)', () => {
    const p = createSeededRandom(1);
    expect(Array.from({ length: 3 }, () => Math.round(p.next() * 1e9))).toMatchInlineSnapshot(`
      [
        425649930,
        790421711,
        691014813,
      ]
    `);
  });

  it('stays in range: floats in [0, 1), whole numbers in [0, n)', () => {
    const p = createSeededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const x = p.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = p.int(5);
      expect(Number.isInteger(k) && k >= 0 && k < 5).toBe(true);
    }
  });

  it('draws normal numbers with mean near 0 and spread near 1', () => {
    const p = createSeededRandom(3);
    const xs = Array.from({ length: 20_000 }, () => p.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('shuffles into a permutation, the same one for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const s1 = createSeededRandom(9).shuffle([...items]);
    expect([...s1].sort((a, b) => a - b)).toEqual(items);
    expect(createSeededRandom(9).shuffle([...items])).toEqual(s1);
    expect(s1).not.toEqual(items);
  });

  it('forks independent generators by label, reproducibly', () => {
    const f1 = createSeededRandom(5).fork('weights');
    const f2 = createSeededRandom(5).fork('weights');
    const g = createSeededRandom(5).fork('split');
    const xs = [f1.next(), f1.next()];
    expect([f2.next(), f2.next()]).toEqual(xs);
    expect([g.next(), g.next()]).not.toEqual(xs);
    expect(hashString('a')).not.toBe(hashString('b'));
  });
});
