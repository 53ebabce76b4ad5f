import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, intOption, parse, projectDirOf } from '../args';
import { datasetText, epochLine, metricsText, runOneJob } from '../classify';
import { jobLine, printJson } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';
import type { EpochReportDto } from '../../../shared/domain/classifier';
import { epochReportSchema } from '../../../shared/domain/classifier';
import { AmeliaError } from '../../../shared/contract/envelope';

/** `--set key=value`: a number, true/false, or text. */
function setting(text: string): [string, unknown] {
  const m = /^([A-Za-z][A-Za-z0-9.]*)=(.*)$/.exec(text);
  if (!m) throw new UsageError(`--set takes KEY=VALUE (e.g. --set batchSize=16), not "${text}".`);
  const raw = m[2] as string;
  const value: unknown =
    raw === 'true'
      ? true
      : raw === 'false'
        ? false
        : raw !== '' && Number.isFinite(Number(raw))
          ? Number(raw)
          : raw;
  return [m[1] as string, value];
}

/** Settings as a nested object ("augment.scale=0.2" → {augment: {scale: 0.2}}). */
function nest(pairs: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of pairs) {
    const parts = key.split('.');
    let o = out;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts[parts.length - 1] as string] = value;
  }
  return out;
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a situation classifier on the labelled tubes (class counts first, then progress)',
  usage: `Usage: amelia train [options]

Trains a situation classifier on the project's labelled tubes that have poses: the labels are
taken at a taxonomy level (finer labels count as their ancestor there), the tubes become
windows of normalised poses, and the recordings are split into training, validation and test
(never sharing a recording or a named person). The class counts are shown first, very rare
classes flagged; then training runs with a line per epoch, stops early on validation macro-F1,
is scored on the test split, and the model is kept in the project's registry with its card.
Tubes without current poses get them first. Ctrl-C cancels.

Options:
      --level N              taxonomy level of the classes (1 situation, 2 activity, 3 action;
                             default 1)
      --epochs N             most epochs (default 40)
      --architecture A       stgcn (graph convolution, default) or tcn (temporal CNN, about six
                             times faster to train)
      --name NAME            the model's name (default: architecture, level and time)
      --seed N               seed of the split, the weights and the augmentation (default 1)
      --pose-model M         lite, full (default) or heavy
      --recording-pattern RE a regular expression on video paths: videos whose match (or first
                             group) is equal are one recording, e.g. the cameras of one scene
      --set KEY=VALUE        any other setting of the classifier (repeat it), e.g.
                             --set windowFrames=32 --set augment.mirror=false
      --no-extract           use only tubes that have poses already
      --dry-run              show the class counts and splits (after extracting missing poses),
                             train nothing
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        level: { type: 'string' },
        epochs: { type: 'string' },
        architecture: { type: 'string' },
        name: { type: 'string' },
        seed: { type: 'string' },
        'pose-model': { type: 'string' },
        'recording-pattern': { type: 'string' },
        set: { type: 'string', multiple: true },
        'no-extract': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
      },
      false,
    );
    if (positionals.length > 0) throw new UsageError(`Unexpected arguments: ${positionals.join(' ')}`);
    const level = intOption(values.level, 'level', 1, 10);
    const epochs = intOption(values.epochs, 'epochs', 1, 1000);
    const seed = intOption(values.seed, 'seed', 0, 4294967295);
    const architecture = values.architecture;
    if (architecture !== undefined && architecture !== 'tcn' && architecture !== 'stgcn') {
      throw new UsageError(`--architecture is tcn or stgcn, not "${architecture}".`);
    }
    const poseModel = values['pose-model'];
    if (poseModel !== undefined && !['lite', 'full', 'heavy'].includes(poseModel)) {
      throw new UsageError(`--pose-model is lite, full or heavy, not "${poseModel}".`);
    }
    const config = nest((values.set ?? []).map(setting));
    const json = values.json === true;
    const say = (text: string) => {
      if (!json) process.stderr.write(text + '\n');
    };
    const datasetRequest = {
      ...(level !== undefined ? { level } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(poseModel !== undefined ? { poseModel: poseModel as 'lite' | 'full' | 'heavy' } : {}),
      ...(values['recording-pattern'] !== undefined ? { recordingPattern: values['recording-pattern'] } : {}),
    };
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      if (!values['no-extract']) {
        const r = await engine.call('poses.extract', {
          usable: true,
          onlyMissing: true,
          ...(poseModel !== undefined ? { model: poseModel as 'lite' | 'full' | 'heavy' } : {}),
        });
        if (r.ok) {
          say(`Extracting the poses of ${r.value.total} frames of labelled tubes first…`);
          const job = await runOneJob(engine, r.value, (j) => {
            if (!json && process.stderr.isTTY) process.stderr.write(`\r\x1b[K${jobLine(j, 'tubes')}`);
          });
          if (!json && process.stderr.isTTY) process.stderr.write('\n');
          if (job.state !== 'done')
            throw new AmeliaError('internal', `Pose extraction ${job.state}: ${job.error ?? ''}`);
        } else if (!/already has current poses|No tube feeds training/.test(r.error.message)) {
          throw new AmeliaError(r.error.code, r.error.message, r.error.where);
        }
      }
      const dataset = unwrap(await engine.call('models.dataset', datasetRequest));
      if (!json) process.stdout.write(datasetText(dataset) + '\n');
      if (values['dry-run']) {
        if (json) printJson({ dataset });
        return 0;
      }
      const job = unwrap(
        await engine.call('models.train', {
          ...datasetRequest,
          ...(epochs !== undefined ? { epochs } : {}),
          ...(architecture !== undefined ? { architecture: architecture as 'tcn' | 'stgcn' } : {}),
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(Object.keys(config).length > 0 ? { config } : {}),
        }),
      );
      say(`Training (job ${job.id})…`);
      let printed = 0;
      const done = await runOneJob(engine, job, (j) => {
        const history = Array.isArray(j.result?.history) ? (j.result.history as unknown[]) : [];
        while (printed < history.length) {
          const e = epochReportSchema.safeParse(history[printed]);
          if (e.success) say(epochLine(e.data as EpochReportDto));
          printed++;
        }
      });
      if (done.state !== 'done') {
        process.stderr.write(
          `amelia train: training ${done.state}${done.error && done.state !== 'cancelled' ? `: ${done.error}` : ''}\n`,
        );
        if (json) printJson({ dataset, job: done });
        return 1;
      }
      const modelId = String(done.result?.modelId ?? '');
      const detail = unwrap(await engine.call('models.get', { modelId }));
      if (json) printJson({ dataset, job: done, model: detail });
      else {
        process.stdout.write(metricsText(detail) + '\n');
        process.stdout.write(`Model card: ${detail.info.dir}/card.md\n`);
      }
      return 0;
    });
  },
};
