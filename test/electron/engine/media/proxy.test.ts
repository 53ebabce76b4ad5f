import { describe, expect, it } from 'vitest';
import type { ProxySpec } from '../../../../electron/engine/media/proxy';
import { proxyArgs, proxyGop, proxySize } from '../../../../electron/engine/media/proxy';

const spec: ProxySpec = {
  src: '/videos/a b;$(x).avi',
  streamIndex: 1,
  out: '/project/staging/job-1/proxy.mp4',
  width: 1920,
  height: 1080,
  frameCount: 85,
  rateText: '30000/1001',
  fps: 30000 / 1001,
};

function valueAfter(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

describe('proxyArgs', () => {
  it('keeps every frame with -fps_mode passthrough where ffmpeg has it', () => {
    const args = proxyArgs({ hasFpsMode: true }, spec);
    expect(valueAfter(args, '-fps_mode')).toBe('passthrough');
    expect(args).not.toContain('-vsync');
  });

  it('falls back to -vsync passthrough on an older ffmpeg', () => {
    const args = proxyArgs({ hasFpsMode: false }, spec);
    expect(valueAfter(args, '-vsync')).toBe('passthrough');
    expect(args).not.toContain('-fps_mode');
  });

  it('numbers frame N of the source as frame N of a constant-rate H.264 yuv420p proxy', () => {
    const args = proxyArgs({ hasFpsMode: true }, spec);
    expect(valueAfter(args, '-i')).toBe('file:/videos/a b;$(x).avi');
    expect(args[args.length - 1]).toBe('file:/project/staging/job-1/proxy.mp4');
    expect(valueAfter(args, '-map')).toBe('0:1');
    expect(valueAfter(args, '-vf')).toBe(
      'setpts=N*1001/(30000*TB),scale=1920:1080:flags=bicubic,format=yuv420p',
    );
    expect(valueAfter(args, '-r')).toBe('30000/1001');
    expect(valueAfter(args, '-c:v')).toBe('libx264');
    expect(valueAfter(args, '-pix_fmt')).toBe('yuv420p');
    expect(valueAfter(args, '-g')).toBe('15');
    expect(valueAfter(args, '-metadata:s:v:0')).toBe('rotate=0');
    expect(args).toEqual(expect.arrayContaining(['-an', '-sn', '-dn']));
  });

  it('scales the longest side down to 1920, keeping sizes even', () => {
    expect(proxySize(4000, 3000)).toEqual({ width: 1920, height: 1440 });
    expect(proxySize(1080, 1920)).toEqual({ width: 1080, height: 1920 });
    expect(proxySize(641, 481)).toEqual({ width: 642, height: 482 });
    expect(proxySize(3840, 2161)).toEqual({ width: 1920, height: 1080 });
    const args = proxyArgs(
      { hasFpsMode: false },
      { ...spec, width: 3840, height: 2160, rateText: '25/1', fps: 25 },
    );
    expect(valueAfter(args, '-vf')).toBe('setpts=N*1/(25*TB),scale=1920:1080:flags=bicubic,format=yuv420p');
  });

  it('puts a keyframe about every half second', () => {
    expect(proxyGop(30)).toBe(15);
    expect(proxyGop(18)).toBe(9);
    expect(proxyGop(1)).toBe(1);
    expect(proxyGop(0.5)).toBe(1);
  });
});
