import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
  const why = (r.stderr ?? '').split('\n').find((l) => /Error|failed/i.test(l))?.trim();
  return { ok: false, reason: why ? `the Electron binary is missing and could not be fetched (${why})` : 'Electron is not installed' };
}

export function appRoot(): string {
  // out/main/cli.js → the package root.
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** Runs the desktop app; resolves with its exit status. */
export function runElectron(electronPath: string, root: string, projectDir: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(electronPath, [root, `--project=${projectDir}`], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}
