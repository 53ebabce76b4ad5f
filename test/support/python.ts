import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a Python 3 script (with the given arguments) and parses what it prints as JSON. */
export async function python<T>(script: string, args: readonly string[] = []): Promise<T> {
  const { stdout } = await run('python3', ['-c', script, ...args], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return JSON.parse(stdout) as T;
}
