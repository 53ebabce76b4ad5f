import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, parse, projectDirOf } from '../args';
import { printJson, retryHint, table } from '../output';
import { runJobsWithProgress } from '../progress';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';
import type { Engine } from '../../engine/engine';
import type { Job } from '../../../shared/domain/job';
import { poseBackendSchema } from '../../../shared/domain/pose';
import type { PoseBackend } from '../../../shared/domain/pose';

const MODELS = ['lite', 'full', 'heavy'] as const;
type ModelName = (typeof MODELS)[number];
const CLIENT_ID = 'cli';

function modelOf(value: string | undefined): ModelName | undefined {
  if (value === undefined) return undefined;
  const short = value.replace(/^blazepose-/, '');
  if (!(MODELS as readonly string[]).includes(short))
    throw new UsageError(`--model takes lite, full or heavy, not "${value}".`);
  return short as ModelName;
}

function backendOf(value: string | undefined): 'auto' | PoseBackend | undefined {
  if (value === undefined || value === 'auto') return value as 'auto' | undefined;
  const parsed = poseBackendSchema.safeParse(value);
  if (!parsed.success)
    throw new UsageError(
      `--backend takes auto or one of ${poseBackendSchema.options.join(', ')}, not "${value}".`,
    );
  return parsed.data;
}

async function summaryTable(
  engine: Engine,
  videoIds: string[],
): Promise<{ videoId: string; rows: unknown[] }[]> {
  const out: { videoId: string; rows: unknown[] }[] = [];
  for (const videoId of videoIds)
    out.push({ videoId, rows: unwrap(await engine.call('poses.summary', { videoId })) });
  return out;
}

function printSummary(all: Awaited<ReturnType<typeof summaryTable>>): void {
  const rows = all.flatMap(({ videoId, rows: r }) =>
    (
      r as {
        segmentId: string;
        model: string;
        backend: string;
        startFrame: number;
        frameCount: number;
        framesWithPose: number;
        meanVisibility: number;
        filtered: boolean;
        stale: boolean;
      }[]
    ).map((s) => [
      videoId.slice(0, 8),
      s.segmentId.slice(0, 8),
      s.model.replace('blazepose-', ''),
      `${s.startFrame}–${s.startFrame + s.frameCount - 1}`,
      `${s.framesWithPose}/${s.frameCount}`,
      s.meanVisibility.toFixed(2),
      s.backend,
      s.filtered ? 'yes' : 'no',
      s.stale ? 'STALE' : 'current',
    ]),
  );
  process.stdout.write(
    (rows.length === 0
      ? 'No poses extracted yet.'
      : table(
          ['video', 'tube', 'model', 'frames', 'with pose', 'visibility', 'backend', 'filtered', 'state'],
          rows,
        )) + '\n',
  );
}

