import { useApp } from '../../../store/store';
import type { ActionId } from './actions';
import { formatChord } from './chords';

const HINTS: readonly (readonly [ActionId, string])[] = [
  ['playPause', 'play'],
  ['stepForward', 'frame'],
  ['bigStepForward', '10 frames'],
  ['shuttleForward', 'shuttle'],
  ['markIn', 'in'],
  ['markOut', 'out'],
  ['openLabelPicker', 'label'],
  ['split', 'split'],
  ['toggleUncertain', 'uncertain'],
  ['deleteKeyframe', 'del. keyframe'],
  ['markOutside', 'outside'],
  ['nextActor', 'next person'],
  ['undo', 'undo'],
  ['help', 'all keys'],
];

/** The keys most used, always in view (as remapped). */
export function KeyHints() {
  const keymap = useApp((s) => s.keymap);
  return (
    <div className="key-hints" aria-label="Keyboard hints">
      {HINTS.map(([id, text]) => {
        const chord = keymap[id][0];
        if (!chord) return null;
        return (
          <span key={id}>
            <kbd>{formatChord(chord)}</kbd> {text}
          </span>
        );
      })}
    </div>
  );
}
