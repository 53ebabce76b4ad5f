import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodePoseExtractor } from '../../../../models/pose/node';
import type { PoseEstimate } from '../../../../models/pose/types';
import { keypointIndex } from '../../../../shared/domain/pose';
import type { BlazePoseKeypoint } from '../../../../shared/domain/pose';
import { hasData } from '../../../support/data';
import { walkingBoxes } from '../../../support/poses';
import type { Crop } from '../../../support/walkingCrops';
import { walkingCrops } from '../../../support/walkingCrops';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/poses/golden-walking-full.json');
const GOLDEN_FRAMES = [0, 300, 600];
const JOINTS: BlazePoseKeypoint[] = [
  'nose',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
];
/** Tolerances of the golden outputs: pixels in the image, metres in the world. */
const TOL_PX = 4;
const TOL_M = 0.04;

interface Golden {
  frames: Record<
    string,
    { score: number; joints: Record<string, { x: number; y: number; visibility: number; world: number[] }> }
  >;
}

function goldenOf(e: PoseEstimate): Golden['frames'][string] {
  const joints: Golden['frames'][string]['joints'] = {};
  for (const j of JOINTS) {
    const k = keypointIndex(j);
    const r = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
    joints[j] = {
      x: r(e.image[k * 4] as number, 2),
      y: r(e.image[k * 4 + 1] as number, 2),
      visibility: r(e.image[k * 4 + 3] as number, 3),
      world: [0, 1, 2].map((c) => r(e.world[k * 3 + c] as number, 4)),
    };
  }
  return { score: Math.round(e.score * 1000) / 1000, joints };
}

