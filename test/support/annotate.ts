import type { Engine } from '../../electron/engine/engine';
import type { Job } from '../../shared/domain/job';
import type { Segment, TrackKeyframe } from '../../shared/domain/annotation';
import type { Video } from '../../shared/domain/video';

export const TEST_CLIENT = 'test-client';

/** The value of a reply, or the error as an exception (for setting up tests). */
export function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function importVideo(engine: Engine, path: string): Promise<Video> {
  const r = value(await engine.call('videos.import', { paths: [path] }));
  const v = r.imported[0];
  if (!v) throw new Error(`${path} did not import: ${JSON.stringify(r)}`);
  return v;
}

export interface TubeSpec {
  start: number;
  end: number;
  label?: string | null;
  keyframes?: TrackKeyframe[];
  uncertain?: boolean;
  note?: string;
}

/** Adds a person with tubes to a video, through the API as a client would. */
export async function addPerson(
  engine: Engine,
  videoId: string,
  name: string,
  tubes: readonly TubeSpec[],
): Promise<{ actorId: string; segments: Segment[] }> {
  const actor = value(await engine.call('actors.create', { clientId: TEST_CLIENT, videoId, name }));
  const segments: Segment[] = [];
  for (const t of tubes) {
    segments.push(
      value(
        await engine.call('segments.create', {
          clientId: TEST_CLIENT,
          videoId,
          actorId: actor.id,
          startFrame: t.start,
          endFrame: t.end,
          labelNodeId: t.label ?? null,
          uncertain: t.uncertain ?? false,
          note: t.note ?? '',
          keyframes: t.keyframes ?? [],
        }),
      ),
    );
  }
  return { actorId: actor.id, segments };
}

/** Runs one job to its end in this process and returns it as it ended. */
export async function runJob(engine: Engine, job: Job): Promise<Job> {
  engine.jobs.start();
  await engine.jobs.whenIdle([job.id]);
  const all = value(await engine.call('jobs.list', {}));
  const done = all.find((j) => j.id === job.id);
  if (!done) throw new Error(`job ${job.id} is gone`);
  return done;
}

export function box(
  frame: number,
  x: number,
  y: number,
  width: number,
  height: number,
  outside = false,
): TrackKeyframe {
  return { frame, x, y, width, height, outside };
}
