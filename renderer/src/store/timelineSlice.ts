import type { SliceCreator } from './types';

export interface TimelineState {
  /** Frame at the left edge of the timeline (fractional while zoomed in). */
  tlStart: number;
  /** Frames per pixel: small when zoomed in. */
  tlFramesPerPx: number;
  /** Width of the timeline's drawing area in CSS pixels (set by the timeline itself). */
  tlWidth: number;
}

export interface TimelineSlice extends TimelineState {
  setTimelineView(view: Partial<TimelineState>): void;
}

export const initialTimelineState: TimelineState = { tlStart: 0, tlFramesPerPx: 1, tlWidth: 800 };

export const createTimelineSlice: SliceCreator<TimelineSlice> = () => (set) => ({
  ...initialTimelineState,
  setTimelineView: (view) => set(view),
});
