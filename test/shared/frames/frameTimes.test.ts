import { describe, expect, it } from 'vitest';
import {
  TIME_EPSILON_SEC,
  clampFrame,
  constantRateFrameAtTime,
  constantRateSeekTime,
  formatFps,
  formatTimecode,
  frameAtTime,
  frameDuration,
  seekTimeOfFrame,
  summariseFrameTimes,
} from '../../../shared/frames/frameTimes';

/** 20 frames at 18 fps, then 17 at 9 fps: the shape of tricky/vfr_18_then_9fps.mp4. */
function vfrTimes(): number[] {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) times.push(i / 18);
  const last = 19 / 18;
  for (let i = 1; i <= 17; i++) times.push(last + i / 9);
  return times;
}

/** Timestamps as a decoder reports them: rounded to the millisecond, as ffprobe's pts_time often is. */
const ntsc = Array.from({ length: 300 }, (_, i) => Math.round((i * 1001) / 30) / 1000);

describe('frameAtTime', () => {
  const times = [0, 0.1, 0.25, 0.3, 0.7];

  it('finds the frame whose display interval holds the time', () => {
    expect(frameAtTime(times, 0)).toBe(0);
    expect(frameAtTime(times, 0.05)).toBe(0);
    expect(frameAtTime(times, 0.1)).toBe(1);
    expect(frameAtTime(times, 0.249)).toBe(1);
    expect(frameAtTime(times, 0.25)).toBe(2);
    expect(frameAtTime(times, 0.5)).toBe(3);
    expect(frameAtTime(times, 0.7)).toBe(4);
  });

  it('treats a time within half a millisecond before a frame as that frame', () => {
    expect(frameAtTime(times, 0.1 - TIME_EPSILON_SEC / 2)).toBe(1);
    expect(frameAtTime(times, 0.1 - 2 * TIME_EPSILON_SEC)).toBe(0);
  });

  it('clamps times before the first frame and after the last', () => {
    expect(frameAtTime(times, -5)).toBe(0);
    expect(frameAtTime(times, Number.NaN)).toBe(0);
    expect(frameAtTime(times, 1e9)).toBe(4);
    expect(frameAtTime(times, Number.POSITIVE_INFINITY)).toBe(4);
  });

  it('works on a single frame and on a typed array', () => {
    expect(frameAtTime([0], 0)).toBe(0);
    expect(frameAtTime([0], 12)).toBe(0);
    expect(frameAtTime(Float64Array.from(times), 0.3)).toBe(3);
  });

  it('refuses a video without frames', () => {
    expect(() => frameAtTime([], 0)).toThrow(RangeError);
  });

  it('handles a first frame that does not start at zero', () => {
    const offset = [0.5, 0.6, 0.7];
    expect(frameAtTime(offset, 0)).toBe(0);
    expect(frameAtTime(offset, 0.65)).toBe(1);
  });
});

describe('seekTimeOfFrame', () => {
  it('seeks to the middle of a frame', () => {
    expect(seekTimeOfFrame([0, 0.1, 0.3], 0, 10)).toBeCloseTo(0.05, 12);
    expect(seekTimeOfFrame([0, 0.1, 0.3], 1, 10)).toBeCloseTo(0.2, 12);
    // The last frame lasts as long as the one before it.
    expect(seekTimeOfFrame([0, 0.1, 0.3], 2, 10)).toBeCloseTo(0.4, 12);
  });

  it('uses the nominal rate for a single frame', () => {
    expect(seekTimeOfFrame([0], 0, 25)).toBeCloseTo(0.02, 12);
    expect(frameDuration([0], 0, 25)).toBeCloseTo(0.04, 12);
  });

  it('clamps the frame index', () => {
    const times = [0, 0.1, 0.2];
    expect(seekTimeOfFrame(times, -3, 10)).toBe(seekTimeOfFrame(times, 0, 10));
    expect(seekTimeOfFrame(times, 99, 10)).toBe(seekTimeOfFrame(times, 2, 10));
  });

  it.each([
    ['variable frame rate (18 then 9 fps)', vfrTimes(), 18],
    ['29.97 fps with millisecond timestamps', ntsc, 30000 / 1001],
    ['a single frame', [0], 18],
    ['two frames', [0, 0.04], 25],
    ['irregular gaps', [0, 0.002, 0.5, 0.5015, 0.6, 2], 25],
  ])('maps back to the same frame for every frame: %s', (_name, times, fps) => {
    for (let i = 0; i < times.length; i++) {
      expect(frameAtTime(times, seekTimeOfFrame(times, i, fps))).toBe(i);
    }
  });
});

describe('clampFrame', () => {
  it('rounds and keeps an index inside 0…frameCount-1', () => {
    expect(clampFrame(3, 10)).toBe(3);
    expect(clampFrame(3.4, 10)).toBe(3);
    expect(clampFrame(3.6, 10)).toBe(4);
    expect(clampFrame(-1, 10)).toBe(0);
    expect(clampFrame(10, 10)).toBe(9);
    expect(clampFrame(1e12, 10)).toBe(9);
  });

  it('gives frame 0 for nonsense and for an empty video', () => {
    expect(clampFrame(Number.NaN, 10)).toBe(0);
    expect(clampFrame(Number.POSITIVE_INFINITY, 10)).toBe(0);
    expect(clampFrame(5, 0)).toBe(0);
    expect(clampFrame(5, 1)).toBe(0);
  });
});

