import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The checkout's root: the first folder above this module with a package.json (this module runs from
 * test/support, or bundled into out/main or out/main/chunks by the benches).
 */
function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const REPO_ROOT = repoRoot();

/** The real clips beside the repository (never copied into it). */
export const DATA_DIR = resolve(REPO_ROOT, '../shared/data');

export function dataPath(...parts: string[]): string {
  return join(DATA_DIR, ...parts);
}

export const hasData = existsSync(DATA_DIR);

/** Files of `tricky/` that must be refused (its README): none of them is a video that imports. */
export const REFUSED_TRICKY = [
  'zero_bytes.mp4',
  'text_named.mp4',
  'random_bytes.mp4',
  'truncated_head.mp4',
  'moov_damaged.mp4',
  'audio_only.m4a',
] as const;

/** Every video clip under ../shared/data, broken ones of `tricky/` (those that must be refused) excluded. */
export function allClips(root: string = DATA_DIR): string[] {
  const refused = new Set<string>(REFUSED_TRICKY.map((name) => join(root, 'tricky', name)));
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(mp4|avi|mov|webm|mkv)$/i.test(e.name) && !refused.has(p)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}
