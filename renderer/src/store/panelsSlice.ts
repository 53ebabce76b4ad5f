import type { SliceCreator } from './types';

/** The one dialog open over the workspace (they take the keyboard while open). */
export type Panel = 'none' | 'labelPicker' | 'help' | 'settings';

export interface PanelsState {
  panel: Panel;
}

export interface PanelsSlice extends PanelsState {
  openPanel(panel: Panel): void;
  closePanel(): void;
}

export const initialPanelsState: PanelsState = { panel: 'none' };

export const createPanelsSlice: SliceCreator<PanelsSlice> = () => (set) => ({
  ...initialPanelsState,
  openPanel: (panel) => set({ panel }),
  closePanel: () => set({ panel: 'none' }),
});
