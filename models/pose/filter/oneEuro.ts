/**
 * The One Euro filter (Casiez, Roussel, Vogel 2012), as MediaPipe and pose-detection apply it to landmarks:
 * a low-pass filter whose cutoff rises with the speed of the signal, so slow jitter is smoothed and fast
 * movement is followed without lag.
 */
export interface OneEuroParams {
  /** Cutoff at rest, Hz. */
  minCutoffHz: number;
  /** How much the cutoff rises with speed (per unit of scaled speed). */
  beta: number;
  /** Cutoff of the speed estimate, Hz. */
  derivateCutoffHz: number;
}

function alpha(cutoffHz: number, dtSec: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtSec);
}

/** One scalar signal. */
export class OneEuroFilter {
  private x: number | null = null;
  private dx = 0;
  private t: number | null = null;

  constructor(private readonly params: OneEuroParams) {}

  /** Filters `value` at `tSec`; `valueScale` divides the speed (e.g. 1 / the person's size). */
  apply(value: number, tSec: number, valueScale = 1): number {
    if (this.x === null || this.t === null) {
      this.x = value;
      this.t = tSec;
      return value;
    }
    // A time that does not move forward carries no speed: the value passes as it is.
    if (tSec <= this.t) return value;
    const dt = tSec - this.t;
    const rawSpeed = ((value - this.x) / dt) * valueScale;
    this.dx = this.dx + alpha(this.params.derivateCutoffHz, dt) * (rawSpeed - this.dx);
    const cutoff = this.params.minCutoffHz + this.params.beta * Math.abs(this.dx);
    this.x = this.x + alpha(cutoff, dt) * (value - this.x);
    this.t = tSec;
    return this.x;
  }

  reset(): void {
    this.x = null;
    this.dx = 0;
    this.t = null;
  }
}

/**
 * Filters a tube's keypoints over time. `values` is T×K×stride, `channels` the first channels of each
 * keypoint to filter (x, y, z: 3); frames where `present` is 0 are left as they are and restart the filter.
 * `scaleOf(t)` gives the speed scale at frame t. Returns a new array; the input is kept as it is (raw).
 */
export function filterKeypointSeries(
  values: Float32Array,
  present: Uint8Array,
  timesSec: ArrayLike<number>,
  keypointCount: number,
  stride: number,
  channels: number,
  params: OneEuroParams,
  scaleOf: (t: number) => number = () => 1,
): Float32Array {
  const out = new Float32Array(values);
  const frames = present.length;
  const filters: OneEuroFilter[] = [];
  for (let i = 0; i < keypointCount * channels; i++) filters.push(new OneEuroFilter(params));
  for (let t = 0; t < frames; t++) {
    if (present[t] !== 1) {
      for (const f of filters) f.reset();
      continue;
    }
    const time = timesSec[t] as number;
    const scale = scaleOf(t);
    for (let k = 0; k < keypointCount; k++) {
      for (let c = 0; c < channels; c++) {
        const at = (t * keypointCount + k) * stride + c;
        out[at] = (filters[k * channels + c] as OneEuroFilter).apply(values[at] as number, time, scale);
      }
    }
  }
  return out;
}
