import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceRun, ModelDetail, ModelInfo, DatasetSummary } from '../../../shared/domain/classifier';
import type { Run } from '../../support/cli';
import { ensureBuilt, runAmelia } from '../../support/cli';
import { dataPath } from '../../support/data';
import { readUpfallFixture } from '../../support/upfallFixture';
import { tempDir } from '../../support/tempProject';

const project = tempDir('amelia-cli-classifier-');
const fallbackProject = tempDir('amelia-cli-classifier-default-');

function amelia(...args: string[]): Promise<Run> {
  return runAmelia([...args, '--project', project.dir], {
    fallbackProject: fallbackProject.dir,
    timeoutMs: 600_000,
  });
}

async function json<T>(...args: string[]): Promise<T> {
  const run = await amelia(...args, '--json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** Three fall clips seen from the front (three recordings), labelled as the fixture says, with the CLI. */
const TRAIN_CLIPS = [
  'upfall/Activity1/Subject1/Trial1Cam2.mp4',
  'upfall/Activity2/Subject1/Trial1Cam2.mp4',
  'upfall/Activity3/Subject1/Trial1Cam2.mp4',
];
const NEW_RECORDING = 'upfall/Activity4/Subject1/Trial1Cam2.mp4';
/** A second new recording: one inference over two, whose people are numbered 1, 2… in each. */
const NEW_RECORDING_2 = 'upfall/Activity5/Subject1/Trial1Cam2.mp4';
const SMALL = [
  '--set',
  'windowFrames=16',
  '--set',
  'tcnChannels=16',
  '--set',
  'strideFrames=2',
  '--set',
  'evalStrideFrames=2',
];

beforeAll(async () => {
  ensureBuilt();
  const fixture = readUpfallFixture();
  await json('import', '--no-wait', ...TRAIN_CLIPS.map((c) => dataPath(c)));
  for (const clip of TRAIN_CLIPS) {
    const labels = fixture.clips.find((c) => c.clip === clip);
    if (!labels) throw new Error(`${clip} is not in the fixture`);
    await json('actors', 'add', dataPath(clip), '--name', labels.actor);
    for (const t of labels.tubes) {
      await json(
        'tubes',
        'add',
        dataPath(clip),
        '--actor',
        '1',
        '--from',
        String(t.from),
        '--to',
        String(t.to),
        '--label',
        t.label,
        ...t.boxes.flatMap(([x, y, w, h, f]) => ['--box', `${x},${y},${w},${h}@${f}`]),
      );
    }
  }
}, 600_000);

afterAll(() => {
  project.remove();
  fallbackProject.remove();
});

describe('amelia train and amelia infer on real clips', () => {
  it('shows the class counts first, very rare classes flagged (--dry-run extracts poses, trains nothing)', async () => {
    const run = await amelia('train', '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Classes at the situation level/);
    expect(run.stdout).toMatch(/Fall .*VERY RARE/);
    expect(run.stdout).toMatch(/Every recording shares its people \(subject1\)/);
    expect((await json<{ models: ModelInfo[] }>('models')).models ?? []).toEqual([]);
  });

  let model: ModelDetail;

  it('extracts the tubes’ poses, trains, and reports the test metrics (exit 0, one JSON document)', async () => {
    const r = await json<{ dataset: DatasetSummary; model: ModelDetail }>(
      'train',
      '--epochs',
      '2',
      '--name',
      'cli tcn',
      ...SMALL,
    );
    expect(r.dataset.classes.map((c) => c.nodeId)).toEqual(['fall', 'on-floor', 'static-posture']);
    expect(r.dataset.tubesUsed).toBe(9);
    model = r.model;
    expect(model.info.name).toBe('cli tcn');
    expect(model.history).toHaveLength(2);
    expect(model.metrics.test?.windows).toBeGreaterThan(0);
    expect(existsSync(join(model.info.dir, 'card.md'))).toBe(true);
    const text = await amelia('models', 'show', 'cli tcn');
    expect(text.stdout).toMatch(/Test split: \d+ windows: top-1 accuracy/);
  });

  it('runs the model on new recordings: imported, people found in each, timeline, alerts, JSON and CSV, pre-labels', async () => {
    const r = await json<{ runs: InferenceRun[]; preLabels: { confidence: number }[] }>(
      'infer',
      '--model',
      'cli tcn',
      dataPath(NEW_RECORDING),
      dataPath(NEW_RECORDING_2),
      '--pre-labels',
    );
    expect(r.runs).toHaveLength(2);
    for (const run of r.runs) {
      expect(run.videoName).toBe('Trial1Cam2.mp4');
      // Each recording keeps its own people (both are person 1 of their video).
      expect(run.people).toBeGreaterThanOrEqual(1);
      expect(run.segments.length).toBeGreaterThan(0);
      expect(readFileSync(run.outputs.csv, 'utf8').split('\n')[0]).toMatch(/^person,start_frame,end_frame/);
    }
    expect(r.preLabels.length).toBe(r.runs.reduce((n, run) => n + run.segments.length, 0));
    const [run] = r.runs;
    if (!run) throw new Error('no run');
    const c = r.preLabels.slice(0, run.segments.length).map((p) => p.confidence);
    expect(c).toEqual([...c].sort((a, b) => a - b));
    const text = await amelia('infer', '--model', model.info.id.slice(0, 8), dataPath(NEW_RECORDING));
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/person \d+: /);
    expect(text.stdout).toMatch(/results: .*results\.json/);
  });

  it('lists, shows the card of, and compares models', async () => {
    const list = await json<ModelInfo[]>('models');
    expect(list.map((m) => m.name)).toEqual(['cli tcn']);
    const card = await amelia('models', 'card', 'cli tcn');
    expect(card.stdout).toMatch(/^# Model card: cli tcn/);
    const cmp = await amelia('models', 'compare', 'cli tcn', 'cli tcn');
    expect(cmp.stdout).toMatch(/test macro-F1/);
  });

  it('exits 2 for usage mistakes and 1 for what cannot be done, with a message', async () => {
    const cases: [string[], number, RegExp][] = [
      [['train', '--architecture', 'rnn'], 2, /--architecture is tcn or stgcn/],
      [['train', '--set', 'nonsense'], 2, /--set takes KEY=VALUE/],
      [['train', '--level', '0'], 2, /--level takes a whole number from 1 to 10/],
      [['infer', dataPath(NEW_RECORDING)], 2, /Name the model with --model/],
      [['infer', '--model', 'cli tcn'], 2, /Name at least one video/],
      [['infer', '--model', 'nope', dataPath(NEW_RECORDING)], 1, /No model "nope"/],
      [
        ['train', '--epochs', '1', '--set', 'windowFrames=4'],
        1,
        /windowFrames must be from 8 to 256 frames \(got 4\)/,
      ],
      [
        ['train', '--dry-run', '--level', '3', '--pose-model', 'lite', '--no-extract'],
        1,
        /at least two classes/,
      ],
      [['models', 'frobnicate'], 2, /Unknown models action/],
    ];
    for (const [args, code, message] of cases) {
      const run = await amelia(...args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect((await amelia('train', '--help')).stdout).toMatch(/^Usage: amelia train/);
    expect((await amelia('infer', '--help')).stdout).toMatch(/^Usage: amelia infer --model M/);
  });
});
