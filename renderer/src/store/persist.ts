/** Small, failure-proof wrappers around Web Storage (private modes and full disks throw). */

function storage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

/** A stored JSON value, checked by `parse` (which returns null for anything it does not accept). */
export function loadStored<T>(
  key: string,
  parse: (value: unknown) => T | null,
  kind: 'local' | 'session' = 'local',
): T | null {
  const raw = storage(kind)?.getItem(key);
  if (raw === null || raw === undefined) return null;
  try {
    return parse(JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

export function saveStored(key: string, value: unknown, kind: 'local' | 'session' = 'local'): void {
  try {
    storage(kind)?.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: settings are a convenience, never the only copy of work.
  }
}

export function removeStored(key: string, kind: 'local' | 'session' = 'local'): void {
  try {
    storage(kind)?.removeItem(key);
  } catch {
    // as above
  }
}
