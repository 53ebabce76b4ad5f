// npm run bench:train — training time per epoch and inference speed of the situation classifier on this
// machine: both architectures trained on the md4fd skeleton sequences of ../shared/data (a fixed number of
// epochs), windows classified a second, and the real-time factor on a recording (whole-video pose
// extraction of a UP-Fall clip, then classification of its people). Prints a table, then one JSON line.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../electron/engine/engine';
import { latestTracks, poseTrackOf } from '../../electron/engine/classifier/inferJob';
import { openDatabase } from '../../electron/engine/store/openDatabase';
import { getFrameTimes } from '../../electron/engine/store/videoRows';
import { stratifiedGroupSplit } from '../../models/classifier/dataset/split';
import { featuresOf } from '../../models/classifier/dataset/windowSet';
import { alertRulesOf } from '../../models/classifier/evaluate/evaluate';
import { parseMd4fd } from '../../models/classifier/importers/md4fd';
import { inferTracks } from '../../models/classifier/infer';
import { prepareClassifierBackend } from '../../models/classifier/node';
import { trainAndEvaluate } from '../../models/classifier/pipeline';
import { createSituationClassifier } from '../../models/classifier/classifier';
import type { ClassInfo, PoseTrack } from '../../models/classifier/types';
import { prepareTrack, windowsOf } from '../../models/classifier/windows';
import { DATA_DIR } from '../support/data';

const DATA = process.env.AMELIA_DATA ?? DATA_DIR;
const EPOCHS = Number(process.env.AMELIA_BENCH_EPOCHS ?? 8);
const CLIP = 'upfall/Activity1/Subject1/Trial1Cam2.mp4';
const CLASSES: ClassInfo[] = [
  { nodeId: 'daily-activity', name: 'No fall (daily activity)' },
  { nodeId: 'fall', name: 'Fall' },
];

function md4fd() {
  const read = (file: string, fps: number) =>
    parseMd4fd(readFileSync(join(DATA, 'md4fd-skeleton', file), 'utf8'), {
      source: file,
      fps,
      classOf: { 0: 0, 1: 1 },
    });
  return [...read('ur_fall_FALL.json', 30), ...read('le2i_home_01.json', 25)];
}

