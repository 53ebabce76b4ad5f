import type { SliceCreator } from './types';

export interface PlayerState {
  /** The frame on screen now (as requestVideoFrameCallback reports it). */
  frame: number;
  /** The frame asked for and not yet on screen; null when the screen shows what was asked. */
  targetFrame: number | null;
  playing: boolean;
  /** Playback rate, 0.25 to 4; negative while shuttling backwards. */
  rate: number;
  mediaState: 'none' | 'loading' | 'ready' | 'error';
  mediaError: string | null;
}

export interface PlayerSlice extends PlayerState {
  setPlayerState(patch: Partial<PlayerState>): void;
}

export const initialPlayerState: PlayerState = {
  frame: 0,
  targetFrame: null,
  playing: false,
  rate: 1,
  mediaState: 'none',
  mediaError: null,
};

export const createPlayerSlice: SliceCreator<PlayerSlice> = () => (set) => ({
  ...initialPlayerState,
  setPlayerState: (patch) => set(patch),
});
