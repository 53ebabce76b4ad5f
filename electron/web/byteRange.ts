/** What to send for a GET or HEAD of a file of `size` bytes with an optional `Range` header. */
export type RangePlan =
  { status: 200; start: number; end: number } | { status: 206; start: number; end: number } | { status: 416 };

/**
 * One `bytes=` range, as media elements ask for them (`bytes=0-`, `bytes=100-199`, `bytes=-500`).
 * Several ranges at once are answered with the whole file, which RFC 9110 allows.
 */
export function planRange(size: number, header: string | null | undefined): RangePlan {
  const whole = { status: 200 as const, start: 0, end: size - 1 };
  if (!header) return whole;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return header.includes(',') ? whole : { status: 416 };
  const [, a, b] = m;
  if (a === '' && b === '') return { status: 416 };
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return { status: 416 };
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || start > end) {
    return { status: 416 };
  }
  return { status: 206, start, end };
}

export function rangeHeaders(plan: RangePlan, size: number, contentType: string): Record<string, string> {
  const base: Record<string, string> = { 'Accept-Ranges': 'bytes', 'Content-Type': contentType };
  switch (plan.status) {
    case 200:
      return { ...base, 'Content-Length': String(size) };
    case 206:
      return {
        ...base,
        'Content-Length': String(plan.end - plan.start + 1),
        'Content-Range': `bytes ${plan.start}-${plan.end}/${size}`,
      };
    case 416:
      return { ...base, 'Content-Range': `bytes */${size}` };
  }
}
