import type { ActionId, Keymap } from '../features/workspace/shortcuts/actions';
import { ACTIONS, bindChord, defaultKeymap, parseKeymap } from '../features/workspace/shortcuts/actions';
import { loadStored, saveStored } from './persist';
import type { SliceCreator } from './types';

const KEYMAP_KEY = 'amelia.keymap.v1';
const PREFS_KEY = 'amelia.prefs.v1';

export interface Prefs {
  /** Frames a Shift+arrow step moves. */
  bigStep: number;
  /** Follow the playhead in the timeline while playing. */
  followPlayhead: boolean;
}

const DEFAULT_PREFS: Prefs = { bigStep: 10, followPlayhead: true };

function parsePrefs(v: unknown): Prefs | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const bigStep =
    typeof o.bigStep === 'number' && Number.isInteger(o.bigStep) && o.bigStep >= 2 && o.bigStep <= 1000;
  return {
    bigStep: bigStep ? (o.bigStep as number) : DEFAULT_PREFS.bigStep,
    followPlayhead: typeof o.followPlayhead === 'boolean' ? o.followPlayhead : DEFAULT_PREFS.followPlayhead,
  };
}

export interface SettingsState {
  keymap: Keymap;
  prefs: Prefs;
}

export interface SettingsSlice extends SettingsState {
  /** Binds a chord to an action (replacing its chord at `index`, or adding one); says who lost it. */
  bindKey(action: ActionId, chord: string, index: number | null): ActionId[];
  unbindKey(action: ActionId, index: number): void;
  resetKeymap(): void;
  setPrefs(patch: Partial<Prefs>): void;
}

export function initialSettingsState(): SettingsState {
  return {
    keymap: loadStored(KEYMAP_KEY, parseKeymap) ?? defaultKeymap(),
    prefs: loadStored(PREFS_KEY, parsePrefs) ?? DEFAULT_PREFS,
  };
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = () => (set, get) => ({
  ...initialSettingsState(),
  bindKey(action, chord, index) {
    const { keymap, takenFrom } = bindChord(get().keymap, action, chord, index);
    set({ keymap });
    saveStored(KEYMAP_KEY, keymap);
    return takenFrom.filter((id) => id !== action);
  },
  unbindKey(action, index) {
    const keymap = { ...get().keymap, [action]: get().keymap[action].filter((_, i) => i !== index) };
    set({ keymap });
    saveStored(KEYMAP_KEY, keymap);
  },
  resetKeymap() {
    const keymap = defaultKeymap();
    set({ keymap });
    saveStored(KEYMAP_KEY, keymap);
  },
  setPrefs(patch) {
    const prefs = { ...get().prefs, ...patch };
    set({ prefs });
    saveStored(PREFS_KEY, prefs);
  },
});

export function actionLabel(id: ActionId): string {
  return ACTIONS[id].label;
}
