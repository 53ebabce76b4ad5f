import type { SliceCreator } from './types';

export interface SelectionState {
  selectedActorId: string | null;
  selectedSegmentId: string | null;
  /** Where the next segment starts (I), until O makes it. */
  markIn: number | null;
}

export interface SelectionSlice extends SelectionState {
  selectActor(actorId: string | null): void;
  /** Selects a segment and its person. */
  selectSegment(segmentId: string | null): void;
  setMarkIn(frame: number | null): void;
}

export const initialSelectionState: SelectionState = {
  selectedActorId: null,
  selectedSegmentId: null,
  markIn: null,
};

export const createSelectionSlice: SliceCreator<SelectionSlice> = () => (set, get) => ({
  ...initialSelectionState,
  selectActor(actorId) {
    const seg = get().selectedSegmentId ? get().segments[get().selectedSegmentId ?? ''] : undefined;
    set({
      selectedActorId: actorId,
      // A segment of another person is no longer what the keys act on.
      selectedSegmentId: seg && seg.actorId === actorId ? seg.id : null,
    });
  },
  selectSegment(segmentId) {
    if (segmentId === null) {
      set({ selectedSegmentId: null });
      return;
    }
    const seg = get().segments[segmentId];
    if (!seg) return;
    set({ selectedSegmentId: segmentId, selectedActorId: seg.actorId });
  },
  setMarkIn: (frame) => set({ markIn: frame }),
});