export const posesCommand: Command = {
  name: 'poses',
  summary: 'extract 3D poses (BlazePose) of tubes or of whole videos',
  usage: `Usage: amelia poses [options] [VIDEO...]         poses of every tube of the videos (all videos if none)
       amelia poses --segments ID,ID [options]    poses of the tubes named
       amelia poses --whole-video [options] VIDEO...
                                                  find people without tubes (MoveNet), follow them, and
                                                  extract their poses
       amelia poses actors VIDEO JOB              make a whole-video job's people into actors with tubes
       amelia poses list [VIDEO...]               what is extracted for each tube (stale: the tube changed)
       amelia poses backends                      the backends here, the one auto picks, the weights

Each tube is cropped to its box (plus a margin) on every frame of its range and run through
BlazePose (person detector + landmark model); keypoints are stored in video pixels with their
visibility, and in metres (hip-centred). Each video is decoded once for all its tubes; the
work goes to one worker per core (wasm) or to the GPU. Progress (frames/s, time left) goes to
stderr; Ctrl-C cancels; a job stopped by a restart resumes without redoing finished tubes.

Options:
  -m, --model NAME     lite, full or heavy (default full)
  -b, --backend NAME   auto (default), tfjs-node-gpu, tfjs-node, wasm, cpu (webgpu and webgl
                       run in the desktop app's GPU window)
      --segments IDS   comma-separated tube (segment) ids
      --whole-video    no tubes needed: find and follow the people in the videos named
      --missing        only tubes without current poses of this model
      --usable         only the tubes that feed training and export (labelled; confirmed
                       pre-labels; final ones where the project trains on reviewed tubes)
      --no-filter      keep the raw model output only (no One Euro filter)
      --no-wait        queue the job and return; the app or \`amelia jobs run\` runs it
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        model: { type: 'string', short: 'm' },
        backend: { type: 'string', short: 'b' },
        segments: { type: 'string' },
        'whole-video': { type: 'boolean', default: false },
        missing: { type: 'boolean', default: false },
        usable: { type: 'boolean', default: false },
        'no-filter': { type: 'boolean', default: false },
        'no-wait': { type: 'boolean', default: false },
      },
      true,
    );
    const projectDir = projectDirOf(values.project);
    const json = values.json === true;
    const [action, ...rest] = positionals;

    if (action === 'backends') {
      if (rest.length > 0) throw new UsageError(`Unexpected arguments: ${rest.join(' ')}`);
      return withEngine({ projectDir, runJobs: false }, async (engine) => {
        const b = unwrap(await engine.call('poses.backends', {}));
        if (json) printJson(b);
        else {
          process.stdout.write(
            `${table(
              ['backend', 'available', 'what'],
              b.candidates.map((c) => [c.backend, c.available ? 'yes' : 'no', c.note]),
            )}\n\nauto picks ${b.chosen} with ${b.workers} worker${b.workers === 1 ? '' : 's'} (${b.cores} cores): ${b.reason}\n` +
              (b.weightProblems.length === 0
                ? 'weights: present and checked (SHA-256)\n'
                : `weights: ${b.weightProblems.join('; ')}\n`),
          );
        }
        return b.weightProblems.length === 0 ? 0 : 1;
      });
    }

    if (action === 'list') {
      return withEngine({ projectDir, runJobs: false }, async (engine) => {
        const ids = rest.length > 0 ? rest : unwrap(await engine.call('videos.list', {})).map((v) => v.id);
        const all = await summaryTable(engine, ids);
        if (json) printJson(all.flatMap((a) => a.rows));
        else printSummary(all);
        return 0;
      });
    }

    if (action === 'actors') {
      const [videoId, jobId, ...extra] = rest;
      if (!videoId || !jobId)
        throw new UsageError('Name the video and the whole-video job: amelia poses actors VIDEO JOB');
      if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
      return withEngine({ projectDir, runJobs: false }, async (engine) => {
        const made = unwrap(
          await engine.call('poses.tracksToActors', { clientId: CLIENT_ID, videoId, jobId }),
        );
        if (json) printJson(made);
        else
          process.stdout.write(
            made.segments
              .map(
                (s, i) =>
                  `person ${made.actors[i]?.number ?? '?'}: tube ${s.id}, frames ${s.startFrame}–${s.endFrame}, ${s.keyframes.length} keyframes`,
              )
              .join('\n') + '\n',
          );
        return 0;
      });
    }

    const model = modelOf(values.model);
    const backend = backendOf(values.backend);
    const segmentIds = values.segments
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const wholeVideo = values['whole-video'] === true;
    if (wholeVideo && segmentIds) throw new UsageError('--whole-video takes videos, not --segments.');
    if (wholeVideo && positionals.length === 0) throw new UsageError('Name the videos to find people in.');
    if (segmentIds && positionals.length > 0)
      throw new UsageError('Name either tubes (--segments) or videos, not both.');
    const usable = values.usable === true;
    if (usable && (segmentIds || wholeVideo))
      throw new UsageError(
        '--usable picks the tubes itself: name videos or nothing, not --segments or --whole-video.',
      );

    return withEngine({ projectDir, runJobs: false }, async (engine) => {
      const videoIds =
        segmentIds || positionals.length > 0
          ? positionals
          : unwrap(await engine.call('videos.list', {})).map((v) => v.id);
      const job = unwrap(
        await engine.call('poses.extract', {
          ...(segmentIds ? { segmentIds } : { videoIds }),
          ...(wholeVideo ? { wholeVideo } : {}),
          ...(model ? { model } : {}),
          ...(backend ? { backend } : {}),
          ...(values['no-filter'] ? { filter: false } : {}),
          ...(values.missing ? { onlyMissing: true } : {}),
          ...(usable ? { usable: true } : {}),
        }),
      );
      if (values['no-wait']) {
        if (json) printJson({ job });
        else process.stdout.write(`queued poses job ${job.id} (${job.total} frames)\n`);
        return 0;
      }
      const videos = unwrap(await engine.call('videos.list', {}));
      const [done] = await runJobsWithProgress(
        engine,
        [job.id],
        new Map(videos.map((v) => [v.id, v.name])),
        json,
      );
      const ended: Job = done ?? job;
      const touched = [...new Set(videoIds.length > 0 ? videoIds : job.videoId ? [job.videoId] : [])];
      if (json) {
        const tracks = wholeVideo
          ? (
              await Promise.all(
                touched.map(async (videoId) =>
                  unwrap(await engine.call('poses.tracks', { videoId, jobId: job.id })),
                ),
              )
            ).flat()
          : [];
        printJson({
          job: ended,
          ...(wholeVideo
            ? { tracks }
            : { summary: (await summaryTable(engine, touched)).flatMap((a) => a.rows) }),
        });
      } else if (ended.state === 'done') {
        if (wholeVideo) {
          for (const videoId of touched) {
            const tracks = unwrap(await engine.call('poses.tracks', { videoId, jobId: job.id }));
            process.stdout.write(
              `${tracks.length} people found in ${videoId.slice(0, 8)}: amelia poses actors ${videoId} ${job.id} makes them actors\n`,
            );
          }
        } else printSummary(await summaryTable(engine, touched));
      }
      if (ended.state === 'failed')
        process.stderr.write(
          `amelia poses: ${ended.error ?? 'the job failed'}\n${retryHint(ended.id, values.project)}\n`,
        );
      return ended.state === 'done' ? 0 : 1;
    });
  },
};
