import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file (not folder) under `dir`, as paths relative to it, sorted; none where `dir` does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Every entry (files and folders) under `dir`, relative, sorted. Folders that vanish while they are read (other
 * processes' temporary folders, where `dir` is the system's) are passed over.
 */
export function entriesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return;
      throw err;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      out.push(relative(dir, p));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Name and SHA-256 of every file under `dir`: equal snapshots mean not one byte changed. */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [f, sha256(join(dir, f))]));
}

/** Runs `fn` with the file at `path` moved away (as when a drive is unplugged), then puts it back. */
export async function withFileGone<T>(path: string, fn: () => Promise<T>): Promise<T> {
  renameSync(path, `${path}.away`);
  try {
    return await fn();
  } finally {
    renameSync(`${path}.away`, path);
  }
}
