import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATABASE_FILE = 'amelia.sqlite';

/** Where a project keeps its files. Everything amelia writes lives under the project folder. */
export interface ProjectLayout {
  dir: string;
  database: string;
  /** Derived files per video: proxy, poster, thumbnails (later poses). */
  derived: string;
  /** Work in progress; anything here at start-up is the rest of an interrupted step. */
  staging: string;
  /** Originals amelia keeps itself (uploads through the browser). */
  media: string;
}

export function projectLayout(dir: string): ProjectLayout {
  const abs = resolve(dir);
  return {
    dir: abs,
    database: join(abs, DATABASE_FILE),
    derived: join(abs, 'derived'),
    staging: join(abs, 'staging'),
    media: join(abs, 'media'),
  };
}

export function derivedDir(layout: ProjectLayout, videoId: string): string {
  return join(layout.derived, videoId);
}

/** The user's data folder for amelia, as desktop platforms name it. */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'amelia');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'amelia');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'amelia');
  }
}

/** The project opened when none is named: `AMELIA_PROJECT`, else "default" in the user's data folder. */
export function defaultProjectDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AMELIA_PROJECT ? resolve(env.AMELIA_PROJECT) : join(userDataDir(env), 'projects', 'default');
}
