/** The timeline's horizontal view: which frame is at the left edge and how many frames a pixel holds. */
export interface View {
  start: number;
  framesPerPx: number;
  width: number;
}

/** At most this many pixels a frame when zoomed all the way in. */
export const MAX_PX_PER_FRAME = 48;

/** Frame f covers [f, f + 1) on the axis: its left edge. */
export function frameToX(view: View, frame: number): number {
  return (frame - view.start) / view.framesPerPx;
}

export function xToFrame(view: View, x: number): number {
  return view.start + x * view.framesPerPx;
}

/** The whole frame under pixel x. */
export function frameAtX(view: View, x: number, frameCount: number): number {
  return Math.min(frameCount - 1, Math.max(0, Math.floor(xToFrame(view, x))));
}

/** The frame boundary nearest to pixel x (where a dragged edge snaps). */
export function boundaryAtX(view: View, x: number, frameCount: number): number {
  return Math.min(frameCount, Math.max(0, Math.round(xToFrame(view, x))));
}

export function maxFramesPerPx(frameCount: number, width: number): number {
  return Math.max(frameCount / Math.max(1, width), 1 / MAX_PX_PER_FRAME);
}

export function clampView(view: View, frameCount: number): View {
  const framesPerPx = Math.min(
    maxFramesPerPx(frameCount, view.width),
    Math.max(1 / MAX_PX_PER_FRAME, view.framesPerPx),
  );
  const span = view.width * framesPerPx;
  const start = Math.min(Math.max(0, frameCount - span), Math.max(0, view.start));
  return { start, framesPerPx, width: view.width };
}

export function fitView(frameCount: number, width: number): View {
  return clampView({ start: 0, framesPerPx: maxFramesPerPx(frameCount, width), width }, frameCount);
}

/** Zooms by `factor` (>1: in) keeping `anchorFrame` where it is on screen. */
export function zoomAround(view: View, factor: number, anchorFrame: number, frameCount: number): View {
  const x = frameToX(view, anchorFrame);
  const framesPerPx = view.framesPerPx / factor;
  return clampView({ start: anchorFrame - x * framesPerPx, framesPerPx, width: view.width }, frameCount);
}

/** A view that shows `frame`, paging so that it lands near the left edge when it was off screen. */
export function ensureVisible(view: View, frame: number, frameCount: number): View {
  const span = view.width * view.framesPerPx;
  if (frame >= view.start && frame + 1 <= view.start + span) return view;
  return clampView({ ...view, start: frame - span * 0.1 }, frameCount);
}

const TICK_STEPS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000];

/** Frames between labelled ticks so that labels stand at least `minPx` apart. */
export function tickStep(view: View, minPx = 70): number {
  for (const step of TICK_STEPS) if (step / view.framesPerPx >= minPx) return step;
  return TICK_STEPS[TICK_STEPS.length - 1] as number;
}
