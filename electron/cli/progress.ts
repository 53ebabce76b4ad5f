import type { Engine } from '../engine/engine';
import type { Job } from '../../shared/domain/job';
import { jobLine } from './output';

/**
 * Runs the given jobs in this process until none is left, showing progress on stderr (one updating line
 * on a terminal, a line every few seconds otherwise). Ctrl-C cancels them.
 */
export async function runJobsWithProgress(
  engine: Engine,
  jobIds: string[],
  labels: Map<string, string>,
  quiet: boolean,
): Promise<Job[]> {
  const tty = process.stderr.isTTY === true;
  const last = new Map<string, number>();
  const off = engine.on((event) => {
    if (quiet || event.name !== 'job.progress' || !jobIds.includes(event.payload.id)) return;
    const job = event.payload;
    const label = labels.get(job.videoId ?? '') ?? job.videoId ?? '';
    const now = Date.now();
    const ended = job.state !== 'running' && job.state !== 'queued';
    if (tty) process.stderr.write(`\r\x1b[K${jobLine(job, label)}${ended ? '\n' : ''}`);
    else if (ended || now - (last.get(job.id) ?? 0) > 5000) {
      last.set(job.id, now);
      process.stderr.write(jobLine(job, label) + '\n');
    }
  });
  const onSigint = () => {
    process.stderr.write('\nCancelling…\n');
    for (const id of jobIds) {
      try {
        engine.jobs.cancel(id);
      } catch {
        // already ended
      }
    }
  };
  process.on('SIGINT', onSigint);
  try {
    engine.jobs.start();
    await engine.jobs.whenIdle(jobIds);
  } finally {
    process.off('SIGINT', onSigint);
    off();
  }
  const all = await engine.call('jobs.list', {});
  return all.ok ? all.value.filter((j) => jobIds.includes(j.id)) : [];
}
