import { clientIdSchema } from '../../../shared/contract/methods/common';
import { loadStored, saveStored } from './persist';

const KEY = 'amelia.clientId';

function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  let s = '';
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

/**
 * This tab's client id: every edit names it, and undo/redo work on its own history. Kept in sessionStorage,
 * so a reload of the tab keeps its history while another tab or window gets its own.
 */
export function tabClientId(): string {
  const stored = loadStored(
    KEY,
    (v) => (clientIdSchema.safeParse(v).success ? (v as string) : null),
    'session',
  );
  if (stored) return stored;
  const id = `tab-${randomId()}`;
  saveStored(KEY, id, 'session');
  return id;
}
