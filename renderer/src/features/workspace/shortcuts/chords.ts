/** What a chord needs of a keyboard event (a KeyboardEvent has all of it). */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const NAMED: Record<string, string> = {
  ' ': 'Space',
  Spacebar: 'Space',
  Esc: 'Escape',
  Del: 'Delete',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
};

const MODIFIER_KEYS = new Set([
  'Control',
  'Shift',
  'Alt',
  'Meta',
  'AltGraph',
  'CapsLock',
  'Dead',
  'Unidentified',
  'Process',
  'OS',
]);

/**
 * The chord of a key press: modifiers (Ctrl stands for Ctrl or ⌘) then the key. Letters are upper case;
 * a printed symbol carries its own Shift (`?`, `<`), so Shift is written only for letters and named keys.
 * Returns null for a lone modifier.
 */
export function chordOf(e: KeyLike): string | null {
  let key = NAMED[e.key] ?? e.key;
  if (MODIFIER_KEYS.has(key)) return null;
  // Alt (Option) changes the character on some layouts: take the key's place instead.
  if (e.altKey) {
    const m = /^(?:Key([A-Z])|Digit(\d))$/.exec(e.code);
    if (m) key = (m[1] ?? m[2]) as string;
  }
  const printable = key.length === 1;
  if (printable) key = key.toUpperCase();
  const letter = /^[A-Z]$/.test(key);
  const mods: string[] = [];
  if (e.ctrlKey || e.metaKey) mods.push('Ctrl');
  if (e.altKey) mods.push('Alt');
  if (e.shiftKey && (!printable || letter)) mods.push('Shift');
  return [...mods, key].join('+');
}

const SHOWN: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Delete: 'Del',
  Backspace: '⌫',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
};

/** A chord for people: `Shift+←`, `Ctrl+Z`. */
export function formatChord(chord: string): string {
  const parts = chord.split('+');
  // A chord of the "+" key itself ends in an empty part after splitting.
  if (chord.endsWith('++') || chord === '+') parts.splice(parts.length - 2, 2, '+');
  return parts.map((p) => SHOWN[p] ?? p).join('+');
}
