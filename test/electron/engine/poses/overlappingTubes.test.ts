import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import { probeVideo } from '../../../../electron/engine/media/probe';
import { extractTubes } from '../../../../electron/engine/poses/extractTubes';
import type { TubeSpec, VideoSource } from '../../../../electron/engine/poses/extractTubes';
import { PoseWorkerPool } from '../../../../electron/engine/poses/workerPool';
import { validateConfig } from '../../../../models/pose/config';
import { weightsDir } from '../../../../models/pose/weights/fileModelSource';
import type { TubePoseArrays } from '../../../../shared/domain/pose';
import { boxAt, normaliseKeyframes } from '../../../../shared/tracks/interpolate';
import { hasData } from '../../../support/data';
import { WALKING_CLIP, walkingBoxes } from '../../../support/poses';

describe.skipIf(!hasData)('tubes that overlap in time, run by one worker', () => {
  let pool: PoseWorkerPool;
  let video: VideoSource;
  const config = validateConfig({ cropMargin: 0.25, filter: false });
  const kfs = normaliseKeyframes(walkingBoxes().keyframes);
  const walker = (f: number) => boxAt(kfs, f).box;
  // The same walker in a crop half as large again around him: the frames of both tubes go to the one
  // worker in turn, a frame of one, then a frame of the other.
  const wide = (f: number) => {
    const b = walker(f);
    return b && { x: b.x - b.width / 4, y: b.y - b.height / 4, width: b.width * 1.5, height: b.height * 1.5 };
  };
  const tubes: TubeSpec[] = [
    { key: 'tight', startFrame: 100, endFrame: 131, boxAt: walker },
    { key: 'wide', startFrame: 108, endFrame: 139, boxAt: wide },
  ];

  beforeAll(async () => {
    const binaries = await resolveMediaBinaries();
    const probe = await probeVideo(binaries.ffprobe.path, WALKING_CLIP());
    video = { ...probe, path: WALKING_CLIP() };
    pool = await PoseWorkerPool.start(1, {
      type: 'init',
      task: 'blazepose',
      model: 'blazepose-lite',
      backend: 'wasm',
      minPoseScore: config.minPoseScore,
      weightsDir: weightsDir(),
    });
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
  });

  const run = async (specs: TubeSpec[]) =>
    extractTubes(pool, (await resolveMediaBinaries()).ffmpeg, video, specs, config);

  it('gives each tube exactly the poses it gets when extracted alone (neither tracks the other’s region)', async () => {
    const together = await run(tubes);
    for (const tube of tubes) {
      const alone = (await run([tube])).get(tube.key) as TubePoseArrays;
      const both = together.get(tube.key) as TubePoseArrays;
      expect(
        Array.from(alone.present).every((p) => p === 1),
        tube.key,
      ).toBe(true);
      expect(Array.from(both.present), tube.key).toEqual(Array.from(alone.present));
      expect(Array.from(both.image), tube.key).toEqual(Array.from(alone.image));
      expect(Array.from(both.world), tube.key).toEqual(Array.from(alone.world));
    }
  }, 120_000);
});
