import { resolve } from 'node:path';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { EngineContext } from '../context';
import { checkExportTarget } from '../export/outputDir';
import { buildExportPlan, summarisePlan } from '../export/plan';
import type { PoseReader } from '../export/poseReader';
import type { JobQueue } from '../jobs/jobQueue';
import { listJobs, toJob } from '../store/jobRows';
import type { HandlerGroup } from './types';

/** Dataset export: a preview that writes nothing, and the export job. */
export function exportHandlers(
  ctx: EngineContext,
  jobs: JobQueue,
  poses: PoseReader,
): HandlerGroup<'exports.preview' | 'exports.start'> {
  return {
    'exports.preview': (options) => {
      const summary = summarisePlan(buildExportPlan(ctx.db, options, poses));
      try {
        checkExportTarget(options.outDir, options.overwrite, ctx.layout.dir);
      } catch (err) {
        if (!(err instanceof AmeliaError)) throw err;
        summary.warnings.unshift(err.message);
      }
      return summary;
    },
    'exports.start': (options) => {
      const out = checkExportTarget(options.outDir, options.overwrite, ctx.layout.dir);
      // Refuses an empty selection now rather than in the job.
      buildExportPlan(ctx.db, options, poses);
      for (const j of listJobs(ctx.db)) {
        if (j.kind !== 'export' || (j.state !== 'queued' && j.state !== 'running')) continue;
        const other = typeof j.payload.outDir === 'string' ? resolve(j.payload.outDir) : null;
        if (other === out)
          throw new AmeliaError(
            'conflict',
            `An export to ${out} is already under way (job ${j.id}).`,
            'outDir',
          );
      }
      const job = jobs.enqueue({
        id: ctx.newId(),
        kind: 'export',
        videoId: null,
        unit: 'steps',
        total: 0,
        payload: { ...options, outDir: out },
      });
      return toJob(job);
    },
  };
}
