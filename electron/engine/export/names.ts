import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AmeliaError } from '../../../shared/contract/envelope';

/** Names Windows keeps for devices, in any case and with any extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file or folder name made from text that came from outside (a video's name, a label): letters, digits,
 * "-", "_" and "." only, no leading dot, at most `max` characters, never empty, never a device name. What
 * it cannot carry becomes "_"; it can never name a parent folder or hold a separator.
 */
export function safeName(text: string, fallback = 'item', max = 80): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '')
    .slice(0, max)
    .replace(/[._-]+$/, '');
  if (ascii.length === 0 || RESERVED.test(ascii)) return fallback;
  return ascii;
}

/**
 * The absolute path of `rel` below `root`, refusing anything that would land outside it (an absolute
 * path, "..", a drive letter). Every file an export writes goes through here.
 */
export function pathInside(root: string, rel: string): string {
  if (rel.length === 0 || isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.includes('\0')) {
    throw new AmeliaError('forbidden', `Refused to write "${rel}": not a path inside the export folder.`);
  }
  const base = resolve(root);
  const abs = resolve(base, rel);
  const back = relative(base, abs);
  if (back === '' || back === '..' || back.startsWith(`..${sep}`) || isAbsolute(back)) {
    throw new AmeliaError('forbidden', `Refused to write "${rel}": it would land outside the export folder.`);
  }
  return abs;
}