describe('constant-rate frames (proxies)', () => {
  it('covers [i/fps, (i+1)/fps) with frame i', () => {
    expect(constantRateFrameAtTime(0, 25, 100)).toBe(0);
    expect(constantRateFrameAtTime(0.039, 25, 100)).toBe(0);
    expect(constantRateFrameAtTime(0.04, 25, 100)).toBe(1);
    expect(constantRateFrameAtTime(1, 25, 100)).toBe(25);
    expect(constantRateFrameAtTime(100, 25, 100)).toBe(99);
    expect(constantRateFrameAtTime(-1, 25, 100)).toBe(0);
  });

  it('does not fall a frame short on floating-point error', () => {
    // 0.1 * 30 is 3.0000000000000004 and 0.3 * 10 is 2.9999999999999996.
    expect(constantRateFrameAtTime(0.3, 10, 100)).toBe(3);
    expect(constantRateFrameAtTime(7 / 30, 30, 100)).toBe(7);
  });

  it('seeks to the middle of a frame, which maps back to it', () => {
    expect(constantRateSeekTime(0, 25)).toBeCloseTo(0.02, 12);
    expect(constantRateSeekTime(10, 25)).toBeCloseTo(0.42, 12);
    for (const fps of [18, 25, 30000 / 1001, 60]) {
      for (let i = 0; i < 300; i++)
        expect(constantRateFrameAtTime(constantRateSeekTime(i, fps), fps, 300)).toBe(i);
    }
  });
});

describe('summariseFrameTimes', () => {
  it('summarises a constant rate', () => {
    const times = Array.from({ length: 50 }, (_, i) => i / 25);
    const s = summariseFrameTimes(times, 25);
    expect(s.variable).toBe(false);
    expect(s.typicalFps).toBeCloseTo(25, 9);
    expect(s.meanFps).toBeCloseTo(25, 9);
    expect(s.durationSec).toBeCloseTo(2, 9);
  });

  it('does not call millisecond-rounded 29.97 fps variable', () => {
    const s = summariseFrameTimes(ntsc, 30000 / 1001);
    expect(s.variable).toBe(false);
    expect(s.typicalFps).toBeGreaterThan(29.4);
    expect(s.typicalFps).toBeLessThan(30.4);
  });

  it('finds a variable rate and its commonest interval', () => {
    const s = summariseFrameTimes(vfrTimes(), 18);
    expect(s.variable).toBe(true);
    // 19 intervals of 1/18 s and 17 of 1/9 s: the median (18th of 36, sorted) is 1/18 s.
    expect(s.typicalFps).toBeCloseTo(18, 9);
    // 19/18 s at 18 fps, then 17/9 s at 9 fps, and the last frame lasts 1/9 s.
    expect(s.durationSec).toBeCloseTo(19 / 18 + 17 / 9 + 1 / 9, 9);
    expect(s.meanFps).toBeCloseTo(37 / s.durationSec, 9);
  });

  it('gives a single frame the nominal rate', () => {
    expect(summariseFrameTimes([0], 18)).toEqual({
      meanFps: 18,
      typicalFps: 18,
      variable: false,
      durationSec: 1 / 18,
    });
  });

  it('takes the slower rate as typical where slow intervals are the majority', () => {
    const times = [0, 0.04, 0.08, 0.16, 0.24, 0.32];
    const s = summariseFrameTimes(times, 25);
    expect(s.variable).toBe(true);
    expect(s.typicalFps).toBeCloseTo(12.5, 9);
    expect(s.durationSec).toBeCloseTo(0.4, 9);
    expect(s.meanFps).toBeCloseTo(15, 9);
  });

  it('handles two frames', () => {
    const s = summariseFrameTimes([0, 0.04], 30);
    expect(s.typicalFps).toBeCloseTo(25, 9);
    expect(s.durationSec).toBeCloseTo(0.08, 9);
    expect(s.variable).toBe(false);
  });

  it('refuses a video without frames', () => {
    expect(() => summariseFrameTimes([], 25)).toThrow(RangeError);
  });
});

describe('formatTimecode', () => {
  it.each([
    [0, '00:00.000'],
    [0.0004, '00:00.000'],
    [0.0005, '00:00.001'],
    [1.5, '00:01.500'],
    [59.9996, '01:00.000'],
    [61.25, '01:01.250'],
    [10.01, '00:10.010'],
    [3599.999, '59:59.999'],
    [3600, '1:00:00.000'],
    [3723.004, '1:02:03.004'],
    [36000, '10:00:00.000'],
    [-3, '00:00.000'],
  ])('formats %f s as %s', (sec, text) => {
    expect(formatTimecode(sec)).toBe(text);
  });
});

describe('formatFps', () => {
  it('rounds to two decimals without trailing zeros', () => {
    expect(formatFps(25)).toBe('25');
    expect(formatFps(30000 / 1001)).toBe('29.97');
    expect(formatFps(12.5)).toBe('12.5');
  });
});
