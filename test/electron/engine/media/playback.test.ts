import { beforeAll, describe, expect, it } from 'vitest';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import { playbackPlan } from '../../../../electron/engine/media/playback';
import type { ProbeResult } from '../../../../electron/engine/media/probe';
import { probeVideo } from '../../../../electron/engine/media/probe';
import { dataPath } from '../../../support/data';

async function probe(...parts: string[]): Promise<ProbeResult> {
  return probeVideo((await resolveMediaBinaries()).ffprobe.path, dataPath(...parts));
}

describe('playbackPlan: what the browser cannot play frame-exactly gets a proxy, and why', () => {
  let plain: ProbeResult;
  beforeAll(async () => {
    plain = await probe('mmskeleton', 'ta_chi.mp4');
  });

  it('plays a plain H.264 yuv420p MP4 as it is', () => {
    expect([plain.codec, plain.pixelFormat, plain.variableFrameRate, plain.rotation]).toEqual([
      'h264',
      'yuv420p',
      false,
      0,
    ]);
    const plan = playbackPlan(plain, dataPath('mmskeleton', 'ta_chi.mp4'));
    expect(plan).toEqual({
      needsProxy: false,
      reason: null,
      proxyRate: { text: '30000/1001', fps: 30000 / 1001 },
    });
  });

  it('makes a proxy for MPEG-4 Part 2 in AVI', async () => {
    const path = dataPath('ntu-falling', 'S001C001P001R001A043_rgb.avi');
    const plan = playbackPlan(await probe('ntu-falling', 'S001C001P001R001A043_rgb.avi'), path);
    expect(plan.needsProxy).toBe(true);
    expect(plan.reason).toBe('MPEG-4 Part 2 in AVI');
    expect(plan.proxyRate).toEqual({ text: '30/1', fps: 30 });
  });

  it('names the codec and container of other files the browser cannot play', async () => {
    expect(playbackPlan(await probe('tricky', 'mpeg4.mov'), dataPath('tricky', 'mpeg4.mov')).reason).toBe(
      'MPEG-4 Part 2 in QuickTime',
    );
    expect(playbackPlan(await probe('tricky', 'mjpeg.avi'), dataPath('tricky', 'mjpeg.avi')).reason).toBe(
      'Motion JPEG in AVI',
    );
  });

  it('makes a proxy for yuv444p, which browsers cannot decode', async () => {
    const plan = playbackPlan(
      await probe('tricky', 'odd_size_yuv444p.mp4'),
      dataPath('tricky', 'odd_size_yuv444p.mp4'),
    );
    expect(plan.needsProxy).toBe(true);
    expect(plan.reason).toBe('H.264 with pixel format yuv444p, which browsers cannot decode');
    const vp9 = playbackPlan(await probe('tricky', 'vp9.webm'), dataPath('tricky', 'vp9.webm'));
    expect(vp9.reason).toBe('VP9 with pixel format yuv444p, which browsers cannot decode');
  });

  it('makes a proxy for a variable frame rate, at the rate of its commonest interval', async () => {
    const plan = playbackPlan(
      await probe('tricky', 'vfr_18_then_9fps.mp4'),
      dataPath('tricky', 'vfr_18_then_9fps.mp4'),
    );
    expect(plan.needsProxy).toBe(true);
    expect(plan.reason).toBe('variable frame rate');
    expect(plan.proxyRate.fps).toBe(18);
  });

  it('makes a proxy for a rotated clip, listing every reason', async () => {
    const plan = playbackPlan(await probe('tricky', 'rotated_90.mp4'), dataPath('tricky', 'rotated_90.mp4'));
    expect(plan.reason).toContain('pixel format yuv444p');
    expect(plan.reason).toContain('rotated 270° for display');
  });

  it('judges the container by its format and, for QuickTime and WebM, the file name', () => {
    expect(playbackPlan({ ...plain, rotation: 90 }, '/x/a.mp4').reason).toBe('rotated 90° for display');
    expect(playbackPlan(plain, '/x/a.mov').reason).toBe('H.264 in QuickTime');
    expect(playbackPlan({ ...plain, majorBrand: 'qt' }, '/x/a.mp4').reason).toBe('H.264 in QuickTime');
    expect(playbackPlan({ ...plain, container: 'matroska,webm', codec: 'vp9' }, '/x/a.webm').needsProxy).toBe(
      false,
    );
    expect(playbackPlan({ ...plain, container: 'matroska,webm', codec: 'vp9' }, '/x/a.mkv').reason).toBe(
      'VP9 in MATROSKA',
    );
    expect(playbackPlan({ ...plain, container: 'matroska,webm', codec: 'h264' }, '/x/a.webm').reason).toBe(
      'H.264 in WebM',
    );
    expect(playbackPlan({ ...plain, codec: 'hevc' }, '/x/a.mp4').reason).toBe('HEVC (H.265) in MP4');
    expect(playbackPlan({ ...plain, pixelFormat: 'yuvj420p' }, '/x/a.mp4').needsProxy).toBe(false);
    expect(playbackPlan({ ...plain, pixelFormat: 'yuv420p10le' }, '/x/a.mp4').reason).toContain(
      'yuv420p10le',
    );
  });
});
