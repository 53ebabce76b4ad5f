import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import type { Alert, InferenceRun, PredictedSegment } from '../../../shared/domain/classifier';
import { inferenceRunSchema } from '../../../shared/domain/classifier';
import { idSchema } from '../../../shared/domain/ids';
import { BLAZEPOSE_KEYPOINT_COUNT, poseBackendSchema, poseModelSchema } from '../../../shared/domain/pose';
import type { PoseModel } from '../../../shared/domain/pose';
import { checkDrift } from '../../../models/classifier/drift';
import { alertRulesOf } from '../../../models/classifier/evaluate/evaluate';
import type { TrackInference } from '../../../models/classifier/infer';
import type { PoseTrack } from '../../../models/classifier/types';
import { taxonomyTree } from '../annotation/rules';
import type { EngineContext } from '../context';
import type { JobRunner } from '../jobs/jobQueue';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { PoseRuntime, VideoFailure } from '../poses/posesJob';
import { failedVideosMessage, framesGroups, groupFramesOf, runPoses } from '../poses/posesJob';
import { readTrackData, tracksOfVideo } from '../store/poseRows';
import type { TrackRecord } from '../store/poseRows';
import { getFrameTimes, getVideo } from '../store/videoRows';
import type { VideoRecord } from '../store/videoRows';
import { criticalClasses } from './plan';
import { modelDir, readDriftReference, readModelArtifacts, requireModel } from './registry';
import { runInWorker } from './workerClient';

const K = BLAZEPOSE_KEYPOINT_COUNT;

export const inferJobPayloadSchema = z.object({
  modelId: idSchema,
  videoIds: z.array(idSchema).min(1),
  poseModel: poseModelSchema,
  backend: z.union([z.literal('auto'), poseBackendSchema]),
  freshPoses: z.boolean(),
});
export type InferJobPayload = z.infer<typeof inferJobPayloadSchema>;

/** The people of a video's newest whole-video extraction with this pose model (none: []). */
export function latestTracks(db: Database, videoId: string, model: PoseModel): TrackRecord[] {
  const all = tracksOfVideo(db, videoId).filter((t) => t.model === model);
  if (all.length === 0) return [];
  const newest = all.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  return all.filter((t) => t.jobId === newest.jobId);
}

