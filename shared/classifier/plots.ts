/** Pure helpers for the classifier's plots (curves, confusion matrix, reliability, timelines). */

export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** A linear map from `domain` to `range`; a domain of one value maps to the range's middle. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const f = ((v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0))) as Scale;
  return Object.assign(f, { domain, range });
}

/** An SVG path through points (null values break the line). */
export function linePath(points: readonly { x: number; y: number | null }[], x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** The extent of values, ignoring null and non-finite ones; [0, 1] where there is none. */
export function extent(values: readonly (number | null)[]): [number, number] {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length === 0 ? [0, 1] : [Math.min(...v), Math.max(...v)];
}

/** Each row of a confusion matrix divided by its sum (a row of zeros stays zeros). */
export function rowFractions(confusion: readonly (readonly number[])[]): number[][] {
  return confusion.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((n) => (sum > 0 ? n / sum : 0));
  });
}

/** Round tick values for an axis over [lo, hi]: about `count` of them, at 1, 2 or 5 × a power of ten. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}
