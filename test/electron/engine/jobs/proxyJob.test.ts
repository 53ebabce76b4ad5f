import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/domain/job';
import type { Video } from '../../../../shared/domain/video';
import type { Engine } from '../../../../electron/engine/engine';
import { createEngine } from '../../../../electron/engine/engine';
import { dataPath } from '../../../support/data';
import { filesUnder } from '../../../support/files';
import {
  countDecodedFrames,
  decodedFramePixels,
  makeLateVideoClip,
  pictureDistance,
  streamFacts,
} from '../../../support/media';
import { tempDir } from '../../../support/tempProject';
import { useTempEngine } from '../../../support/tempEngine';

async function getVideo(engine: Engine, videoId: string): Promise<Video> {
  const r = await engine.call('videos.get', { videoId });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function jobsOf(engine: Engine, videoId: string): Promise<Job[]> {
  const r = await engine.call('jobs.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value.filter((j) => j.videoId === videoId);
}

describe('proxy jobs make a frame-exact H.264 proxy of what the browser cannot play', () => {
  const dir = tempDir();
  let engine: Engine;
  const clips = {
    avi: dataPath('ntu-falling', 'S001C001P001R001A043_rgb.avi'),
    rotated: dataPath('tricky', 'rotated_90.mp4'),
    vfr: dataPath('tricky', 'vfr_18_then_9fps.mp4'),
  };
  const ids: Record<keyof typeof clips, string> = { avi: '', rotated: '', vfr: '' };

  beforeAll(async () => {
    engine = await createEngine({ projectDir: dir.dir, runJobs: true });
    const r = await engine.call('videos.import', { paths: Object.values(clips) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.failed).toEqual([]);
    for (const v of r.value.imported) {
      const key = (Object.keys(clips) as (keyof typeof clips)[]).find((k) => clips[k] === v.sourcePath);
      if (key) ids[key] = v.id;
    }
    await engine.jobs.whenIdle();
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it.each(['avi', 'rotated', 'vfr'] as const)(
    '%s: one proxy frame per source frame, h264 yuv420p, ready',
    async (key) => {
      const video = await getVideo(engine, ids[key]);
      expect(video.proxyState).toBe('ready');
      const proxy = join(engine.layout.derived, video.id, 'proxy.mp4');
      const [facts, sourceFrames] = await Promise.all([streamFacts(proxy), countDecodedFrames(clips[key])]);
      expect(facts.packets).toBe(sourceFrames);
      expect(facts.frames).toBe(sourceFrames);
      expect(video.frameCount).toBe(sourceFrames);
      expect(facts.codec).toBe('h264');
      expect(facts.pixelFormat).toBe('yuv420p');
      expect([facts.width, facts.height]).toEqual([video.width, video.height]);
      expect(engine.mediaFile(video.id, { kind: 'proxy' })).toMatchObject({
        path: proxy,
        contentType: 'video/mp4',
      });
      const proxyJobs = (await jobsOf(engine, video.id)).filter((j) => j.kind === 'proxy');
      expect(proxyJobs).toHaveLength(1);
      expect(proxyJobs[0]).toMatchObject({
        state: 'done',
        done: sourceFrames,
        total: sourceFrames,
        attempts: 1,
      });
    },
  );

  it('keeps the size of the 1080p AVI', async () => {
    const facts = await streamFacts(join(engine.layout.derived, ids.avi, 'proxy.mp4'));
    expect([facts.width, facts.height, facts.rate]).toEqual([1920, 1080, '30/1']);
  });

  it('turns the rotated clip upright: 480x640 with no rotation left', async () => {
    const facts = await streamFacts(join(engine.layout.derived, ids.rotated, 'proxy.mp4'));
    expect([facts.width, facts.height]).toEqual([480, 640]);
    expect(facts.rotation).toBe(0);
  });

  it('plays the variable-rate clip at a constant 18 fps with no frame dropped or repeated', async () => {
    const proxy = join(engine.layout.derived, ids.vfr, 'proxy.mp4');
    const facts = await streamFacts(proxy);
    expect(facts.rate).toBe('18/1');
    // Around the change of rate (frame 20) and at the end, proxy frame i is source frame i.
    for (const i of [19, 20, 21, 35, 36]) {
      const p = await decodedFramePixels(proxy, i, 320, 240);
      const distances = await Promise.all(
        [i - 1, i, i + 1]
          .filter((f) => f < 37)
          .map(async (f) => ({ f, d: pictureDistance(p, await decodedFramePixels(clips.vfr, f, 320, 240)) })),
      );
      expect(distances.reduce((a, b) => (b.d < a.d ? b : a)).f, `proxy frame ${i}`).toBe(i);
    }
  });

  it('leaves nothing in staging', () => {
    expect(filesUnder(engine.layout.staging)).toEqual([]);
  });
});

describe('a proxy of a clip whose video is not its first stream (made with ffmpeg)', () => {
  const t = useTempEngine({ runJobs: true, nested: true });

  it('takes the video stream, frame for frame', async () => {
    const clip = join(t.dir, 'late.mkv');
    await makeLateVideoClip(clip);
    const r = await t.engine.call('videos.import', { paths: [clip] });
    const video = r.ok ? r.value.imported[0] : undefined;
    if (!video) throw new Error(`not imported: ${JSON.stringify(r)}`);
    expect(video.proxyReason).toBe('H.264 in MATROSKA');
    await t.engine.jobs.whenIdle();
    expect((await getVideo(t.engine, video.id)).proxyState).toBe('ready');
    const proxy = join(t.engine.layout.derived, video.id, 'proxy.mp4');
    const facts = await streamFacts(proxy);
    expect([facts.packets, facts.width, facts.height, facts.rate]).toEqual([50, 320, 240, '25/1']);
    for (const i of [0, 24, 49]) {
      const p = await decodedFramePixels(proxy, i);
      const distances = await Promise.all(
        [i - 1, i, i + 1]
          .filter((f) => f >= 0 && f < 50)
          .map(async (f) => ({ f, d: pictureDistance(p, await decodedFramePixels(clip, f)) })),
      );
      expect(distances.reduce((a, b) => (b.d < a.d ? b : a)).f, `proxy frame ${i}`).toBe(i);
    }
  });
});

describe('a proxy job whose source went missing', () => {
  const t = useTempEngine({ nested: true });

  it('fails with a message, leaves no proxy, and succeeds on retry once the file is back', async () => {
    const copy = join(t.dir, 'mpeg4.mov');
    copyFileSync(dataPath('tricky', 'mpeg4.mov'), copy);
    const r = await t.engine.call('videos.import', { paths: [copy] });
    const video = r.ok ? r.value.imported[0] : undefined;
    if (!video) throw new Error('not imported');
    expect(video.proxyState).toBe('queued');
    rmSync(copy);
    t.engine.jobs.start();
    await t.engine.jobs.whenIdle();

    const failed = await getVideo(t.engine, video.id);
    expect(failed.proxyState).toBe('failed');
    const job = (await jobsOf(t.engine, video.id)).find((j) => j.kind === 'proxy');
    expect(job?.state).toBe('failed');
    expect(job?.error).toMatch(/^ffmpeg could not make the proxy: .+/);
    expect(existsSync(join(t.engine.layout.derived, video.id, 'proxy.mp4'))).toBe(false);
    expect(t.engine.mediaFile(video.id, { kind: 'proxy' })).toBeNull();
    expect(filesUnder(t.engine.layout.staging)).toEqual([]);

    copyFileSync(dataPath('tricky', 'mpeg4.mov'), copy);
    const retried = await t.engine.call('jobs.retry', { jobId: job?.id });
    expect(retried.ok).toBe(true);
    await t.engine.jobs.whenIdle();
    expect((await getVideo(t.engine, video.id)).proxyState).toBe('ready');
    expect((await streamFacts(join(t.engine.layout.derived, video.id, 'proxy.mp4'))).packets).toBe(36);
  });
});
