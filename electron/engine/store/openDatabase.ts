import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Database as Db } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Migration } from './migrations';
import { migrations as allMigrations } from './migrations';

/** Marks a SQLite file as an amelia project ("AMLA"). */
export const APPLICATION_ID = 0x414d4c41;

/**
 * In a development run of the Electron window, better-sqlite3 in node_modules is built for Node; a copy built
 * for Electron's ABI lives in .native/ (see electron/build/rebuild-native-for-electron.mjs). Packaged apps
 * are rebuilt for Electron by electron-builder and need none.
 */
export function electronSqliteBinding(): string | null {
  if (!process.versions.electron) return null;
  const file = process.env.AMELIA_SQLITE_BINDING;
  return file && existsSync(file) ? file : null;
}

export interface OpenOptions {
  /** For tests: the migrations to apply (a prefix of the real list). */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

function checkOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
}

/**
 * Opens (and creates or upgrades) a project database: WAL, foreign keys on, each migration in its own
 * transaction. Refuses, without writing anything, a file that is not amelia's or that a newer amelia wrote.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const list = options.migrations ?? allMigrations;
  checkOrder(list);
  const latest = list.length;
  const binding = electronSqliteBinding();
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    timeout: 5000,
    ...(binding ? { nativeBinding: binding } : {}),
  });
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasTables =
      (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n >
      0;
    if (hasTables && appId !== APPLICATION_ID) {
      throw new AmeliaError(
        'unsupported',
        `${file} is a SQLite database, but not an amelia project; it was left as it is.`,
      );
    }
    if (version > latest) {
      throw new AmeliaError(
        'unsupported',
        `This project was written by a newer amelia (database version ${version}; this amelia knows versions up to ${latest}). ` +
          'Update amelia to open it. Nothing in the project was changed.',
      );
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      for (const m of list.slice(version)) {
        db.transaction(() => {
          m.up(db);
          db.pragma(`application_id = ${APPLICATION_ID}`);
          db.pragma(`user_version = ${m.version}`);
        })();
      }
    } else if (version < latest) {
      throw new AmeliaError(
        'unsupported',
        `The project needs an upgrade (version ${version} to ${latest}) and was opened read-only.`,
      );
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_NOTADB') {
      throw new AmeliaError(
        'unsupported',
        `${file} is not an amelia project database (not SQLite); it was left as it is.`,
      );
    }
    throw err;
  }
}
