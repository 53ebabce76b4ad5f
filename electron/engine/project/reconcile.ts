import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { videoExists } from '../store/videoRows';
import type { ProjectLayout } from './layout';

/** Whether the process that named a staging folder `<pid>-<random>` still runs. */
export function ownerAlive(owner: string): boolean {
  const pid = Number(owner.split('-')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The staging folder of one import: `video-<id>`. */
const STAGED_IMPORT = /^video-([A-Za-z0-9_-]+)$/;

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/**
 * Finishes or undoes what interrupted processes left: staged work is removed, and derived or media folders
 * of videos that no longer exist (or whose import never committed its row) are deleted. An import moves its
 * files into place before it writes its row, so the folders of an import still running in another process
 * are spared: its staging folder `video-<id>` claims them. (Earlier builds wrote the row first; an import of
 * theirs interrupted in between gets its files moved into place.) Staging folders of live processes are left
 * alone.
 */
export async function reconcileProject(
  db: Database,
  layout: ProjectLayout,
  isAlive: (owner: string) => boolean = ownerAlive,
): Promise<{ finished: string[]; removed: string[] }> {
  const finished: string[] = [];
  const removed: string[] = [];
  const claimed = new Set<string>();
  for (const owner of await entries(layout.staging)) {
    if (isAlive(owner)) {
      for (const item of await entries(join(layout.staging, owner))) {
        const m = STAGED_IMPORT.exec(item);
        if (m) claimed.add(m[1] as string);
      }
      continue;
    }
    const ownerDir = join(layout.staging, owner);
    for (const item of await entries(ownerDir)) {
      const m = STAGED_IMPORT.exec(item);
      if (m && videoExists(db, m[1] as string)) {
        const id = m[1] as string;
        for (const [sub, dest] of [
          ['derived', join(layout.derived, id)],
          ['media', join(layout.media, id)],
        ] as const) {
          const src = join(ownerDir, item, sub);
          if (existsSync(src) && !existsSync(dest)) {
            await rename(src, dest);
            finished.push(dest);
          }
        }
      }
      removed.push(join(ownerDir, item));
    }
    await rm(ownerDir, { recursive: true, force: true });
  }
  for (const root of [layout.derived, layout.media]) {
    for (const id of await entries(root)) {
      if (!claimed.has(id) && !videoExists(db, id)) {
        await rm(join(root, id), { recursive: true, force: true });
        removed.push(join(root, id));
      }
    }
  }
  return { finished, removed };
}
