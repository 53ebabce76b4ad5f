import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ElectronLookup = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Finds the Electron binary without loading Electron here: `require('electron')` runs in a child process,
 * because it tries to download a missing binary and prints a stack trace when it cannot.
 */
export function findElectron(appRoot: string): ElectronLookup {
  if (process.env.AMELIA_NO_ELECTRON === '1') return { ok: false, reason: 'AMELIA_NO_ELECTRON=1 is set' };
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(require("electron")))'], {
    cwd: appRoot,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const path = (r.stdout ?? '').trim();
  if (r.status === 0 && path && existsSync(path)) return { ok: true, path };
  const why = (r.stderr ?? '')
    .split('\n')
    .find((l) => /Error|failed/i.test(l))
    ?.trim();
  return {
    ok: false,
    reason: why
      ? `the Electron binary is missing and could not be fetched (${why})`
      : 'Electron is not installed',
  };
}

export function appRoot(): string {
  // out/main/cli.js → the package root.
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** Electron's version, from its package (no binary needed). */
function electronVersion(root: string): string | null {
  try {
    return (
      JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return null;
  }
}

/**
 * better-sqlite3 built for Electron's ABI, kept apart from the Node build that the CLI and tests use;
 * built once on first start (it needs Electron's headers, fetched by node-gyp).
 */
export function ensureElectronSqlite(
  root: string,
): { ok: true; path: string } | { ok: false; reason: string } {
  const version = electronVersion(root);
  if (!version) return { ok: false, reason: 'Electron is not installed' };
  const path = join(root, '.native', `electron-${version}`, 'better_sqlite3.node');
  if (existsSync(path)) return { ok: true, path };
  process.stdout.write(`Building the database module for Electron ${version} (once)…\n`);
  const r = spawnSync(
    process.execPath,
    [join(root, 'electron', 'build', 'rebuild-native-for-electron.mjs')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  return r.status === 0 && existsSync(path)
    ? { ok: true, path }
    : { ok: false, reason: 'better-sqlite3 could not be built for Electron' };
}

/** Runs the desktop app; resolves with its exit status. */
export function runElectron(
  electronPath: string,
  root: string,
  projectDir: string,
  sqliteBinding: string,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(electronPath, [root, `--project=${projectDir}`], {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, AMELIA_SQLITE_BINDING: sqliteBinding },
    });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}
