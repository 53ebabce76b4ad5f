import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../electron/engine/engine';
import type { TrackKeyframe } from '../../shared/domain/annotation';
import type { Job } from '../../shared/domain/job';
import type { TubePoses } from '../../shared/domain/pose';
import { base64ToBytes, decodePoseArrays } from '../../shared/poses/encoding';
import { dataPath } from './data';

export const CLIENT = 'pose-tests';

/** The UP-Fall walking clip seen by the frontal camera, and a box around the walker every 6 frames. */
export interface BoxFixture {
  clip: string;
  frameCount: number;
  width: number;
  height: number;
  frontalFrames: number[];
  keyframes: TrackKeyframe[];
}

export function walkingBoxes(): BoxFixture {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/poses/upfall-walking-cam2-boxes.json'), 'utf8'),
  ) as BoxFixture;
}

export const WALKING_CLIP = () => dataPath(walkingBoxes().clip);

export async function ok<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function importClip(engine: Engine, path: string): Promise<string> {
  const r = await ok(engine.call('videos.import', { paths: [path] }));
  const id = r.imported[0]?.id ?? r.duplicates[0]?.videoId;
  if (!id) throw new Error(`could not import ${path}: ${JSON.stringify(r.failed)}`);
  return id;
}

/** An actor with one tube over `start`–`end` whose boxes are the fixture's keyframes in that range. */
export async function makeTube(
  engine: Engine,
  videoId: string,
  start: number,
  end: number,
  keyframes: readonly TrackKeyframe[],
): Promise<string> {
  const actor = await ok(engine.call('actors.create', { clientId: CLIENT, videoId }));
  const inRange = keyframes.filter((k) => k.frame >= start && k.frame <= end);
  const segment = await ok(
    engine.call('segments.create', {
      clientId: CLIENT,
      videoId,
      actorId: actor.id,
      startFrame: start,
      endFrame: end,
      keyframes: inRange,
    }),
  );
  return segment.id;
}

/** Runs a job to its end in this process. */
export async function runJob(engine: Engine, job: Job): Promise<Job> {
  engine.jobs.start();
  await engine.jobs.whenIdle([job.id]);
  const all = await ok(engine.call('jobs.list', {}));
  const done = all.find((j) => j.id === job.id);
  if (!done) throw new Error('job vanished');
  return done;
}

export async function tubePoses(
  engine: Engine,
  segmentId: string,
  model?: 'lite' | 'full' | 'heavy',
): Promise<TubePoses> {
  const p = await ok(engine.call('poses.get', { segmentId, ...(model ? { model } : {}) }));
  const arrays = decodePoseArrays(base64ToBytes(p.data));
  const { stale: _s, ...summary } = p.summary;
  return { ...summary, ...arrays };
}
