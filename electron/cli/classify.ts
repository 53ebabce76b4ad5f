import { AmeliaError } from '../../shared/contract/envelope';
import type { DatasetSummary, InferenceRun, ModelDetail, ModelInfo } from '../../shared/domain/classifier';
import type { Job } from '../../shared/domain/job';
import { formatTimecode } from '../../shared/frames/frameTimes';
import type { Engine } from '../engine/engine';
import { table } from './output';
import { unwrap } from './unwrap';

/** A model named by its id, a unique start of one, or its name. */
export async function resolveModel(engine: Engine, ref: string): Promise<ModelInfo> {
  const models = unwrap(await engine.call('models.list', {}));
  const exact = models.find((m) => m.id === ref);
  if (exact) return exact;
  const byName = models.filter((m) => m.name === ref);
  if (byName.length === 1) return byName[0] as ModelInfo;
  const byPrefix = models.filter((m) => m.id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0] as ModelInfo;
  const many = byName.length > 1 ? byName : byPrefix;
  if (many.length > 1) {
    throw new AmeliaError(
      'invalid_request',
      `"${ref}" names more than one model: ${many.map((m) => `${m.id.slice(0, 8)} (${m.name})`).join(', ')}. Give more of the id.`,
    );
  }
  throw new AmeliaError('not_found', `No model "${ref}" in this project (\`amelia models\` lists them).`);
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`;
const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));

/** The class counts people see before training, and what is flagged. */
export function datasetText(d: DatasetSummary): string {
  const rows = d.classes.map((c) => [
    c.name,
    String(c.tubes),
    String(c.recordings),
    String(c.windows.train),
    String(c.windows.validation),
    String(c.windows.test),
    c.rare ? 'VERY RARE' : '',
  ]);
  const splits = (['train', 'validation', 'test'] as const)
    .map(
      (s) =>
        `${s} ${d.splits[s].groups} group(s), ${d.splits[s].tracks} track(s), ${d.splits[s].windows} windows`,
    )
    .join('; ');
  return [
    `Classes at the ${d.levelName} level (taxonomy version ${d.taxonomyVersion}), ${d.tubesUsed} tubes with ${d.poseModel} poses from ${d.videos.length} video(s):`,
    table(['class', 'tubes', 'recordings', 'train', 'validation', 'test', ''], rows),
    `Splits (by ${d.groupedBy === 'recording' ? 'recording' : 'recording and person'}, seed ${d.seed}): ${splits}.`,
    ...d.tubesSkipped.map((s) => `Left out: ${s.count} tube(s): ${s.reason}.`),
    ...d.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}

/** A trained model's scores on its held-out split. */
export function metricsText(m: ModelDetail): string {
  const t = m.metrics.test;
  const names = m.info.classes.map((c) => c.name);
  if (!t) return `${m.info.name}: no test split (nothing was held out).`;
  const lines = [
    `Model ${m.info.id} "${m.info.name}" (${m.info.architecture}, ${m.info.parameterCount} parameters, best epoch ${m.info.bestEpoch} of ${m.info.epochsRun}, ${m.info.trainSeconds.toFixed(0)} s on ${m.info.backend})`,
    `Test split: ${t.windows} windows: top-1 accuracy ${pct(t.metrics.accuracy)}, mean class accuracy ${pct(t.metrics.meanClassAccuracy)}, macro-F1 ${f3(t.metrics.macroF1)}, ECE ${f3(t.calibration.ece)}`,
    table(
      ['class', 'precision', 'recall', 'F1', 'windows'],
      t.metrics.perClass.map((c, i) => [
        names[i] ?? String(i),
        f3(c.precision),
        f3(c.recall),
        f3(c.f1),
        String(c.support),
      ]),
    ),
    'Confusion (rows true, columns predicted):',
    table(
      ['', ...names],
      t.metrics.confusion.map((r, i) => [names[i] ?? String(i), ...r.map(String)]),
    ),
  ];
  if (t.events) {
    for (const c of t.events.perClass) {
      lines.push(
        `Events of "${names[c.classIndex]}": ${c.detected}/${c.events} found (recall ${pct(c.recall)}), ${c.alerts} alert(s)`,
      );
    }
    lines.push(
      `False alarms: ${t.events.falseAlarms} in ${(t.events.hours * 60).toFixed(1)} min (${t.events.falseAlarmsPerHour === null ? '–' : t.events.falseAlarmsPerHour.toFixed(1)}/hour)`,
    );
  }
  return lines.join('\n');
}

/** One line per epoch of a training job, as the job's result grows. */
export function epochLine(e: {
  epoch: number;
  epochs: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number | null;
  validationMacroF1: number | null;
  seconds: number;
}): string {
  return `epoch ${e.epoch}/${e.epochs}: loss ${e.trainLoss.toFixed(3)}, accuracy ${pct(e.trainAccuracy)}, validation loss ${f3(e.validationLoss)}, validation macro-F1 ${f3(e.validationMacroF1)} (${e.seconds.toFixed(1)} s)`;
}

/** A run's people, their timelines and alerts, and the drift check. */
export function runText(r: InferenceRun): string {
  const lines = [
    `${r.videoName}: ${r.people} ${r.people === 1 ? 'person' : 'people'}, ${r.windows} windows${r.realTimeFactor !== null ? `, ${r.realTimeFactor.toFixed(2)}× real time` : ''}`,
  ];
  const people = [...new Set(r.segments.map((s) => s.person))];
  for (const p of people) {
    const segs = r.segments.filter((s) => s.person === p);
    lines.push(
      `  person ${p}: ` +
        segs
          .map(
            (s) =>
              `${formatTimecode(s.startSec)}–${formatTimecode(s.endSec)} ${s.name} (${s.confidence.toFixed(2)})`,
          )
          .join(', '),
    );
  }
  for (const a of r.alerts) {
    lines.push(
      `  ALERT ${a.name}: person ${a.person} at ${formatTimecode(a.startSec)} (frames ${a.startFrame}–${a.endFrame}, p=${a.peak.toFixed(2)})`,
    );
  }
  if (r.drift.level !== 'none')
    for (const m of r.drift.messages) lines.push(`  drift ${r.drift.level}: ${m}`);
  lines.push(`  results: ${r.outputs.json}`, `           ${r.outputs.csv}`);
  return lines.join('\n');
}

/** Runs one job to its end in this process, telling `onJob` of every change; Ctrl-C cancels it. */
export async function runOneJob(engine: Engine, job: Job, onJob: (job: Job) => void): Promise<Job> {
  const off = engine.on((event) => {
    if (event.name === 'job.progress' && event.payload.id === job.id) onJob(event.payload);
  });
  const onSigint = () => {
    process.stderr.write('\nCancelling…\n');
    try {
      engine.jobs.cancel(job.id);
    } catch {
      // already ended
    }
  };
  process.on('SIGINT', onSigint);
  try {
    engine.jobs.start();
    await engine.jobs.whenIdle([job.id]);
  } finally {
    process.off('SIGINT', onSigint);
    off();
  }
  const all = unwrap(await engine.call('jobs.list', {}));
  const done = all.find((j) => j.id === job.id);
  if (!done) throw new AmeliaError('internal', `Job ${job.id} vanished.`);
  return done;
}
