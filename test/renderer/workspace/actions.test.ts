import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  bindChord,
  chordIndex,
  defaultKeymap,
  parseKeymap,
} from '../../../renderer/src/features/workspace/shortcuts/actions';

describe('the keymap', () => {
  it('binds no chord to two actions by default', () => {
    const seen = new Map<string, string>();
    for (const id of ACTION_IDS) {
      for (const chord of defaultKeymap()[id]) {
        expect(seen.get(chord), `${chord} of ${id}`).toBeUndefined();
        seen.set(chord, id);
      }
    }
  });

  it('has the keys the workspace promises', () => {
    const index = chordIndex(defaultKeymap());
    expect(index.get('Space')).toBe('playPause');
    expect(index.get('ArrowRight')).toBe('stepForward');
    expect(index.get('Shift+ArrowLeft')).toBe('bigStepBack');
    expect(['J', 'K', 'L'].map((c) => index.get(c))).toEqual([
      'shuttleBack',
      'shuttleStop',
      'shuttleForward',
    ]);
    expect([index.get('Home'), index.get('End')]).toEqual(['firstFrame', 'lastFrame']);
    expect([index.get('I'), index.get('O')]).toEqual(['markIn', 'markOut']);
    expect([index.get('Ctrl+Z'), index.get('Ctrl+Shift+Z'), index.get('Ctrl+Y')]).toEqual([
      'undo',
      'redo',
      'redo',
    ]);
    expect(index.get('?')).toBe('help');
    expect(index.get('1')).toBe('quickLabel1');
  });

  it('moves a chord to the action it is bound to, and says who lost it', () => {
    const { keymap, takenFrom } = bindChord(defaultKeymap(), 'stepForward', 'L', null);
    expect(keymap.stepForward).toEqual(['ArrowRight', 'L']);
    expect(keymap.shuttleForward).toEqual([]);
    expect(takenFrom).toEqual(['shuttleForward']);
    const replaced = bindChord(keymap, 'stepForward', 'D', 0).keymap;
    expect(replaced.stepForward).toEqual(['D', 'L']);
  });

  it('reads a stored keymap leniently: unknown actions and bad values are dropped, missing ones default', () => {
    const km = parseKeymap({ stepForward: ['D', 7, ''], nonsense: ['X'], undo: 'Ctrl+Z' });
    expect(km?.stepForward).toEqual(['D']);
    expect(km?.undo).toEqual(['Ctrl+Z']);
    expect(km?.playPause).toEqual(['Space']);
    expect(parseKeymap('junk')).toBeNull();
  });
});
