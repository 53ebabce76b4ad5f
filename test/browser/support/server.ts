import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
/** Where browser tests keep their screenshots (not committed). */
export const ARTIFACTS = resolve(REPO, 'test-artifacts');

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs the built `amelia serve` on a free port and resolves once it prints where it listens. `repo` is the
 * checkout whose build runs (benchmarks bundled into out/ name theirs).
 */
export async function startServe(projectDir: string, repo: string = REPO): Promise<ServeProcess> {
  if (
    !existsSync(resolve(repo, 'out/main/cli.js')) ||
    !existsSync(resolve(repo, 'out/renderer/index.html'))
  ) {
    throw new Error('amelia is not built: run `npm run build` (the test command does it first).');
  }
  const child = spawn(
    process.execPath,
    ['bin/amelia.js', 'serve', '--project', projectDir, '--port', '0', '--json'],
    {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`amelia serve did not start:\n${err}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        const doc = JSON.parse(out) as { url: string };
        clearTimeout(timer);
        resolvePromise(doc.url);
      } catch {
        // not the whole document yet
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`amelia serve exited with ${code}:\n${err}`));
    });
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
