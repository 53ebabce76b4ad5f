import { useEffect } from 'react';
import { useAppStore } from '../../../store/store';
import type { ActionId } from './actions';
import { chordIndex } from './actions';
import { chordOf } from './chords';
import type { Commands } from './commands';
import { isTypingTarget } from './typing';

/** Actions a held-down key repeats; the others (toggles, edits) act once per press. */
const REPEATABLE: ReadonlySet<ActionId> = new Set<ActionId>([
  'stepBack',
  'stepForward',
  'bigStepBack',
  'bigStepForward',
  'previousSegment',
  'nextSegment',
  'previousActor',
  'nextActor',
  'previousKeyframe',
  'nextKeyframe',
  'zoomIn',
  'zoomOut',
]);

/**
 * The workspace's keyboard: each key press is matched against the (remappable) keymap and runs its action.
 * Keys typed into a field, and keys while a dialog is open, are left alone.
 */
export function useWorkspaceKeys(commands: Commands | null): void {
  const store = useAppStore();
  useEffect(() => {
    if (!commands) return;
    let index = chordIndex(store.getState().keymap);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.keymap !== prev.keymap) index = chordIndex(s.keymap);
    });
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const s = store.getState();
      if (s.panel !== 'none' || s.conflict !== null || s.undoBlocked !== null) return;
      if (isTypingTarget(e.target)) return;
      const chord = chordOf(e);
      if (!chord) return;
      const action = index.get(chord);
      if (!action) return;
      e.preventDefault();
      if (e.repeat && !REPEATABLE.has(action)) return;
      // A focused button must not also take Space or Enter as a click.
      if (e.target instanceof HTMLButtonElement) e.target.blur();
      commands[action]({ timeStamp: e.timeStamp });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      unsubscribe();
    };
  }, [store, commands]);
}
