import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_FILES } from '../../../../electron/engine/classifier/registry';
import { openDatabase } from '../../../../electron/engine/store/openDatabase';
import { projectLayout } from '../../../../electron/engine/project/layout';
import type { Job } from '../../../../shared/domain/job';
import { call, refused } from '../../../support/annotation';
import { CLIENT, CLIPS, FALL_PHASES, givePeople, labelPerson } from '../../../support/classifierProject';
import { probeNodeBackends } from '../../../../models/pose/backends/probe';
import { nodePoseRuntime } from '../../../../electron/engine/poses/posesJob';
import { withFileGone } from '../../../support/files';
import { ffmpeg } from '../../../support/media';
import { useTempEngine } from '../../../support/tempEngine';
import { tempDir } from '../../../support/tempProject';

/** Small and quick: the CI machine has two cores. */
const SMALL = { windowFrames: 16, strideFrames: 2, tcnChannels: 16, gcnChannels: [8, 8], batchSize: 16 };

/** Recordings of inference here are short: a group of whole-video work holds one of them. */
const GROUP_FRAMES = 25;

describe('training and inference jobs', () => {
  const t = useTempEngine({
    poseRuntime: { ...nodePoseRuntime(probeNodeBackends), wholeVideoGroupFrames: GROUP_FRAMES },
  });
  let db: Database;
  const videos: Record<string, string> = {};
  const progress: Job[] = [];

  async function run(job: Job): Promise<Job> {
    t.engine.jobs.start();
    await t.engine.jobs.whenIdle([job.id]);
    const done = (await call(t.engine, 'jobs.list', {})).find((j) => j.id === job.id);
    if (!done) throw new Error('job vanished');
    return done;
  }

  /** Where the tests' synthetic recordings are made. */
  const recordings = tempDir('amelia-infer-recordings-');

  /** Imports a short synthetic recording (no person in it); each size is a different content. */
  async function importRecording(name: string, size: string): Promise<{ path: string; id: string }> {
    const path = join(recordings.dir, name);
    await ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-frames:v', '20', '-y', path]);
    const [video] = (await call(t.engine, 'videos.import', { paths: [path] })).imported;
    if (!video) throw new Error(`${name} was not imported`);
    return { path, id: video.id };
  }

  beforeAll(async () => {
    db = openDatabase(projectLayout(t.engine.project.dir).database);
    t.engine.on((e) => {
      if (e.name === 'job.progress') progress.push(e.payload);
    });
    for (const key of ['a1t1c1', 'a2t1c1', 'a3t1c1', 'a4t1c1', 'a6t1c1'] as const) {
      const r = await call(t.engine, 'videos.import', { paths: [CLIPS[key]] });
      videos[key] = r.imported[0]?.id as string;
    }
    for (const [i, key] of ['a1t1c1', 'a2t1c1', 'a3t1c1', 'a4t1c1'].entries()) {
      await labelPerson(t.engine, db, videos[key] as string, `Person ${i}`, FALL_PHASES, i + 1);
    }
    // Proxies and thumbnails are not what these tests are about: they would run first.
    for (const j of await call(t.engine, 'jobs.list', {})) {
      if (j.state === 'queued') await call(t.engine, 'jobs.cancel', { jobId: j.id });
    }
  }, 300_000);
  afterAll(() => {
    db.close();
    recordings.remove();
  });

  let modelId = '';

  it('trains as a job: the curves grow in the running job’s result, the model lands in the registry', async () => {
    const job = await call(t.engine, 'models.train', {
      name: 'tcn small',
      architecture: 'tcn',
      epochs: 3,
      config: SMALL,
    });
    expect(job.kind).toBe('train');
    expect(job.unit).toBe('epochs');
    const done = await run(job);
    expect(done.state, done.error ?? '').toBe('done');
    const running = progress.filter((j) => j.id === job.id && j.state === 'running');
    const lengths = running.map((j) => (Array.isArray(j.result?.history) ? j.result.history.length : 0));
    expect(Math.max(...lengths)).toBe(3);
    expect(lengths.indexOf(1)).toBeLessThan(lengths.indexOf(3));
    modelId = String(done.result?.modelId);
    const [info] = await call(t.engine, 'models.list', {});
    expect(info?.id).toBe(modelId);
    expect(info?.classes.map((c) => c.nodeId)).toEqual(['fall', 'on-floor', 'locomotion']);
    expect(info?.testMacroF1).not.toBeNull();
    for (const f of Object.values(MODEL_FILES)) expect(existsSync(join(info?.dir ?? '', f)), f).toBe(true);
    const snapshot = JSON.parse(readFileSync(join(info?.dir ?? '', MODEL_FILES.dataset), 'utf8')) as {
      tracks: { split: string; videoId: string }[];
    };
    expect(snapshot.tracks).toHaveLength(4);
    expect(new Set(snapshot.tracks.map((x) => x.split))).toEqual(new Set(['train', 'validation', 'test']));
  });

  it('keeps metrics, curves, dataset and card with the model', async () => {
    const d = await call(t.engine, 'models.get', { modelId });
    expect(d.history).toHaveLength(3);
    expect(d.metrics.test?.metrics.confusion).toHaveLength(3);
    expect(d.metrics.critical).toEqual([0, 1]);
    expect(d.metrics.test?.events?.perClass.map((c) => c.events)).toEqual([1, 1]);
    expect(d.dataset.groupedBy).toBe('recording-and-person');
    for (const c of d.dataset.classes) {
      const windows = c.windows.train + c.windows.validation + c.windows.test;
      expect(c.rare, c.name).toBe(windows < 30 || c.recordings < 3);
    }
    expect(d.dataset.rareRule).toBe('fewer than 30 windows or 3 recordings in all');
    const card = (await call(t.engine, 'models.card', { modelId })).markdown;
    for (const section of [
      '# Model card: tcn small',
      '## Intended use',
      '## Data',
      '## Metrics',
      '## Limits',
      '## Known failure cases',
      '## Taxonomy',
    ]) {
      expect(card).toContain(section);
    }
  });

  it('compares two models, metric by metric', async () => {
    const job = await call(t.engine, 'models.train', {
      name: 'stgcn small',
      architecture: 'stgcn',
      epochs: 2,
      config: SMALL,
    });
    const done = await run(job);
    expect(done.state, done.error ?? '').toBe('done');
    const c = await call(t.engine, 'models.compare', { a: modelId, b: String(done.result?.modelId) });
    expect(c.rows.map((r) => r.metric)).toContain('test macro-F1');
    const f1 = c.rows.find((r) => r.metric === 'test macro-F1');
    expect(f1?.delta).toBeCloseTo((f1?.b ?? 0) - (f1?.a ?? 0), 12);
    expect(c.perClass.map((p) => p.nodeId)).toEqual(['fall', 'on-floor', 'locomotion']);
    expect(c.notes).toEqual([]);
  });

  it('cancels a training job, leaving no model', async () => {
    const before = (await call(t.engine, 'models.list', {})).length;
    const job = await call(t.engine, 'models.train', { epochs: 200, config: { ...SMALL, patience: 200 } });
    let asked = false;
    const off = t.engine.on((e) => {
      if (asked || e.name !== 'job.progress' || e.payload.id !== job.id) return;
      if (Array.isArray(e.payload.result?.history) && e.payload.result.history.length >= 1) {
        asked = true;
        t.engine.jobs.cancel(job.id);
      }
    });
    const done = await run(job);
    off();
    expect(done.state).toBe('cancelled');
    expect(await call(t.engine, 'models.list', {})).toHaveLength(before);
  });

  it('infers on a recording: people’s timelines, alerts, drift, JSON and CSV; then pre-labels, least confident first', async () => {
    const videoId = videos.a6t1c1 as string;
    givePeople(db, videoId, 'earlier-pose-job', [
      {
        phases: [
          { motion: 'walk', frames: 40 },
          { motion: 'fall', frames: 20 },
          { motion: 'lie', frames: 50 },
        ],
        seed: 11,
      },
      { phases: [{ motion: 'walk', frames: 110 }], seed: 12 },
    ]);
    const job = await call(t.engine, 'models.infer', { modelId, videoIds: [videoId] });
    expect(job.kind).toBe('infer');
    const done = await run(job);
    expect(done.state, done.error ?? '').toBe('done');
    const [r] = await call(t.engine, 'models.predictions', { videoId });
    if (!r) throw new Error('no run');
    expect(r.people).toBe(2);
    expect(new Set(r.segments.map((s) => s.person))).toEqual(new Set([1, 2]));
    expect(
      r.segments.every((s) => s.confidence >= 0 && s.confidence <= 1 && s.endFrame >= s.startFrame),
    ).toBe(true);
    expect(r.drift.features.map((f) => f.feature)).toContain('hipSpeed');
    expect(r.realTimeFactor).toBeGreaterThan(0);
    const csv = readFileSync(r.outputs.csv, 'utf8').split('\n');
    expect(csv[0]).toBe(
      'person,start_frame,end_frame,start_sec,end_sec,situation_id,situation,confidence,min_confidence,alert',
    );
    expect(csv.length - 2).toBe(r.segments.length);
    const json = JSON.parse(readFileSync(r.outputs.json, 'utf8')) as {
      format: string;
      people: { windows: unknown[] }[];
    };
    expect(json.format).toBe('amelia-situations');
    expect(json.people[0]?.windows.length).toBeGreaterThan(0);

    const made = await call(t.engine, 'models.toPreLabels', { clientId: CLIENT, runId: r.id });
    expect(made.actors).toHaveLength(2);
    expect(made.preLabels).toHaveLength(r.segments.length);
    const confidences = made.preLabels.map((p) => p.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    const segments = await call(t.engine, 'segments.list', { videoId });
    const first = segments.find((s) => s.id === made.preLabels[0]?.segmentId);
    expect(first?.label?.nodeId).toBe(made.preLabels[0]?.nodeId);
    expect(first?.origin).toBe('model');
    expect(first?.confidence).toBeCloseTo(confidences[0] ?? -1, 6);
    expect(first?.note).toBe('');
    expect(first?.keyframes.length).toBeGreaterThan(0);
    // Made once: asking again makes nothing new.
    expect((await call(t.engine, 'models.toPreLabels', { clientId: CLIENT, runId: r.id })).preLabels).toEqual(
      [],
    );
    const again = await call(t.engine, 'models.predictions', { runId: r.id });
    expect(again[0]?.segments.every((s) => s.segmentId !== null)).toBe(true);
  });

  it('saves the results of the recordings it could read when another cannot be read, and a retry does only that one', async () => {
    const { path, id: gone } = await importRecording('corridor.mp4', '160x120');
    const readable = videos.a6t1c1 as string;
    const job = await call(t.engine, 'models.infer', { modelId, videoIds: [readable, gone] });
    const failed = await withFileGone(path, () => run(job));
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/^Could not read 1 of 2 recordings \("corridor\.mp4": /);
    expect(failed.error).toMatch(/The results of the other 1 recording are saved/);
    const saved = (await call(t.engine, 'models.predictions', { videoId: readable })).filter(
      (r) => r.jobId === job.id,
    );
    expect(saved).toHaveLength(1);
    expect(await call(t.engine, 'models.predictions', { videoId: gone })).toEqual([]);

    await call(t.engine, 'jobs.retry', { jobId: job.id });
    const done = await run(job);
    expect(done.state, done.error ?? '').toBe('done');
    const runIds = (done.result as { runIds: string[] }).runIds;
    expect(runIds).toHaveLength(2);
    // The readable recording's run is the one saved before, not made again.
    expect(runIds[0]).toBe(saved[0]?.id);
    expect(await call(t.engine, 'models.predictions', { videoId: gone })).toHaveLength(1);
  }, 120_000);

  it('saves each group of recordings’ results as soon as its poses are in, before posing the next', async () => {
    const ids: string[] = [];
    for (const [name, size] of [
      ['kitchen.mp4', '128x96'],
      ['bedroom.mp4', '144x108'],
    ] as const) {
      ids.push((await importRecording(name, size)).id);
    }
    const job = await call(t.engine, 'models.infer', { modelId, videoIds: ids });
    // The job's progress (recordings) when each run was saved.
    let latest = 0;
    const savedAt = new Map<string, number>();
    const off = t.engine.on((e) => {
      if (e.name === 'job.progress' && e.payload.id === job.id) latest = e.payload.done;
      if (e.name === 'data.changed' && e.payload.entity === 'prediction' && e.payload.videoId)
        savedAt.set(e.payload.videoId, latest);
    });
    const done = await run(job);
    off();
    expect(done.state, done.error ?? '').toBe('done');
    // Two groups of one recording each: the first's run is saved before the second is posed (progress
    // still at most 1 of 2), the second's at the end.
    expect(savedAt.get(ids[0] as string)).toBeLessThanOrEqual(1);
    expect(savedAt.get(ids[1] as string)).toBeGreaterThan(1.5);
    expect((done.result as { runIds: string[] }).runIds).toHaveLength(2);
  }, 120_000);

  it('removing a recording removes its results and their files; the model keeps the other runs', async () => {
    const { path, id: videoId } = await importRecording('hallway.mp4', '176x132');
    const done = await run(await call(t.engine, 'models.infer', { modelId, videoIds: [videoId] }));
    expect(done.state, done.error ?? '').toBe('done');
    const [r] = await call(t.engine, 'models.predictions', { videoId });
    if (!r) throw new Error('no run');
    const runDir = dirname(r.outputs.json);
    expect(existsSync(runDir)).toBe(true);
    const others = await call(t.engine, 'models.predictions', { videoId: videos.a6t1c1 as string });
    expect(others.length).toBeGreaterThan(0);
    expect(await call(t.engine, 'videos.removePreview', { videoId })).toMatchObject({
      tubes: 0,
      inferenceRuns: 1,
      deletesSource: false,
    });
    // A labelled recording's tube poses count too (one per tube and model).
    const labelled = await call(t.engine, 'videos.removePreview', { videoId: videos.a1t1c1 as string });
    expect(labelled.poseTracks).toBe(labelled.tubes);
    expect(labelled.tubes).toBeGreaterThan(0);

    await call(t.engine, 'videos.remove', { videoId });
    expect(existsSync(runDir)).toBe(false);
    expect(existsSync(path)).toBe(true);
    expect(await call(t.engine, 'models.predictions', { videoId: videos.a6t1c1 as string })).toEqual(others);
    for (const o of others) expect(existsSync(o.outputs.json)).toBe(true);
  }, 120_000);

  it('refuses unknown models and runs, naming the field', async () => {
    expect((await refused(t.engine, 'models.get', { modelId: 'nope' })).where).toBe('modelId');
    expect(
      (await refused(t.engine, 'models.infer', { modelId: 'nope', videoIds: [videos.a6t1c1 as string] }))
        .where,
    ).toBe('modelId');
    expect((await refused(t.engine, 'models.toPreLabels', { clientId: CLIENT, runId: 'nope' })).where).toBe(
      'runId',
    );
  });

  it('removes a model with its files and runs', async () => {
    const info = (await call(t.engine, 'models.list', {})).find((m) => m.id === modelId);
    await call(t.engine, 'models.remove', { modelId });
    expect(existsSync(info?.dir ?? '/')).toBe(false);
    expect(await call(t.engine, 'models.predictions', { videoId: videos.a6t1c1 as string })).toEqual([]);
  });
});
