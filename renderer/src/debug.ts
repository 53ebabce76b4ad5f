/**
 * Measurements the UI keeps about itself for `npm run bench:ui` (read from the page by the benchmark):
 * small, bounded, and never shown.
 */
interface DebugSamples {
  timelineDrawMs: number[];
}

const MAX_SAMPLES = 5000;

function samples(): DebugSamples {
  const w = window as unknown as { __ameliaDebug?: DebugSamples };
  w.__ameliaDebug ??= { timelineDrawMs: [] };
  return w.__ameliaDebug;
}

export function recordTimelineDraw(ms: number): void {
  const list = samples().timelineDrawMs;
  if (list.length >= MAX_SAMPLES) list.shift();
  list.push(ms);
}
