/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32): the same seed gives the same
 * numbers on every machine and in every JavaScript engine. For splits, shuffles, augmentation and weight
 * initialisation of the situation classifier; never for anything secret. Its sequence is part of every trained
 * model (the same seed trains the same weights), so it stays apart from `shared/util/prng.ts` (the export's
 * splits, mulberry32 over text seeds): neither can change algorithm without changing the other's results.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A standard normal number (Box–Muller). */
  normal(): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A new generator whose sequence is independent of this one's (for a sub-task). */
  fork(label: string): SeededRandom;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A 32-bit hash of a string (FNV-1a), to turn labels into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function createSeededRandom(seed: number): SeededRandom {
  const init = splitmix32(Math.floor(seed) >>> 0);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const raw = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) raw();
  let spare: number | null = null;
  const next = () => raw() / 4294967296;
  const prng: SeededRandom = {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = tmp;
      }
      return items;
    },
    fork: (label) => createSeededRandom((raw() ^ hashString(label)) >>> 0),
  };
  return prng;
}
