import { describe, expect, it } from 'vitest';
import { chordOf, formatChord } from '../../../renderer/src/features/workspace/shortcuts/chords';

const key = (
  k: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; shift: boolean; code: string }> = {},
) => ({
  key: k,
  code: mods.code ?? '',
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
});

describe('key chords', () => {
  it('writes letters in upper case, with Shift only where it was held', () => {
    expect(chordOf(key('i'))).toBe('I');
    expect(chordOf(key('I', { shift: true }))).toBe('Shift+I');
    expect(chordOf(key('z', { ctrl: true }))).toBe('Ctrl+Z');
    expect(chordOf(key('Z', { ctrl: true, shift: true }))).toBe('Ctrl+Shift+Z');
  });

  it('takes ⌘ for Ctrl, and the key’s place where Option changes the character', () => {
    expect(chordOf(key('z', { meta: true }))).toBe('Ctrl+Z');
    expect(chordOf(key('˙', { alt: true, code: 'KeyH' }))).toBe('Alt+H');
  });

  it('lets printed symbols carry their own Shift', () => {
    expect(chordOf(key('?', { shift: true }))).toBe('?');
    expect(chordOf(key('<', { shift: true }))).toBe('<');
    expect(chordOf(key('1'))).toBe('1');
  });

  it('names the named keys, with Shift kept', () => {
    expect(chordOf(key(' '))).toBe('Space');
    expect(chordOf(key('ArrowLeft', { shift: true }))).toBe('Shift+ArrowLeft');
    expect(chordOf(key('ArrowRight', { alt: true }))).toBe('Alt+ArrowRight');
    expect(chordOf(key('Esc'))).toBe('Escape');
  });

  it('ignores a modifier pressed alone', () => {
    for (const k of ['Shift', 'Control', 'Alt', 'Meta']) expect(chordOf(key(k))).toBeNull();
  });

  it('shows chords with arrows and short names', () => {
    expect(formatChord('Shift+ArrowLeft')).toBe('Shift+←');
    expect(formatChord('Delete')).toBe('Del');
    expect(formatChord('+')).toBe('+');
    expect(formatChord('Ctrl++')).toBe('Ctrl++');
  });
});