describe.skipIf(!hasData)('BlazePose extractor on the UP-Fall walking clip (frontal camera)', () => {
  let crops: Crop[] = [];
  beforeAll(async () => {
    crops = await walkingCrops([
      ...Array.from({ length: 120 }, (_, i) => i),
      ...walkingBoxes().frontalFrames,
      ...GOLDEN_FRAMES,
    ]);
  });
  const crop = (frame: number) => crops.find((c) => c.frame === frame) as Crop;

  it('tracks the walker over a moving crop: a pose in all 120 frames, the person detector run once, no tensor left behind (warm-up included)', async () => {
    await tf.ready().catch(() => undefined);
    const before = tf.engine().backendName ? tf.memory().numTensors : 0;
    const ex = await createNodePoseExtractor({ model: 'blazepose-lite', backend: 'wasm' });
    const loaded = tf.memory().numTensors;
    await ex.warmUp();
    expect(ex.stats).toEqual({ frames: 0, detectorRuns: 0 });
    expect(tf.memory().numTensors).toBe(loaded);
    let present = 0;
    for (let f = 0; f < 120; f++) {
      const c = crop(f);
      const e = await ex.estimate(
        { data: c.data, width: c.rect.width, height: c.rect.height },
        c.rect,
        f * 55.6,
      );
      if (e.present) present++;
      // Keypoints come back in the frame's pixels, inside (or near) the crop they were found in.
      const nose = keypointIndex('nose');
      expect(e.image[nose * 4]).toBeGreaterThan(c.rect.x - 20);
      expect(e.image[nose * 4]).toBeLessThan(c.rect.x + c.rect.width + 20);
      if (f === 10 || f === 119) expect(tf.memory().numTensors).toBe(loaded);
    }
    expect(present).toBe(120);
    expect(ex.stats).toEqual({ frames: 120, detectorRuns: 1 });
    ex.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps each track’s region its own: two tracks interleaved frame by frame give exactly the poses each gives alone, the detector run once a track', async () => {
    // Two chunks of the walker 60 frames apart (he is elsewhere in the room), as one runner gets them when
    // tubes overlap in time: a frame of one, then a frame of the other.
    const runs = [
      { track: 1, frames: Array.from({ length: 24 }, (_, i) => i) },
      { track: 2, frames: Array.from({ length: 24 }, (_, i) => 60 + i) },
    ];
    const estimate = (ex: Awaited<ReturnType<typeof createNodePoseExtractor>>, f: number, track: number) => {
      const c = crop(f);
      return ex.estimate(
        { data: c.data, width: c.rect.width, height: c.rect.height },
        c.rect,
        f * 55.6,
        track,
      );
    };
    const ex = await createNodePoseExtractor({ model: 'blazepose-lite', backend: 'wasm' });
    try {
      const alone: PoseEstimate[][] = [];
      for (const r of runs) {
        ex.reset();
        const out: PoseEstimate[] = [];
        for (const f of r.frames) out.push(await estimate(ex, f, r.track));
        alone.push(out);
      }
      expect(ex.stats).toEqual({ frames: 48, detectorRuns: 2 });
      ex.reset();
      const interleaved: PoseEstimate[][] = [[], []];
      for (let i = 0; i < 24; i++) {
        for (const [j, r] of runs.entries()) {
          interleaved[j]?.push(await estimate(ex, r.frames[i] as number, r.track));
        }
      }
      expect(ex.stats).toEqual({ frames: 96, detectorRuns: 4 });
      for (const j of [0, 1]) {
        for (let i = 0; i < 24; i++) {
          const a = alone[j]?.[i] as PoseEstimate;
          const b = interleaved[j]?.[i] as PoseEstimate;
          expect(a.present, `track ${j + 1}, frame ${i}`).toBe(true);
          expect(Array.from(b.image), `track ${j + 1}, frame ${i}`).toEqual(Array.from(a.image));
          expect(Array.from(b.world), `track ${j + 1}, frame ${i}`).toEqual(Array.from(a.world));
        }
      }
      // Forgetting one track leaves the other's region: only the forgotten one runs the detector again.
      ex.reset(1);
      await estimate(ex, 24, 1);
      await estimate(ex, 84, 2);
      expect(ex.stats.detectorRuns).toBe(5);
    } finally {
      ex.dispose();
    }
  });

  it('does not swap left and right: on the frontal camera the left shoulder and hip appear on the image’s right', async () => {
    const ex = await createNodePoseExtractor({ model: 'blazepose-lite', backend: 'wasm' });
    try {
      for (const f of walkingBoxes().frontalFrames) {
        ex.reset();
        const c = crop(f);
        const e = await ex.estimate({ data: c.data, width: c.rect.width, height: c.rect.height }, c.rect, 0);
        expect(e.present, `frame ${f}`).toBe(true);
        const x = (j: BlazePoseKeypoint) => e.image[keypointIndex(j) * 4] as number;
        expect(x('left_shoulder'), `frame ${f}`).toBeGreaterThan(x('right_shoulder'));
        expect(x('left_hip'), `frame ${f}`).toBeGreaterThan(x('right_hip'));
      }
    } finally {
      ex.dispose();
    }
  });

  it('gives a crop the same pose after a larger and a smaller crop as on its own (the pixel buffer kept between frames is never stale)', async () => {
    const sizes = GOLDEN_FRAMES.map((f) => crop(f).data.length);
    const target = GOLDEN_FRAMES[sizes.indexOf(Math.min(...sizes))] as number;
    const estimateOf = async (
      ex: Awaited<ReturnType<typeof createNodePoseExtractor>>,
      f: number,
    ): Promise<PoseEstimate> => {
      ex.reset();
      const c = crop(f);
      return ex.estimate({ data: c.data, width: c.rect.width, height: c.rect.height }, c.rect, 0);
    };
    const fresh = await createNodePoseExtractor({ model: 'blazepose-lite', backend: 'wasm' });
    const used = await createNodePoseExtractor({ model: 'blazepose-lite', backend: 'wasm' });
    try {
      const alone = await estimateOf(fresh, target);
      for (const f of GOLDEN_FRAMES) await estimateOf(used, f);
      const after = await estimateOf(used, target);
      expect(Math.min(...sizes)).toBeLessThan(Math.max(...sizes));
      expect(alone.present).toBe(true);
      expect(Array.from(after.image)).toEqual(Array.from(alone.image));
      expect(Array.from(after.world)).toEqual(Array.from(alone.world));
    } finally {
      fresh.dispose();
      used.dispose();
    }
  });

  it('matches the golden outputs of the full model on three frames, within tolerances', async () => {
    const ex = await createNodePoseExtractor({ model: 'blazepose-full', backend: 'wasm' });
    const got: Golden = { frames: {} };
    try {
      for (const f of GOLDEN_FRAMES) {
        ex.reset();
        const c = crop(f);
        got.frames[f] = goldenOf(
          await ex.estimate({ data: c.data, width: c.rect.width, height: c.rect.height }, c.rect, 0),
        );
      }
    } finally {
      ex.dispose();
    }
    if (process.env.AMELIA_UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      writeFileSync(GOLDEN, JSON.stringify(got, null, 1) + '\n');
      if (process.env.AMELIA_UPDATE_GOLDEN !== '1')
        throw new Error(`${GOLDEN} was missing and has been written: check it in`);
    }
    const want = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
    for (const f of GOLDEN_FRAMES) {
      const w = want.frames[f];
      const g = got.frames[f];
      expect(g?.score).toBeGreaterThan(0.9);
      for (const j of JOINTS) {
        const a = g?.joints[j];
        const b = w?.joints[j];
        if (!a || !b) throw new Error(`no ${j} at frame ${f}`);
        expect(Math.abs(a.x - b.x), `${j} x at frame ${f}`).toBeLessThanOrEqual(TOL_PX);
        expect(Math.abs(a.y - b.y), `${j} y at frame ${f}`).toBeLessThanOrEqual(TOL_PX);
        expect(Math.abs(a.visibility - b.visibility), `${j} visibility at frame ${f}`).toBeLessThanOrEqual(
          0.05,
        );
        for (let c = 0; c < 3; c++) {
          expect(
            Math.abs((a.world[c] as number) - (b.world[c] as number)),
            `${j} world[${c}] at frame ${f}`,
          ).toBeLessThanOrEqual(TOL_M);
        }
      }
    }
  });
});
