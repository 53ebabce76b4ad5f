import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmeliaError } from '../../../../shared/contract/envelope';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../../electron/engine/store/migrations';
import { APPLICATION_ID, openDatabase } from '../../../../electron/engine/store/openDatabase';
import { sha256, snapshot } from '../../../support/files';
import { tempDir } from '../../../support/tempProject';

/** Calls `open`, which must throw an AmeliaError, and returns it. */
function refusal(open: () => unknown): AmeliaError {
  try {
    open();
  } catch (err) {
    expect(err).toBeInstanceOf(AmeliaError);
    return err as AmeliaError;
  }
  throw new Error('the database was opened');
}

describe('openDatabase refuses what is not its own, leaving it byte for byte as it was', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.dir, 'project.sqlite');
  });
  afterEach(() => dir.remove());

  it('refuses a project written by a newer amelia, naming both versions', () => {
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.exec('CREATE TABLE from_the_future (x TEXT) STRICT');
    raw.close();
    const before = snapshot(dir.dir);
    expect(Object.keys(before)).toEqual(['project.sqlite']);

    const err = refusal(() => openDatabase(file));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('newer amelia');
    expect(err.message).toContain(`database version ${LATEST_SCHEMA_VERSION + 5}`);
    expect(err.message).toContain(`versions up to ${LATEST_SCHEMA_VERSION}`);
    expect(err.message).toContain('Nothing in the project was changed');
    expect(snapshot(dir.dir)).toEqual(before);
  });

  it('refuses, read-only, a project that needs an upgrade', () => {
    openDatabase(file, { migrations: [] }).close();
    const raw = new Database(file);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.close();
    const before = sha256(file);
    const err = refusal(() => openDatabase(file, { readonly: true }));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain(`version 0 to ${migrations.length}`);
    expect(err.message).toContain('read-only');
    // (A read-only connection may leave SQLite's empty -wal and -shm beside it; the database is untouched.)
    expect(sha256(file)).toBe(before);
  });

  it('refuses a SQLite database of another program (its own tables and application_id)', () => {
    const raw = new Database(file);
    raw.pragma('application_id = 1234');
    raw.pragma('user_version = 1');
    raw.exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Ada', '555')");
    raw.close();
    const before = snapshot(dir.dir);

    const err = refusal(() => openDatabase(file));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('is a SQLite database, but not an amelia project');
    expect(err.message).toContain(file);
    expect(snapshot(dir.dir)).toEqual(before);
  });

  it('refuses a plain SQLite database with tables and no application_id', () => {
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const before = snapshot(dir.dir);
    expect(refusal(() => openDatabase(file)).message).toContain('not an amelia project');
    expect(snapshot(dir.dir)).toEqual(before);
  });

  it('refuses a file that is not SQLite at all', () => {
    writeFileSync(file, 'name,phone\nAda,555\n'.repeat(200));
    const before = snapshot(dir.dir);

    const err = refusal(() => openDatabase(file));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('not an amelia project database (not SQLite)');
    expect(err.message).toContain('left as it is');
    expect(snapshot(dir.dir)).toEqual(before);
  });

  it('creates a new project in an empty file', () => {
    writeFileSync(file, '');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });
});
