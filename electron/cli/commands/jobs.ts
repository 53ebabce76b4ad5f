import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, parse, projectDirOf } from '../args';
import { printJson, table } from '../output';
import { runJobsWithProgress } from '../progress';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'list, run, cancel or retry background jobs (proxies, thumbnails)',
  usage: `Usage: amelia jobs [options]            list active and recent jobs
       amelia jobs run [options]        run queued jobs here until none is left
       amelia jobs cancel [options] ID  cancel a queued or running job
       amelia jobs retry [options] ID   queue a failed or cancelled job again

Jobs live in the project: a job stopped by a crash or a restart is resumed by the next
process that opens the project (the app, \`amelia serve\` or \`amelia jobs run\`).

Options:
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, {}, true);
    const [action = 'list', id, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`Unexpected arguments: ${rest.join(' ')}`);
    const projectDir = projectDirOf(values.project);
    switch (action) {
      case 'list':
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const jobs = unwrap(await engine.call('jobs.list', {}));
          if (values.json) printJson(jobs);
          else
            process.stdout.write(
              (jobs.length === 0
                ? 'No jobs.'
                : table(
                    ['id', 'kind', 'video', 'state', 'progress', 'error'],
                    jobs.map((j) => [
                      j.id,
                      j.kind,
                      (j.videoId ?? '').slice(0, 8),
                      j.state,
                      `${j.done}/${j.total} ${j.unit}`,
                      j.error ?? '',
                    ]),
                  )) + '\n',
            );
          return 0;
        });
      case 'run':
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const queued = unwrap(await engine.call('jobs.list', {})).filter(
            (j) => j.state === 'queued' || j.state === 'running',
          );
          const videos = unwrap(await engine.call('videos.list', {}));
          const done = await runJobsWithProgress(
            engine,
            queued.map((j) => j.id),
            new Map(videos.map((v) => [v.id, v.name])),
            values.json === true,
          );
          if (values.json) printJson(done);
          return done.some((j) => j.state === 'failed') ? 1 : 0;
        });
      case 'cancel':
      case 'retry': {
        if (!id) throw new UsageError(`Name the job to ${action}.`);
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const job = unwrap(
            await engine.call(action === 'cancel' ? 'jobs.cancel' : 'jobs.retry', { jobId: id }),
          );
          if (values.json) printJson(job);
          else process.stdout.write(`job ${job.id}: ${job.state}\n`);
          return 0;
        });
      }
      default:
        throw new UsageError(`Unknown jobs action "${action}": use list, run, cancel or retry.`);
    }
  },
};
