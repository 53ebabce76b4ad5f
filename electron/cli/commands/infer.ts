import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, parse, projectDirOf } from '../args';
import { cliClientId, resolveVideo } from '../annotate';
import { resolveModel, runOneJob, runText } from '../classify';
import { jobLine, printJson, retryHint } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Engine } from '../../engine/engine';
import type { Video } from '../../../shared/domain/video';

/** A video of the project, or a file on disk that is imported first. */
async function videoFor(engine: Engine, ref: string, say: (t: string) => void): Promise<Video> {
  try {
    return await resolveVideo(engine, ref);
  } catch (err) {
    if (
      !(err instanceof AmeliaError) ||
      err.code !== 'not_found' ||
      !existsSync(ref) ||
      !statSync(ref).isFile()
    )
      throw err;
  }
  const r = unwrap(await engine.call('videos.import', { paths: [resolve(ref)] }));
  const video = r.imported[0];
  if (video) {
    say(`imported ${video.name}: ${video.frameCount} frames`);
    return video;
  }
  const dup = r.duplicates[0];
  if (dup) return unwrap(await engine.call('videos.get', { videoId: dup.videoId }));
  throw new AmeliaError('invalid_request', r.failed[0]?.message ?? `${ref} could not be imported.`);
}

export const inferCommand: Command = {
  name: 'infer',
  summary: 'run a situation classifier over videos: people, their situations over time, alerts',
  usage: `Usage: amelia infer --model M [options] VIDEO...

Runs a trained model over whole videos: the people in each are found and followed (whole-video
pose extraction, reused where the video has it), each person's poses are classified in sliding
windows, and the result is a timeline of situations per person with the model's confidence,
alerts for critical situations (falls, being on the floor) with their time, and a drift check
of the recording against the model's training data. Results are stored in the project and
written as JSON and CSV. VIDEO is a video of the project (id, start of one, file name) or a
file, which is imported first.

Options:
      --model M            the model: its id, the start of one, or its name (required)
      --pose-model M       lite, full (default) or heavy
      --backend B          pose backend: auto (default), tfjs-node, wasm, cpu…
      --fresh-poses        extract the poses again even where the video has them
      --out DIR            also copy each video's results (JSON and CSV) into DIR
      --pre-labels         make pre-labels from the results for annotators (tubes labelled
                           by the model, with its confidence), least confident first
      --max-confidence P   with --pre-labels: only stretches the model is at most P sure of
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        model: { type: 'string' },
        'pose-model': { type: 'string' },
        backend: { type: 'string' },
        'fresh-poses': { type: 'boolean', default: false },
        out: { type: 'string' },
        'pre-labels': { type: 'boolean', default: false },
        'max-confidence': { type: 'string' },
      },
      true,
    );
    if (values.model === undefined)
      throw new UsageError('Name the model with --model (`amelia models` lists them).');
    if (positionals.length === 0) throw new UsageError('Name at least one video.');
    const poseModel = values['pose-model'];
    if (poseModel !== undefined && !['lite', 'full', 'heavy'].includes(poseModel)) {
      throw new UsageError(`--pose-model is lite, full or heavy, not "${poseModel}".`);
    }
    const backends = ['auto', 'tfjs-node-gpu', 'tfjs-node', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
    const backend = values.backend as (typeof backends)[number] | undefined;
    if (backend !== undefined && !backends.includes(backend)) {
      throw new UsageError(`--backend is one of ${backends.join(', ')}, not "${backend}".`);
    }
    let maxConfidence: number | undefined;
    if (values['max-confidence'] !== undefined) {
      maxConfidence = Number(values['max-confidence']);
      if (!Number.isFinite(maxConfidence) || maxConfidence < 0 || maxConfidence > 1)
        throw new UsageError('--max-confidence takes a number from 0 to 1.');
      if (!values['pre-labels']) throw new UsageError('--max-confidence goes with --pre-labels.');
    }
    const json = values.json === true;
    const say = (text: string) => {
      if (!json) process.stderr.write(text + '\n');
    };
    const modelRef = values.model;
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const model = await resolveModel(engine, modelRef);
      const videos: Video[] = [];
      for (const ref of positionals) videos.push(await videoFor(engine, ref, say));
      const job = unwrap(
        await engine.call('models.infer', {
          modelId: model.id,
          videoIds: videos.map((v) => v.id),
          ...(poseModel !== undefined ? { poseModel: poseModel as 'lite' | 'full' | 'heavy' } : {}),
          ...(backend !== undefined ? { backend } : {}),
          ...(values['fresh-poses'] ? { freshPoses: true } : {}),
        }),
      );
      say(`Running ${model.name} over ${videos.length} video(s) (job ${job.id})…`);
      let last = 0;
      const done = await runOneJob(engine, job, (j) => {
        if (json) return;
        const now = Date.now();
        if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${jobLine(j, model.name)}`);
        else if (now - last > 5000) {
          last = now;
          process.stderr.write(jobLine(j, model.name) + '\n');
        }
      });
      if (!json && process.stderr.isTTY) process.stderr.write('\n');
      if (done.state !== 'done') {
        process.stderr.write(
          `amelia infer: ${done.state}${done.error && done.state !== 'cancelled' ? `: ${done.error}` : ''}\n`,
        );
        if (done.state === 'failed') process.stderr.write(`${retryHint(done.id, values.project)}\n`);
        if (json) printJson({ job: done });
        return 1;
      }
      const runIds = Array.isArray(done.result?.runIds) ? (done.result.runIds as string[]) : [];
      const runs = [];
      for (const runId of runIds) runs.push(...unwrap(await engine.call('models.predictions', { runId })));
      if (values.out !== undefined) {
        const out = resolve(values.out);
        await mkdir(out, { recursive: true });
        for (const r of runs) {
          const stem = basename(r.videoName)
            .replace(/[^A-Za-z0-9._-]+/g, '_')
            .replace(/\.[^.]*$/, '');
          await copyFile(r.outputs.json, join(out, `${stem}.situations.json`));
          await copyFile(r.outputs.csv, join(out, `${stem}.situations.csv`));
        }
      }
      const preLabels = [];
      if (values['pre-labels']) {
        for (const r of runs) {
          const made = unwrap(
            await engine.call('models.toPreLabels', {
              clientId: cliClientId(),
              runId: r.id,
              ...(maxConfidence !== undefined ? { maxConfidence } : {}),
            }),
          );
          preLabels.push(...made.preLabels);
          say(`${r.videoName}: ${made.preLabels.length} pre-label(s) for review, least confident first`);
        }
      }
      if (json) printJson({ job: done, runs, preLabels });
      else for (const r of runs) process.stdout.write(runText(r) + '\n');
      return 0;
    });
  },
};
