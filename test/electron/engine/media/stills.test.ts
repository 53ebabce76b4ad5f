import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmeliaError } from '../../../../shared/contract/envelope';
import type { MediaBinaries } from '../../../../electron/engine/media/binaries';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import type { ProbeResult } from '../../../../electron/engine/media/probe';
import { probeVideo } from '../../../../electron/engine/media/probe';
import type { StillSource } from '../../../../electron/engine/media/stills';
import {
  posterFrame,
  scaledSize,
  stillSeekTime,
  thumbnailFrames,
  writeStill,
} from '../../../../electron/engine/media/stills';
import { dataPath } from '../../../support/data';
import {
  countDecodedFrames,
  decodedFramePixels,
  grayPixels,
  makeLateVideoClip,
  pictureDistance,
  streamFacts,
} from '../../../support/media';
import { tempDir } from '../../../support/tempProject';

function sourceOf(path: string, p: ProbeResult): StillSource {
  return {
    path,
    streamIndex: p.streamIndex,
    times: p.times,
    fps: p.nominalFps,
    firstFrameOffsetSec: p.firstFrameOffsetSec,
    width: p.width,
    height: p.height,
  };
}

describe('writeStill shows exactly the frame asked for', () => {
  const dir = tempDir();
  const clip = dataPath('tricky', 'frame_numbers_25fps.mp4');
  let binaries: MediaBinaries;
  let probe: ProbeResult;
  beforeAll(async () => {
    binaries = await resolveMediaBinaries();
    probe = await probeVideo(binaries.ffprobe.path, clip);
  });
  afterAll(() => dir.remove());

  // Each frame of this clip shows its own number: a neighbour looks clearly different.
  it.each([0, 1, 10, 49, 50, 98, 99])('frame %i (keyframes at 0 and 50, the last is 99)', async (i) => {
    const out = join(dir.dir, `still-${i}.jpg`);
    await writeStill(binaries.ffmpeg.path, sourceOf(clip, probe), i, out, 320);
    const still = await grayPixels(['-i', out]);
    const distances = await Promise.all(
      [i - 1, i, i + 1]
        .filter((f) => f >= 0 && f < 100)
        .map(async (f) => ({ f, d: pictureDistance(still, await decodedFramePixels(clip, f)) })),
    );
    const best = distances.reduce((a, b) => (b.d < a.d ? b : a));
    expect(best.f).toBe(i);
    expect(best.d).toBeLessThan(2);
  });

  it('makes the last frame of a variable-rate clip', async () => {
    const vfr = dataPath('tricky', 'vfr_18_then_9fps.mp4');
    const p = await probeVideo(binaries.ffprobe.path, vfr);
    const out = join(dir.dir, 'vfr-last.jpg');
    await writeStill(binaries.ffmpeg.path, sourceOf(vfr, p), p.frameCount - 1, out, 160);
    const still = await grayPixels(['-i', out]);
    expect(pictureDistance(still, await decodedFramePixels(vfr, p.frameCount - 1))).toBeLessThan(2);
  });

  it('turns a rotated clip upright, at most maxWidth wide', async () => {
    const rotated = dataPath('tricky', 'rotated_90.mp4');
    const p = await probeVideo(binaries.ffprobe.path, rotated);
    const out = join(dir.dir, 'rotated.jpg');
    await writeStill(binaries.ffmpeg.path, sourceOf(rotated, p), 5, out, 160);
    const facts = await streamFacts(out);
    expect([facts.width, facts.height]).toEqual([160, 214]);
  });

  it('fails clearly where no frame decodes, rather than writing nothing', async () => {
    const out = join(dir.dir, 'past-the-end.jpg');
    const beyond: StillSource = { ...sourceOf(clip, probe), times: [...probe.times, 60] };
    const err = await writeStill(binaries.ffmpeg.path, beyond, 100, out, 160).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmeliaError);
    expect((err as AmeliaError).message).toContain('Could not make a still of frame 100');
  });
});

describe('writeStill on a clip whose video is its second stream and starts after its audio', () => {
  const dir = tempDir();
  const clip = join(dir.dir, 'late video.mkv');
  let binaries: MediaBinaries;
  let probe: ProbeResult;
  beforeAll(async () => {
    binaries = await resolveMediaBinaries();
    await makeLateVideoClip(clip);
    probe = await probeVideo(binaries.ffprobe.path, clip);
  });
  afterAll(() => dir.remove());

  it('is probed as such', async () => {
    expect(probe.streamIndex).toBe(1);
    expect(probe.frameCount).toBe(await countDecodedFrames(clip));
    expect(probe.frameCount).toBe(50);
    expect(probe.firstFrameOffsetSec).toBeGreaterThanOrEqual(0.5);
    expect(probe.firstFrameOffsetSec).toBeLessThan(0.6);
    expect(probe.times[49]).toBeCloseTo(49 / 25, 3);
  });

  it.each([0, 1, 25, 49])('shows frame %i', async (i) => {
    const out = join(dir.dir, `late-${i}.jpg`);
    await writeStill(binaries.ffmpeg.path, sourceOf(clip, probe), i, out, 320);
    const still = await grayPixels(['-i', out]);
    const distances = await Promise.all(
      [i - 1, i, i + 1]
        .filter((f) => f >= 0 && f < 50)
        .map(async (f) => ({ f, d: pictureDistance(still, await decodedFramePixels(clip, f)) })),
    );
    expect(distances.reduce((a, b) => (b.d < a.d ? b : a)).f).toBe(i);
  });
});

describe('still frame choice', () => {
  it('seeks half way into the gap before the frame, so ffmpeg starts at that frame', () => {
    const times = [0, 0.1, 0.3, 0.4];
    expect(stillSeekTime(times, 0, 10)).toBeCloseTo(-0.05, 12);
    expect(stillSeekTime(times, 1, 10)).toBeCloseTo(0.05, 12);
    expect(stillSeekTime(times, 2, 10)).toBeCloseTo(0.2, 12);
    expect(stillSeekTime(times, 3, 10)).toBeCloseTo(0.35, 12);
    expect(stillSeekTime(times, 9, 10)).toBeCloseTo(0.35, 12);
  });

  it('spreads thumbnails from the first frame to the last', () => {
    expect(thumbnailFrames(100, 12)).toEqual([0, 9, 18, 27, 36, 45, 54, 63, 72, 81, 90, 99]);
    expect(thumbnailFrames(1, 12)).toEqual([0]);
    expect(thumbnailFrames(5, 12)).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes the poster a tenth of the way in', () => {
    expect(posterFrame(100)).toBe(10);
    expect(posterFrame(1)).toBe(0);
    expect(posterFrame(9)).toBe(0);
  });

  it('keeps the aspect ratio in even sizes', () => {
    expect(scaledSize(640, 480, 160)).toEqual({ width: 160, height: 120 });
    expect(scaledSize(480, 640, 160)).toEqual({ width: 160, height: 214 });
    expect(scaledSize(100, 50, 480)).toEqual({ width: 100, height: 50 });
  });
});
