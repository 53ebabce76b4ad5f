import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3…: migration N brings `PRAGMA user_version` from N - 1 to N. */
  version: number;
  name: string;
  up(db: Database): void;
}
