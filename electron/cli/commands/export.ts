import { resolve } from 'node:path';
import type { ExportOptionsInput, ExportPlanSummary } from '../../../shared/contract/api';
import { EXPORT_FORMATS, exportFormatSchema, splitNameSchema } from '../../../shared/contract/api';
import { tubeStateSchema } from '../../../shared/dataset/manifest';
import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, intOption, parse, projectDirOf } from '../args';
import { printJson, table } from '../output';
import { runJobsWithProgress } from '../progress';
import { unwrap } from '../unwrap';
import { resolveVideo } from '../annotate';
import { withEngine } from '../withEngine';
import { plural } from '../../../shared/util/plural';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  video: { type: 'string', multiple: true },
  state: { type: 'string' },
  label: { type: 'string', multiple: true },
  annotator: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  unlabelled: { type: 'boolean', default: false },
  level: { type: 'string' },
  split: { type: 'string' },
  'no-splits': { type: 'boolean', default: false },
  seed: { type: 'string' },
  'no-stratify': { type: 'boolean', default: false },
  crop: { type: 'string' },
  margin: { type: 'string' },
  blur: { type: 'string' },
  crf: { type: 'string' },
  skeletons: { type: 'string' },
  'cvat-labels': { type: 'string' },
  'pose-only': { type: 'boolean', default: false },
  names: { type: 'boolean', default: false },
  notes: { type: 'boolean', default: false },
  'descriptive-names': { type: 'boolean', default: false },
  title: { type: 'string' },
  licence: { type: 'string' },
  consent: { type: 'string' },
  contact: { type: 'string' },
  overwrite: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
} as const;

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} takes ${allowed.join(', ')}, not "${value}".`);
  return value as T;
}

function splitsOf(text: string): { name: string; weight: number }[] {
  return text.split(',').map((part) => {
    const [name, weight, ...rest] = part.split('=').map((s) => s.trim());
    const w = Number(weight);
    if (!name || rest.length > 0 || !splitNameSchema.safeParse(name).success || !Number.isFinite(w) || w < 0)
      throw new UsageError(
        `--split takes name=share pairs such as train=0.7,val=0.15,test=0.15, not "${part}".`,
      );
    return { name, weight: w };
  });
}

function instant(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new UsageError(`--${name} takes a date such as 2026-01-31 or 2026-01-31T12:00:00Z.`);
  return new Date(t).toISOString();
}

function planText(plan: ExportPlanSummary): string {
  const lines = [
    `${plural(plan.tubes, 'tube')} (${plural(plan.frames, 'frame')}) of ${plural(plan.videos, 'video')}, ${plural(plan.classes.length, 'class', 'classes')}, ${plan.tubesWithPoses} with poses.`,
    '',
    table(
      ['class', 'name', 'tubes'],
      plan.classes.map((c) => [String(c.index), c.path.join(' › '), String(c.tubes)]),
    ),
    '',
    table(
      ['split', 'videos', 'persons', 'tubes', 'frames'],
      plan.splits.map((s) => [
        s.name,
        String(s.videos),
        String(s.persons),
        String(s.tubes),
        String(s.frames),
      ]),
    ),
  ];
  for (const l of plan.leftOut) lines.push(`left out: ${l.tubes} tubes ${l.reason}`);
  for (const w of plan.warnings) lines.push(`note: ${w}`);
  if (plan.folderProblem) lines.push(`folder: ${plan.folderProblem}`);
  return lines.join('\n') + '\n';
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a curated dataset: manifest, clips, skeletons, COCO, CVAT, AVA, card',
  usage: `Usage: amelia export [options] FOLDER

Exports the project's labelled tubes as a dataset into FOLDER, which must not exist (or, with
--overwrite, must be an earlier export). The export runs as a job with progress on stderr
(Ctrl-C cancels it); it is written beside FOLDER and renamed into place only when complete.

