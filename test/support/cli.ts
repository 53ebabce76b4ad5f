import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'amelia.js');
export const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm test` builds first; this builds only where that was skipped. */
export function ensureBuilt(): void {
  if (!existsSync(BUILT_CLI))
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 600_000 });
}

/**
 * Runs the built CLI (`node bin/amelia.js ...`). `fallbackProject` is what AMELIA_PROJECT names, so a
 * command that forgot --project never touches a real default project. `input` goes to standard input.
 */
export function runAmelia(
  args: string[],
  options: { fallbackProject: string; input?: string; timeoutMs?: number },
): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, AMELIA_PROJECT: options.fallbackProject, AMELIA_NO_ELECTRON: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