async function main(): Promise<void> {
  const choice = await prepareClassifierBackend('auto');
  const seqs = md4fd();
  const plan = stratifiedGroupSplit(
    seqs.map((s) => ({
      group: s.recording,
      classCounts: s.label === 1 ? [0, s.track.times.length] : [s.track.times.length, 0],
    })),
    2,
    { train: 0.6, validation: 0.2, test: 0.2 },
    1,
  );
  const data = { classes: CLASSES, tracks: seqs.map((s) => s.track), splits: plan.items };
  const rows: {
    architecture: string;
    parameters: number;
    windows: number;
    secondsPerEpoch: number;
    testMacroF1: number | null;
    windowsPerSecond: number;
  }[] = [];
  const config = { jointSet: 'md4fd11' as const, epochs: EPOCHS, patience: EPOCHS, seed: 1 };
  for (const architecture of ['tcn', 'stgcn'] as const) {
    const trained = await trainAndEvaluate(data, { ...config, architecture }, { critical: [1] });
    const perEpoch = trained.history.slice(1).map((h) => h.seconds);
    const classifier = createSituationClassifier({
      classes: CLASSES,
      artifacts: { model: trained.model, weights: trained.weights },
    });
    const prepared = data.tracks.map((t) => prepareTrack(t, classifier.config.frameRateHz));
    const batch = featuresOf(
      prepared,
      windowsOf(prepared, classifier.config, { stride: 1, keepUnlabelled: true }),
      classifier.config,
    );
    await classifier.predict(batch);
    const t0 = performance.now();
    const reps = 3;
    for (let i = 0; i < reps; i++) await classifier.predict(batch);
    const sec = (performance.now() - t0) / 1000;
    classifier.dispose();
    rows.push({
      architecture,
      parameters: trained.parameterCount,
      windows: trained.windows.train.reduce((a, b) => a + b, 0),
      secondsPerEpoch: perEpoch.reduce((a, b) => a + b, 0) / Math.max(1, perEpoch.length),
      testMacroF1: trained.test?.metrics.macroF1 ?? null,
      windowsPerSecond: (batch.count * reps) / sec,
    });
  }

  // Real-time factor on a recording: whole-video poses (people found, followed, BlazePose on each), then the
  // temporal CNN over each person (the md4fd model above: 11 joints, image coordinates).
  const dir = mkdtempSync(join(tmpdir(), 'amelia-bench-train-'));
  let rtf: { durationSec: number; posesSec: number; classifySec: number; people: number; windows: number };
  try {
    const engine = await createEngine({ projectDir: dir, runJobs: false });
    try {
      const imported = await engine.call('videos.import', { paths: [join(DATA, CLIP)] });
      if (!imported.ok || !imported.value.imported[0]) throw new Error(`cannot import ${CLIP}`);
      const video = imported.value.imported[0];
      // The proxy and thumbnails of the import are not what is measured.
      const listed = await engine.call('jobs.list', {});
      for (const j of listed.ok ? listed.value : []) {
        if (j.state === 'queued') await engine.call('jobs.cancel', { jobId: j.id });
      }
      const job = await engine.call('poses.extract', { videoIds: [video.id], wholeVideo: true });
      if (!job.ok) throw new Error(job.error.message);
      const t0 = performance.now();
      engine.jobs.start();
      await engine.jobs.whenIdle([job.value.id]);
      const posesSec = (performance.now() - t0) / 1000;
      const db = openDatabase(join(dir, 'amelia.sqlite'));
      const times = getFrameTimes(db, video.id) as Float64Array;
      const tracks = latestTracks(db, video.id, 'blazepose-full')
        .map((t) => poseTrackOf(db, t, times))
        .filter((t): t is PoseTrack => t !== null);
      db.close();
      const trained = await trainAndEvaluate(
        data,
        { ...config, epochs: 2, architecture: 'tcn' },
        { critical: [1] },
      );
      const classifier = createSituationClassifier({
        classes: CLASSES,
        artifacts: { model: trained.model, weights: trained.weights },
      });
      const t1 = performance.now();
      const inference = await inferTracks(classifier, tracks, alertRulesOf([1]));
      const classifySec = (performance.now() - t1) / 1000;
      classifier.dispose();
      rtf = {
        durationSec: video.durationSec,
        posesSec,
        classifySec,
        people: tracks.length,
        windows: inference.windows,
      };
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`backend: ${choice.backend} (${choice.reason})`);
  console.log(`machine: ${availableParallelism()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(
    `md4fd: ${seqs.length} sequences, ${new Set(seqs.map((s) => s.recording)).size} recordings, ${EPOCHS} epochs each\n`,
  );
  console.log('architecture  parameters  train windows  s/epoch  test macro-F1  windows/s (inference)');
  for (const r of rows) {
    console.log(
      `${r.architecture.padEnd(12)}  ${String(r.parameters).padStart(10)}  ${String(r.windows).padStart(13)}  ${r.secondsPerEpoch.toFixed(2).padStart(7)}  ${(r.testMacroF1 ?? 0).toFixed(3).padStart(13)}  ${r.windowsPerSecond.toFixed(0).padStart(21)}`,
    );
  }
  const total = rtf.posesSec + rtf.classifySec;
  console.log(
    `\nreal-time factor on ${CLIP} (${rtf.durationSec.toFixed(1)} s, ${rtf.people} people, ${rtf.windows} windows): ` +
      `${(total / rtf.durationSec).toFixed(2)} × (poses ${(rtf.posesSec / rtf.durationSec).toFixed(2)} ×, classification ${(rtf.classifySec / rtf.durationSec).toFixed(3)} ×)`,
  );
  console.log(
    JSON.stringify({
      bench: 'train',
      backend: choice.backend,
      cores: availableParallelism(),
      epochs: EPOCHS,
      architectures: rows.map((r) => ({
        architecture: r.architecture,
        parameters: r.parameters,
        trainWindows: r.windows,
        secondsPerEpoch: Number(r.secondsPerEpoch.toFixed(3)),
        testMacroF1: r.testMacroF1 === null ? null : Number(r.testMacroF1.toFixed(4)),
        windowsPerSecond: Math.round(r.windowsPerSecond),
      })),
      recording: {
        clip: CLIP,
        durationSec: Number(rtf.durationSec.toFixed(3)),
        people: rtf.people,
        windows: rtf.windows,
        posesSec: Number(rtf.posesSec.toFixed(2)),
        classifySec: Number(rtf.classifySec.toFixed(3)),
        realTimeFactor: Number((total / rtf.durationSec).toFixed(3)),
        classificationRealTimeFactor: Number((rtf.classifySec / rtf.durationSec).toFixed(4)),
      },
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