Formats (--format, comma-separated; default all): manifest (amelia's JSON, imports back),
clips (H.264 MP4 per tube, cut to its frames, cropped to its boxes), pyskl (MMAction2/PYSKL
skeleton pickles, 2D and 3D, with the label map), coco (COCO keypoints), cvat (CVAT for video
1.1 XML), ava (AVA-style CSV), card (the dataset card, README.md).

Which tubes:
      --video VIDEO      only this video (id, start of its id, or file name; repeat)
      --state LIST       review states (${tubeStateSchema.options.join(', ')})
      --label NODE       tubes labelled with this taxonomy node or below it (repeat)
      --annotator ID     tubes these people worked on (repeat; "local" without sign-in)
      --from DATE        tubes last changed on or after DATE
      --to DATE          tubes last changed on or before DATE
      --unlabelled       keep tubes without a label (in the manifest and CVAT)
      --level N          classes at taxonomy level N (1 = the top); default each tube's own label

Splits (never sharing a recording or a person; stratified by class; seeded):
      --split LIST       shares, default train=0.7,val=0.15,test=0.15
      --no-splits        every tube in "all"
      --seed N           default 0: the same seed gives the same splits
      --no-stratify      balance sizes only

Clips and formats:
      --crop MODE        stable (covers the whole track), follow (moves with the box), none
      --margin X         added around the box, as a share of its size (default 0.1)
      --blur MODE        none, or others: blur everything outside the actor's window
      --crf N            x264 quality (default 18)
      --skeletons LIST   2d,3d (default both)
      --cvat-labels M    labels (default), or attribute (one "person" label with an "action")

Privacy and the card:
      --pose-only        no pixels at all: no clips
      --names            include video file names and people's names
      --notes            include the tubes' notes
      --descriptive-names  file names that say what is in them (made safe)
      --title, --licence, --consent, --contact TEXT   fields of the dataset card

      --overwrite        replace an earlier export at FOLDER
      --dry-run          show what would be exported; write nothing
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, OPTIONS, true);
    if (positionals.length !== 1) throw new UsageError('Name one folder to export into.');
    const outDir = resolve(positionals[0] as string);
    const formats = list(values.format)?.map((f) => {
      const r = exportFormatSchema.safeParse(f);
      if (!r.success) throw new UsageError(`--format takes ${EXPORT_FORMATS.join(', ')}, not "${f}".`);
      return r.data;
    });
    const states = list(values.state)?.map((s) => {
      const r = tubeStateSchema.safeParse(s);
      if (!r.success)
        throw new UsageError(`--state takes ${tubeStateSchema.options.join(', ')}, not "${s}".`);
      return r.data;
    });
    if (values['no-splits'] && values.split)
      throw new UsageError('--split and --no-splits exclude each other.');
    const seed = intOption(values.seed, 'seed', 0, 4_294_967_295);
    const level = intOption(values.level, 'level', 1, 12);
    const crf = intOption(values.crf, 'crf', 0, 51);
    const margin = values.margin === undefined ? undefined : Number(values.margin);
    if (margin !== undefined && !(margin >= 0 && margin <= 2))
      throw new UsageError('--margin takes a number from 0 to 2.');
    const skeletons = list(values.skeletons)?.map(
      (s) => oneOf(s, ['2d', '3d'] as const, 'skeletons') as '2d' | '3d',
    );
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const videoIds = values.video
        ? await Promise.all(values.video.map(async (v) => (await resolveVideo(engine, v)).id))
        : undefined;
      const options: ExportOptionsInput = {
        outDir,
        overwrite: values.overwrite,
        // Pose-only without a list of formats: every format but the clips.
        ...(formats
          ? { formats }
          : values['pose-only']
            ? { formats: EXPORT_FORMATS.filter((f) => f !== 'clips') }
            : {}),
        selection: {
          ...(videoIds ? { videoIds } : {}),
          ...(states ? { states } : {}),
          ...(values.label ? { labels: values.label } : {}),
          ...(values.annotator ? { annotators: values.annotator } : {}),
          ...(values.from ? { changedFrom: instant(values.from, 'from') } : {}),
          ...(values.to ? { changedTo: instant(values.to, 'to') } : {}),
          includeUnlabelled: values.unlabelled,
        },
        ...(level !== undefined ? { level } : {}),
        splits: values['no-splits']
          ? null
          : {
              parts: values.split
                ? splitsOf(values.split)
                : [
                    { name: 'train', weight: 0.7 },
                    { name: 'val', weight: 0.15 },
                    { name: 'test', weight: 0.15 },
                  ],
              seed: seed ?? 0,
              stratify: !values['no-stratify'],
            },
        clips: {
          ...(values.crop ? { crop: oneOf(values.crop, ['stable', 'follow', 'none'] as const, 'crop') } : {}),
          ...(margin !== undefined ? { margin } : {}),
          ...(values.blur ? { blur: oneOf(values.blur, ['none', 'others'] as const, 'blur') } : {}),
          ...(crf !== undefined ? { crf } : {}),
        },
        privacy: {
          poseOnly: values['pose-only'],
          includeNames: values.names,
          includeNotes: values.notes,
          descriptiveFileNames: values['descriptive-names'],
        },
        ...(skeletons ? { skeletons } : {}),
        ...(values['cvat-labels']
          ? { cvatLabels: oneOf(values['cvat-labels'], ['labels', 'attribute'] as const, 'cvat-labels') }
          : {}),
        card: {
          ...(values.title ? { title: values.title } : {}),
          ...(values.licence ? { licence: values.licence } : {}),
          ...(values.consent ? { consent: values.consent } : {}),
          ...(values.contact ? { contact: values.contact } : {}),
        },
      };
      const plan = unwrap(await engine.call('exports.preview', options));
      if (values['dry-run']) {
        if (values.json) printJson({ plan });
        else process.stdout.write(planText(plan));
        return 0;
      }
      if (!values.json) process.stderr.write(planText(plan));
      const job = unwrap(await engine.call('exports.start', options));
      const t0 = Date.now();
      const [ended] = await runJobsWithProgress(
        engine,
        [job.id],
        new Map([['', 'dataset']]),
        values.json === true,
      );
      const result = ended?.result ?? null;
      if (values.json) printJson({ plan, job: ended ?? job });
      if (!ended || ended.state !== 'done') {
        process.stderr.write(
          `amelia export: the export ${ended?.state === 'cancelled' ? 'was cancelled' : `failed: ${ended?.error ?? 'unknown error'}`}; nothing was written to ${outDir}\n`,
        );
        return 1;
      }
      if (!values.json) {
        const bytes = typeof result?.bytes === 'number' ? result.bytes : 0;
        const files = typeof result?.files === 'number' ? result.files : 0;
        process.stdout.write(
          `Exported ${plural(plan.tubes, 'tube')} of ${plural(plan.videos, 'video')} to ${outDir}: ${plural(files, 'file')}, ${(bytes / 1024 / 1024).toFixed(1)} MiB, in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`,
        );
      }
      return 0;
    });
  },
};
