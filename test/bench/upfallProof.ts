// npm run bench:upfall -- [--project DIR] [--epochs N] [--seed N] — the UP-Fall proof: every UP-Fall clip of
// ../shared/data imported, labelled with the situations of test/fixtures/classifier/upfall-situations.json
// (tubes made through the API, as `amelia tubes add` makes them), the tubes' poses extracted, then a temporal
// CNN and an ST-GCN trained at the situation level (cameras of one trial kept together) and scored on the
// held-out split. Resumable: a project that has the clips, labels or poses already keeps them. Prints the
// class counts, each model's test metrics and the comparison, then one JSON line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../../electron/engine/engine';
import type { Engine } from '../../electron/engine/engine';
import { datasetText, metricsText } from '../../electron/cli/classify';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/contract/api';
import type { Job } from '../../shared/domain/job';
import { dataPath } from '../support/data';
import { readUpfallFixture } from '../support/upfallFixture';

async function call<M extends MethodName>(
  engine: Engine,
  method: M,
  request: RequestOf<M>,
): Promise<ResponseOf<M>> {
  const r = await engine.call(method, request);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

async function runJob(engine: Engine, job: Job, label: string): Promise<Job> {
  let last = 0;
  const off = engine.on((e) => {
    if (e.name !== 'job.progress' || e.payload.id !== job.id) return;
    if (Date.now() - last > 10_000) {
      last = Date.now();
      process.stderr.write(`${label}: ${e.payload.done.toFixed(1)}/${e.payload.total} ${e.payload.unit}\n`);
    }
  });
  engine.jobs.start();
  await engine.jobs.whenIdle([job.id]);
  off();
  const done = (await call(engine, 'jobs.list', {})).find((j) => j.id === job.id);
  if (!done || done.state !== 'done')
    throw new Error(`${label} ${done?.state ?? 'vanished'}: ${done?.error ?? ''}`);
  return done;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { project: { type: 'string' }, epochs: { type: 'string' }, seed: { type: 'string' } },
  });
  const projectDir = values.project ?? mkdtempSync(join(tmpdir(), 'amelia-upfall-'));
  const epochs = Number(values.epochs ?? 40);
  const fixture = readUpfallFixture();
  const engine = await createEngine({ projectDir, runJobs: false });
  const t0 = performance.now();
  try {
    // Clips and labels.
    const labelled: string[] = [];
    for (const clip of fixture.clips) {
      const r = await call(engine, 'videos.import', { paths: [dataPath(clip.clip)] });
      const videoId = r.imported[0]?.id ?? r.duplicates[0]?.videoId;
      if (!videoId) throw new Error(`${clip.clip}: ${JSON.stringify(r.failed)}`);
      const segments = await call(engine, 'segments.list', { videoId });
      if (segments.some((s) => s.label !== null)) {
        labelled.push(...segments.filter((s) => s.label !== null).map((s) => s.id));
        continue;
      }
      const actor = await call(engine, 'actors.create', {
        clientId: 'upfall-proof',
        videoId,
        name: clip.actor,
      });
      for (const t of clip.tubes) {
        const s = await call(engine, 'segments.create', {
          clientId: 'upfall-proof',
          videoId,
          actorId: actor.id,
          startFrame: t.from,
          endFrame: t.to,
          labelNodeId: t.label,
          keyframes: t.boxes.map(([x, y, width, height, frame]) => ({
            frame,
            x,
            y,
            width,
            height,
            outside: false,
          })),
        });
        labelled.push(s.id);
      }
    }
    for (const j of await call(engine, 'jobs.list', {})) {
      if (j.state === 'queued' && (j.kind === 'proxy' || j.kind === 'thumbnails'))
        await call(engine, 'jobs.cancel', { jobId: j.id });
    }
    // Poses of the labelled tubes (those missing).
    const extract = await engine.call('poses.extract', { segmentIds: labelled, onlyMissing: true });
    let posesSec = 0;
    if (extract.ok) {
      const p0 = performance.now();
      await runJob(engine, extract.value, 'poses');
      posesSec = (performance.now() - p0) / 1000;
    }
    const seed = Number(values.seed ?? 1);
    const request = { recordingPattern: fixture.recordingPattern, level: 1, seed };
    const dataset = await call(engine, 'models.dataset', request);
    console.log(datasetText(dataset) + '\n');
    const results = [];
    for (const architecture of ['tcn', 'stgcn'] as const) {
      const job = await call(engine, 'models.train', {
        ...request,
        architecture,
        epochs,
        name: `upfall ${architecture}`,
      });
      const done = await runJob(engine, job, `train ${architecture}`);
      const detail = await call(engine, 'models.get', { modelId: String(done.result?.modelId) });
      console.log(metricsText(detail) + '\n');
      results.push(detail);
    }
    const [a, b] = results;
    if (a && b) {
      const c = await call(engine, 'models.compare', { a: a.info.id, b: b.info.id });
      for (const r of c.rows)
        console.log(`${r.metric.padEnd(28)} tcn ${r.a?.toFixed(3) ?? '–'}  stgcn ${r.b?.toFixed(3) ?? '–'}`);
    }
    console.log(
      JSON.stringify({
        bench: 'upfall',
        project: projectDir,
        seed,
        clips: fixture.clips.length,
        tubes: dataset.tubesUsed,
        posesSec: Math.round(posesSec),
        totalSec: Math.round((performance.now() - t0) / 1000),
        classes: dataset.classes.map((c) => ({ name: c.name, windows: c.windows, rare: c.rare })),
        groupedBy: dataset.groupedBy,
        models: results.map((d) => ({
          id: d.info.id,
          architecture: d.info.architecture,
          parameters: d.info.parameterCount,
          epochsRun: d.info.epochsRun,
          bestEpoch: d.info.bestEpoch,
          secondsPerEpoch: Number(
            (d.history.reduce((s, h) => s + h.seconds, 0) / Math.max(1, d.history.length)).toFixed(2),
          ),
          test: d.metrics.test && {
            windows: d.metrics.test.windows,
            accuracy: Number(d.metrics.test.metrics.accuracy.toFixed(4)),
            meanClassAccuracy: Number(d.metrics.test.metrics.meanClassAccuracy.toFixed(4)),
            macroF1: Number(d.metrics.test.metrics.macroF1.toFixed(4)),
            ece: Number(d.metrics.test.calibration.ece.toFixed(4)),
            perClassF1: d.metrics.test.metrics.perClass.map((p) => Number(p.f1.toFixed(3))),
            events: d.metrics.test.events,
          },
        })),
      }),
    );
  } finally {
    await engine.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
