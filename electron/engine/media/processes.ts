import { spawn } from 'node:child_process';
import { AmeliaError } from '../../../shared/contract/envelope';

export interface RunOptions {
  signal?: AbortSignal;
  /** Called with each complete line of standard output; the output is then not kept. */
  onStdoutLine?: (line: string) => void;
  /** Kill the process after this long. */
  timeoutMs?: number;
  /** Keep at most this many bytes of standard error (its end). */
  stderrLimit?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program with an argument list (never through a shell, so file names are only data).
 * Rejects with a `cancelled` error when the signal aborts; resolves with the exit status otherwise.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const { signal, onStdoutLine, timeoutMs, stderrLimit = 64 * 1024 } = options;
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) {
      reject(new AmeliaError('cancelled', 'cancelled'));
      return;
    }
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let partial = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!onStdoutLine) {
        stdout += chunk;
        return;
      }
      partial += chunk;
      let nl = partial.indexOf('\n');
      while (nl >= 0) {
        onStdoutLine(partial.slice(0, nl).replace(/\r$/, ''));
        partial = partial.slice(nl + 1);
        nl = partial.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > stderrLimit * 2) stderr = stderr.slice(-stderrLimit);
    });
    const kill = () => child.kill('SIGKILL');
    const onAbort = () => kill();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            kill();
          }, timeoutMs);
    child.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
      reject(new AmeliaError('media_error', `could not run ${command}: ${err.message}`));
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
      if (onStdoutLine && partial.length > 0) onStdoutLine(partial);
      if (signal?.aborted) {
        reject(new AmeliaError('cancelled', 'cancelled'));
        return;
      }
      if (timedOut) {
        reject(
          new AmeliaError(
            'media_error',
            `${command} took longer than ${Math.round((timeoutMs ?? 0) / 1000)} s and was stopped`,
          ),
        );
        return;
      }
      resolvePromise({ code, signal: sig, stdout, stderr: stderr.slice(-stderrLimit) });
    });
  });
}

/** The first meaningful line of a tool's error output, for a message a person can read. */
export function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.replace(/^\[[^\]]+ @ 0x[0-9a-f]+\]\s*/, '').trim())
    .filter((l) => l.length > 0);
  return lines[0] ?? 'no message';
}

/** ffmpeg reads names such as `concat:` or `http:` as protocols; `file:` makes a path only a path. */
export function ffmpegInput(path: string): string {
  return `file:${path}`;
}
