import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmeliaError } from '../../../../shared/contract/envelope';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import type { ProbeResult } from '../../../../electron/engine/media/probe';
import { clockwiseRotation, probeVideo } from '../../../../electron/engine/media/probe';
import { allClips, DATA_DIR, dataPath, REFUSED_TRICKY } from '../../../support/data';
import { countDecodedFrames } from '../../../support/media';

async function probe(path: string): Promise<ProbeResult> {
  return probeVideo((await resolveMediaBinaries()).ffprobe.path, path);
}

function intervals(times: Float64Array): number[] {
  return Array.from(times.subarray(1), (t, i) => t - (times[i] as number));
}

describe('probeVideo counts every frame that decodes, as ffprobe -count_frames does', () => {
  const clips = allClips();

  it('sees every real clip, and none of the broken ones that must be refused', () => {
    const names = clips.map((c) => relative(DATA_DIR, c));
    expect(names.filter((n) => n.startsWith('upfall/'))).toHaveLength(44);
    expect(names.filter((n) => n.startsWith('ntu-falling/'))).toHaveLength(5);
    expect(names).toEqual(
      expect.arrayContaining([
        'urfd/fall-01-cam0.mp4',
        'mmskeleton/ta_chi.mp4',
        'mmhuman3d/multi_person_demo.mp4',
      ]),
    );
    for (const bad of REFUSED_TRICKY) expect(names).not.toContain(`tricky/${bad}`);
  });

  it.concurrent.each(clips.map((c) => [relative(DATA_DIR, c), c]))('%s', async (_name, path) => {
    const [result, reference] = await Promise.all([probe(path), countDecodedFrames(path)]);
    expect(reference).toBeGreaterThan(0);
    expect(result.frameCount).toBe(reference);
    expect(result.times).toHaveLength(reference);
    expect(result.times[0]).toBe(0);
    for (const d of intervals(result.times)) expect(d).toBeGreaterThan(0);
    expect(result.width).toBeGreaterThan(0);
    expect(result.height).toBeGreaterThan(0);
    expect(result.durationSec).toBeGreaterThan(0);
    expect(result.keyframes[0]).toBe(0);
  });
});

describe('probeVideo on the tricky clips', () => {
  it.each([
    ['vfr_18_then_9fps.mp4', 37],
    ['rotated_90.mp4', 38],
    ['odd_size_yuv444p.mp4', 36],
    ['one_frame.mp4', 1],
    ['mjpeg.avi', 36],
    ['vp9.webm', 36],
    ['mpeg4.mov', 36],
    ['frame_numbers_25fps.mp4', 100],
    ['weird name $(touch pwned) ü;.mp4', 1],
  ])('%s decodes to the %i frames its README states', async (name, frames) => {
    const r = await probe(dataPath('tricky', name));
    expect(r.frameCount).toBe(frames);
    expect(r.warnings).toEqual([]);
  });

  it('keeps the variable rate of the VFR clip: 20 intervals of 1/18 s, then 1/9 s', async () => {
    const r = await probe(dataPath('tricky', 'vfr_18_then_9fps.mp4'));
    expect(r.variableFrameRate).toBe(true);
    const d = intervals(r.times);
    expect(d).toHaveLength(36);
    d.forEach((step, i) => expect(step, `interval ${i}`).toBeCloseTo(i < 20 ? 1 / 18 : 1 / 9, 4));
    expect(r.times[36]).toBeCloseTo(20 / 18 + 16 / 9, 4);
    // The commonest interval gives the proxy's rate.
    expect(r.typicalFps).toBe(18);
    const [num, den] = r.typicalRateText.split('/').map(Number);
    expect((num as number) / (den as number)).toBe(18);
    expect(r.durationSec).toBeCloseTo(20 / 18 + 17 / 9, 4);
  });

  it('a constant-rate clip is not variable and has the rate of its stream', async () => {
    const r = await probe(dataPath('tricky', 'frame_numbers_25fps.mp4'));
    expect(r.variableFrameRate).toBe(false);
    expect(r.typicalFps).toBe(25);
    intervals(r.times).forEach((step) => expect(step).toBeCloseTo(0.04, 6));
    expect(r.durationSec).toBeCloseTo(4, 6);
    // GOP 50: keyframes at 0 and 50.
    expect(r.keyframes).toEqual([0, 50]);
  });

  it('swaps width and height of the clip rotated for display', async () => {
    const r = await probe(dataPath('tricky', 'rotated_90.mp4'));
    expect({ codedWidth: r.codedWidth, codedHeight: r.codedHeight }).toEqual({
      codedWidth: 640,
      codedHeight: 480,
    });
    expect({ width: r.width, height: r.height }).toEqual({ width: 480, height: 640 });
    // Its display matrix turns the picture 90° counter-clockwise, which is 270° clockwise (ffmpeg's autorotate agrees).
    expect(r.rotation).toBe(270);
  });

  it('leaves an unrotated clip as it is coded', async () => {
    const r = await probe(dataPath('tricky', 'odd_size_yuv444p.mp4'));
    expect(r.rotation).toBe(0);
    expect([r.width, r.height, r.codedWidth, r.codedHeight]).toEqual([641, 481, 641, 481]);
    expect(r.pixelFormat).toBe('yuv444p');
  });

  it('warns of a truncated file, naming the frames that decode and those its header promised', async () => {
    const r = await probe(dataPath('tricky', 'truncated_tail.mp4'));
    expect(r.frameCount).toBe(69);
    expect(r.headerFrameCount).toBe(142);
    expect(r.warnings.join('\n')).toContain('Only 69 of the 142 frames');
  });

  it('refuses a file without video with a reason', async () => {
    const err = await probe(dataPath('tricky', 'audio_only.m4a')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmeliaError);
    expect((err as AmeliaError).code).toBe('media_error');
    expect((err as AmeliaError).message).toContain('no video track (only audio)');
  });
});

describe('clockwiseRotation', () => {
  it('reads a display matrix angle as counter-clockwise', () => {
    expect(clockwiseRotation(-90, undefined)).toBe(90);
    expect(clockwiseRotation(90, undefined)).toBe(270);
    expect(clockwiseRotation(180, undefined)).toBe(180);
    expect(clockwiseRotation(-180, undefined)).toBe(180);
    expect(clockwiseRotation(270, undefined)).toBe(90);
    expect(clockwiseRotation(0, undefined)).toBe(0);
  });

  it('reads an old rotate tag as clockwise', () => {
    expect(clockwiseRotation(null, '90')).toBe(90);
    expect(clockwiseRotation(null, '270')).toBe(270);
    expect(clockwiseRotation(null, '-90')).toBe(270);
    expect(clockwiseRotation(null, '450')).toBe(90);
  });

  it('prefers the display matrix over the tag', () => {
    expect(clockwiseRotation(-90, '180')).toBe(90);
    expect(clockwiseRotation(Number.NaN, '180')).toBe(180);
  });

  it('snaps to the nearest quarter turn and falls back to 0', () => {
    expect(clockwiseRotation(-89.5, undefined)).toBe(90);
    expect(clockwiseRotation(-135.1, undefined)).toBe(180);
    expect(clockwiseRotation(-30, undefined)).toBe(0);
    expect(clockwiseRotation(null, undefined)).toBe(0);
    expect(clockwiseRotation(null, 'sideways')).toBe(0);
  });
});
