import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The real clips beside the repository (never copied into it). */
export const DATA_DIR = resolve(import.meta.dirname, '../../../shared/data');

export function dataPath(...parts: string[]): string {
  return join(DATA_DIR, ...parts);
}

export const hasData = existsSync(DATA_DIR);

/** Every video clip under ../shared/data, broken ones of `tricky/` excluded. */
export function allClips(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(mp4|avi|mov|webm|mkv)$/i.test(e.name)) out.push(p);
    }
  };
  walk(DATA_DIR);
  return out.sort();
}