/** A whole-video track as a pose track (no labels), in the video's frame times. */
export function poseTrackOf(db: Database, t: TrackRecord, times: Float64Array): PoseTrack | null {
  const data = readTrackData(db, t);
  if (!data) return null;
  const a = data.arrays;
  const n = a.present.length;
  const image = new Float32Array(n * K * 3);
  for (let i = 0; i < n * K; i++) {
    image[i * 3] = a.image[i * 4] as number;
    image[i * 3 + 1] = a.image[i * 4 + 1] as number;
    image[i * 3 + 2] = a.image[i * 4 + 3] as number;
  }
  return {
    key: String(t.trackId),
    times: Float64Array.from(
      { length: n },
      (_, i) => times[Math.min(times.length - 1, t.startFrame + i)] as number,
    ),
    frames: Int32Array.from({ length: n }, (_, i) => t.startFrame + i),
    present: Uint8Array.from(a.present),
    image,
    world: Float32Array.from(a.world),
    labels: new Int16Array(n).fill(-1),
  };
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The run's timeline as CSV: one row per stretch of a person's timeline. */
export function timelineCsv(segments: readonly PredictedSegment[], alerts: readonly Alert[]): string {
  const header = [
    'person',
    'start_frame',
    'end_frame',
    'start_sec',
    'end_sec',
    'situation_id',
    'situation',
    'confidence',
    'min_confidence',
    'alert',
  ];
  const rows = segments.map((s) => {
    const alert = alerts.some(
      (a) => a.person === s.person && a.startFrame <= s.endFrame && s.startFrame <= a.endFrame,
    );
    return [
      s.person,
      s.startFrame,
      s.endFrame,
      s.startSec.toFixed(3),
      s.endSec.toFixed(3),
      s.nodeId,
      s.name,
      s.confidence.toFixed(4),
      s.minConfidence.toFixed(4),
      alert ? 'yes' : 'no',
    ];
  });
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/**
 * The 'infer' job: for each video, people found and tracked by whole-video pose extraction (reused where the
 * video has it, else run here), then the model over each person's poses in a worker thread: a timeline of
 * situations with confidence, alerts for the critical classes, the drift check against the training data;
 * results stored (rows) and written as JSON and CSV in <project>/models/<model>/runs/<run>/. Each recording's
 * run is saved as soon as it is classified: at once where its people are known, else when its group of
 * recordings is posed.
 */
export function inferJobRunner(ctx: EngineContext, runtime: PoseRuntime): JobRunner {
  return async (job, jobCtx) => {
    const { signal, progress } = jobCtx;
    const p = inferJobPayloadSchema.parse(job.payload);
    const model = requireModel(ctx.db, ctx.layout, p.modelId);
    const artifacts = await readModelArtifacts(ctx.db, ctx.layout, p.modelId);
    const reference = await readDriftReference(ctx.layout, p.modelId);
    const tree = taxonomyTree(ctx.db);
    const critical = criticalClasses(model.classes, tree);
    const rules = alertRulesOf(critical);
    const total = p.videoIds.length;
    progress(0, total);
    // The videos still to run (a resumed job keeps the runs it saved), each with the people it has already
    // (null: none yet, or fresh poses asked for, so found first).
    const todo: {
      video: VideoRecord;
      times: Float64Array;
      prior: string | null;
      tracks: TrackRecord[] | null;
    }[] = [];
    for (const videoId of p.videoIds) {
      const video = getVideo(ctx.db, videoId);
      const times = getFrameTimes(ctx.db, videoId);
      if (!video || !times) continue;
      const prior = ctx.db
        .prepare('SELECT id FROM inference_runs WHERE job_id = ? AND video_id = ?')
        .get(job.id, videoId) as { id: string } | undefined;
      const reuse = prior || p.freshPoses ? [] : latestTracks(ctx.db, videoId, p.poseModel);
      todo.push({ video, times, prior: prior?.id ?? null, tracks: prior || reuse.length > 0 ? reuse : null });
    }
    type Todo = (typeof todo)[number];
    const runOf = new Map<string, string>();
    // Progress: a recording counts one, nine tenths of it its poses where they are found here.
    const POSES_SHARE = 0.9;
    let finished = 0;
    /** Classifies a recording's people and saves the run; `poseSeconds`: its share of the time posing it. */
    const classify = async ({ video, times, tracks: reused }: Todo, poseSeconds: number) => {
      const started = performance.now();
      const tracks = reused ?? tracksOfVideo(ctx.db, video.id, job.id).filter((t) => t.model === p.poseModel);
      const poseTracks = tracks
        .map((t) => poseTrackOf(ctx.db, t, times))
        .filter((t): t is PoseTrack => t !== null);
      const done = await runInWorker(
        {
          type: 'infer',
          backend: 'auto',
          model: artifacts.model,
          weights: artifacts.weights.slice(0),
          tracks: poseTracks,
          rules,
        },
        'inferred',
        () => undefined,
        signal,
      );
      const run = await saveRun(
        ctx,
        job.id,
        tracks[0]?.jobId ?? job.id,
        model,
        video,
        done.result.tracks,
        checkDrift(reference, done.result.drift),
        done.result.windows,
        poseSeconds + (performance.now() - started) / 1000,
      );
      runOf.set(video.id, run.id);
    };
    // First the recordings that need no poses (runs a resumed job saved, people found before): their results
    // come at once.
    for (const t of todo) {
      if (t.prior !== null) runOf.set(t.video.id, t.prior);
      else if (t.tracks !== null) await classify(t, 0);
      else continue;
      finished += 1;
      progress(finished, total);
    }
    // Then the others, a group of recordings at a time (about an hour of video: one person finder and one pose
    // runner for the group, its recordings at once on shared workers), each group's recordings classified and
    // saved as soon as its poses are in, so that results come as the job goes. Recordings that cannot be read
    // are left out, and named when the others are done.
    const unreadable: VideoFailure[] = [];
    const needPoses = todo.filter((t) => t.prior === null && t.tracks === null);
    for (const group of framesGroups(needPoses, (t) => t.video.frameCount, groupFramesOf(runtime))) {
      const started = performance.now();
      const before = finished;
      const posed = await runPoses(
        ctx,
        runtime,
        {
          ...job,
          kind: 'poses',
          payload: {
            mode: 'wholeVideo',
            videoIds: group.map((t) => t.video.id),
            model: p.poseModel,
            backend: p.backend,
            filter: true,
          },
        },
        {
          signal,
          progress: (done, all) =>
            progress(before + POSES_SHARE * group.length * (all && all > 0 ? done / all : 0), total),
        },
      );
      // The group's time, given to its recordings in proportion to their frames.
      const seconds = (performance.now() - started) / 1000;
      const frames = group.reduce((n, t) => n + t.video.frameCount, 0);
      unreadable.push(...posed.failed);
      const failed = new Set(posed.failed.map((f) => f.videoId));
      finished += POSES_SHARE * group.length;
      for (const t of group) {
        if (failed.has(t.video.id)) continue;
        await classify(t, frames > 0 ? (seconds * t.video.frameCount) / frames : 0);
        finished += 1 - POSES_SHARE;
        progress(finished, total);
      }
    }
    if (unreadable.length > 0) {
      throw new AmeliaError(
        'media_error',
        failedVideosMessage(unreadable, todo.length, 'The results', 'recording'),
      );
    }
    const runs = todo.map((t) => runOf.get(t.video.id)).filter((id): id is string => id !== undefined);
    const stored = runs
      .map((id) => getRun(ctx.db, ctx.layout, id))
      .filter((r): r is InferenceRun => r !== null);
    return {
      modelId: p.modelId,
      runIds: runs,
      alerts: stored.reduce((n, r) => n + r.alerts.length, 0),
      driftWarnings: stored.filter((r) => r.drift.level === 'warning').length,
      outputs: stored.map((r) => r.outputs),
    };
  };
}

async function saveRun(
  ctx: EngineContext,
  jobId: string,
  poseJobId: string,
  model: ReturnType<typeof requireModel>,
  video: VideoRecord,
  tracks: readonly TrackInference[],
  drift: ReturnType<typeof checkDrift>,
  windows: number,
  seconds: number,
): Promise<InferenceRun> {
  const id = ctx.newId();
  const classOf = (i: number) => model.classes[i] ?? { nodeId: 'unknown', name: `class ${i}` };
  const segments: PredictedSegment[] = [];
  const alerts: Alert[] = [];
  for (const t of tracks) {
    const person = Number(t.key);
    t.timeline.forEach((s, seq) => {
      const c = classOf(s.classIndex);
      segments.push({
        person,
        seq,
        startFrame: s.startFrame,
        endFrame: Math.max(s.startFrame, s.endFrame),
        startSec: s.startSec,
        endSec: s.endSec,
        nodeId: c.nodeId,
        name: c.name,
        confidence: Math.min(1, Math.max(0, s.confidence)),
        minConfidence: s.minConfidence,
        segmentId: null,
      });
    });
    for (const a of t.alerts) {
      const c = classOf(a.classIndex);
      alerts.push({
        person,
        nodeId: c.nodeId,
        name: c.name,
        startFrame: a.startFrame,
        endFrame: a.endFrame,
        startSec: a.startSec,
        endSec: a.endSec,
        peak: a.peak,
      });
    }
  }
  const dir = join(modelDir(ctx.layout, model.id), 'runs', id);
  await mkdir(dir, { recursive: true });
  const outputs = { json: join(dir, 'results.json'), csv: join(dir, 'results.csv') };
  const doc = {
    format: 'amelia-situations',
    formatVersion: 1,
    createdAt: ctx.now().toISOString(),
    model: {
      id: model.id,
      name: model.name,
      level: model.level,
      levelName: model.levelName,
      taxonomyVersion: model.taxonomyVersion,
      classes: model.classes,
    },
    video: {
      id: video.id,
      name: video.name,
      frameCount: video.frameCount,
      durationSec: video.durationSec,
      fps: video.fps,
    },
    people: tracks.map((t) => ({
      person: Number(t.key),
      timeline: segments.filter((s) => s.person === Number(t.key)),
      windows: t.windows.map((w) => ({
        frame: w.frame,
        timeSec: Number(w.timeSec.toFixed(4)),
        probabilities: Object.fromEntries(
          Array.from(w.probs).map((p, i) => [classOf(i).nodeId, Number(p.toFixed(4))]),
        ),
      })),
    })),
    alerts,
    drift,
  };
  await writeFile(outputs.json, JSON.stringify(doc, null, 2) + '\n');
  await writeFile(outputs.csv, timelineCsv(segments, alerts));
  const durationSec = video.durationSec;
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO inference_runs (id, job_id, model_id, video_id, pose_job_id, created_at, people, windows, duration_sec,
           real_time_factor, alerts, drift, json_path, csv_path)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        jobId,
        model.id,
        video.id,
        poseJobId,
        doc.createdAt,
        tracks.length,
        windows,
        durationSec,
        durationSec > 0 ? seconds / durationSec : null,
        JSON.stringify(alerts),
        JSON.stringify(drift),
        outputs.json,
        outputs.csv,
      );
    const ins = ctx.db.prepare(
      `INSERT INTO inference_segments (run_id, person, seq, start_frame, end_frame, start_sec, end_sec, node_id,
         confidence, min_confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of segments)
      ins.run(
        id,
        s.person,
        s.seq,
        s.startFrame,
        s.endFrame,
        s.startSec,
        s.endSec,
        s.nodeId,
        s.confidence,
        s.minConfidence,
      );
  })();
  ctx.emit('data.changed', { entity: 'prediction', ids: [id], removed: false, videoId: video.id });
  return getRun(ctx.db, ctx.layout, id) as InferenceRun;
}

interface RunRow {
  id: string;
  job_id: string;
  model_id: string;
  video_id: string;
  pose_job_id: string;
  created_at: string;
  people: number;
  windows: number;
  duration_sec: number;
  real_time_factor: number | null;
  alerts: string;
  drift: string;
  json_path: string;
  csv_path: string;
}

interface SegmentRow {
  person: number;
  seq: number;
  start_frame: number;
  end_frame: number;
  start_sec: number;
  end_sec: number;
  node_id: string;
  confidence: number;
  min_confidence: number;
  segment_id: string | null;
}

function toRun(db: Database, layout: EngineContext['layout'], r: RunRow): InferenceRun {
  const model = requireModel(db, layout, r.model_id);
  const names = new Map(model.classes.map((c) => [c.nodeId, c.name]));
  const segs = db
    .prepare('SELECT * FROM inference_segments WHERE run_id = ? ORDER BY person, seq')
    .all(r.id) as SegmentRow[];
  return inferenceRunSchema.parse({
    id: r.id,
    jobId: r.job_id,
    modelId: r.model_id,
    modelName: model.name,
    videoId: r.video_id,
    videoName: getVideo(db, r.video_id)?.name ?? r.video_id,
    createdAt: r.created_at,
    people: r.people,
    windows: r.windows,
    durationSec: r.duration_sec,
    realTimeFactor: r.real_time_factor,
    segments: segs.map((s) => ({
      person: s.person,
      seq: s.seq,
      startFrame: s.start_frame,
      endFrame: s.end_frame,
      startSec: s.start_sec,
      endSec: s.end_sec,
      nodeId: s.node_id,
      name: names.get(s.node_id) ?? s.node_id,
      confidence: s.confidence,
      minConfidence: s.min_confidence,
      segmentId: s.segment_id,
    })),
    alerts: JSON.parse(r.alerts) as unknown,
    drift: JSON.parse(r.drift) as unknown,
    outputs: { json: r.json_path, csv: r.csv_path },
  });
}

export function getRun(db: Database, layout: EngineContext['layout'], id: string): InferenceRun | null {
  const r = db.prepare('SELECT * FROM inference_runs WHERE id = ?').get(id) as RunRow | undefined;
  return r ? toRun(db, layout, r) : null;
}

export function listRuns(
  db: Database,
  layout: EngineContext['layout'],
  filter: { videoId?: string | undefined; modelId?: string | undefined; runId?: string | undefined },
): InferenceRun[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.videoId) {
    where.push('video_id = ?');
    args.push(filter.videoId);
  }
  if (filter.modelId) {
    where.push('model_id = ?');
    args.push(filter.modelId);
  }
  if (filter.runId) {
    where.push('id = ?');
    args.push(filter.runId);
  }
  const rows = db
    .prepare(
      `SELECT * FROM inference_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC`,
    )
    .all(...args) as RunRow[];
  return rows.map((r) => toRun(db, layout, r));
}

/** The whole-video pose job whose people a run classified. */
export function poseJobOfRun(db: Database, runId: string): string | null {
  const r = db.prepare('SELECT pose_job_id FROM inference_runs WHERE id = ?').get(runId) as
    { pose_job_id: string } | undefined;
  return r?.pose_job_id ?? null;
}

export function markPreLabel(
  db: Database,
  runId: string,
  person: number,
  seq: number,
  segmentId: string,
): void {
  db.prepare('UPDATE inference_segments SET segment_id = ? WHERE run_id = ? AND person = ? AND seq = ?').run(
    segmentId,
    runId,
    person,
    seq,
  );
}
