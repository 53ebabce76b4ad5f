import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract/events';
import type { Video } from '../../../shared/domain/video';
import type { Engine } from '../../../electron/engine/engine';
import { APP_VERSION, createEngine } from '../../../electron/engine/engine';
import { LATEST_SCHEMA_VERSION } from '../../../electron/engine/store/migrations';
import { dataPath } from '../../support/data';
import { entriesUnder, filesUnder, sha256 } from '../../support/files';
import { tempDir } from '../../support/tempProject';
import { useTempEngine } from '../../support/tempEngine';

async function importOne(engine: Engine, path: string): Promise<Video> {
  const r = await engine.call('videos.import', { paths: [path] });
  if (!r.ok) throw new Error(r.error.message);
  const [video] = r.value.imported;
  if (!video) throw new Error(`not imported: ${JSON.stringify(r.value)}`);
  return video;
}

describe('engine.call', () => {
  const dir = tempDir();
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ projectDir: join(dir.dir, 'My project'), runJobs: false });
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('answers system.info with the project and the media tools', async () => {
    const r = await engine.call('system.info', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.appVersion).toBe(APP_VERSION);
    expect(r.value.project).toMatchObject({
      name: 'My project',
      dir: join(dir.dir, 'My project'),
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    expect(r.value.ffmpeg.path).toBe(engine.binaries.ffmpeg.path);
    expect(r.value.ffprobe.version).toBe(engine.binaries.ffprobe.version);
  });

  it.each([
    ['videos.get', {}, 'videoId'],
    ['videos.get', { videoId: 42 }, 'videoId'],
    ['videos.get', { videoId: '../../etc/passwd' }, 'videoId'],
    ['videos.get', { videoId: 'abc', extra: true }, 'extra'],
    ['videos.import', { paths: [] }, 'paths'],
    ['videos.import', { paths: ['a.mp4', 7] }, 'paths.1'],
    ['videos.import', { paths: [''] }, 'paths.0'],
    ['videos.import', { path: 'a.mp4' }, 'paths'],
    ['jobs.cancel', { jobId: '' }, 'jobId'],
    ['videos.list', { all: true }, 'all'],
  ] as const)('refuses a malformed %s request %j, pointing at %s', async (method, request, where) => {
    const r = await engine.call(method, request);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_request');
    expect(r.error.where).toBe(where);
    expect(r.error.message).toContain(`Invalid request for ${method}`);
  });

  it('refuses a request that is not an object', async () => {
    const r = await engine.call('videos.get', 'abc');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses a method it does not know', async () => {
    expect(await engine.callByName('videos.drop', {})).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'No method "videos.drop".' },
    });
    expect(await engine.callByName('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await engine.callByName('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });

  it('answers not_found for ids it does not hold', async () => {
    for (const method of ['videos.get', 'videos.remove', 'videos.frameTimes'] as const) {
      const r = await engine.call(method, { videoId: 'no-such-video' });
      expect(r).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'No video no-such-video in this project.', where: 'videoId' },
      });
    }
    for (const method of ['jobs.cancel', 'jobs.retry'] as const) {
      expect(await engine.call(method, { jobId: 'no-such-job' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
    expect(engine.mediaFile('no-such-video', { kind: 'poster' })).toBeNull();
  });

  it('serves a video that plays as it is from its own file, and its frame times', async () => {
    const video = await importOne(engine, dataPath('mmskeleton', 'ta_chi.mp4'));
    expect(video).toMatchObject({
      frameCount: 300,
      proxyState: 'not-needed',
      proxyReason: null,
      width: 340,
      height: 256,
    });
    expect(engine.mediaFile(video.id, { kind: 'source' })).toMatchObject({
      path: dataPath('mmskeleton', 'ta_chi.mp4'),
      contentType: 'video/mp4',
    });
    expect(engine.mediaFile(video.id, { kind: 'proxy' })).toBeNull();
    const times = await engine.call('videos.frameTimes', { videoId: video.id });
    expect(times.ok && times.value.times.length).toBe(300);
    expect(times.ok && times.value.times[299]).toBeCloseTo((299 * 1001) / 30000, 6);
  });
});

describe('videos.remove', () => {
  const dir = tempDir();
  let engine: Engine;
  const events: AnyEvent[] = [];
  beforeAll(async () => {
    engine = await createEngine({ projectDir: join(dir.dir, 'project'), runJobs: true });
    engine.on((e) => events.push(e));
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('deletes the derived files and the jobs, never the original', async () => {
    const copy = join(dir.dir, 'my clip.mp4');
    copyFileSync(dataPath('tricky', 'vfr_18_then_9fps.mp4'), copy);
    const hash = sha256(copy);
    const video = await importOne(engine, copy);
    await engine.jobs.whenIdle();
    expect(filesUnder(join(engine.layout.derived, video.id))).toContain('proxy.mp4');

    const r = await engine.call('videos.remove', { videoId: video.id });
    expect(r).toEqual({ ok: true, value: { videoId: video.id } });
    expect(existsSync(join(engine.layout.derived, video.id))).toBe(false);
    expect(sha256(copy)).toBe(hash);
    expect(await engine.call('videos.get', { videoId: video.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const jobs = await engine.call('jobs.list', {});
    expect(jobs.ok && jobs.value.filter((j) => j.videoId === video.id)).toEqual([]);
    expect(events).toContainEqual({
      name: 'data.changed',
      payload: { entity: 'video', ids: [video.id], removed: true },
    });
    // It can be imported again.
    expect((await importOne(engine, copy)).contentHash).toBe(video.contentHash);
  });

  it('leaves an original in the shared data where it is', async () => {
    const original = dataPath('tricky', 'mjpeg.avi');
    const hash = sha256(original);
    const video = await importOne(engine, original);
    await engine.call('videos.remove', { videoId: video.id });
    expect(sha256(original)).toBe(hash);
  });

  it('stops the jobs of a video removed while its proxy is being made, leaving nothing behind', async () => {
    const video = await importOne(engine, dataPath('ntu-falling', 'S001C002P003R002A043_rgb.avi'));
    expect(video.proxyState).toBe('queued');
    const r = await engine.call('videos.remove', { videoId: video.id });
    expect(r.ok).toBe(true);
    await engine.jobs.whenIdle();
    expect(existsSync(join(engine.layout.derived, video.id))).toBe(false);
    expect(filesUnder(engine.layout.staging)).toEqual([]);
  });
});

describe('engine.importUpload adopts an upload into the project', () => {
  const t = useTempEngine({ nested: true });

  async function upload(from: string): Promise<string> {
    const file = join(await t.engine.uploadDir(), 'upload.bin');
    copyFileSync(from, file);
    return file;
  }

  it('keeps the file in media/<id> under a name of its own, shows the original name, and removes both with the video', async () => {
    const temp = await upload(dataPath('tricky', 'one_frame.mp4'));
    const result = await t.engine.importUpload(temp, 'Grandma $(falls) ü.MP4');
    expect(result.failed).toEqual([]);
    const [video] = result.imported;
    if (!video) throw new Error('not imported');
    expect(video.name).toBe('Grandma $(falls) ü.MP4');
    expect(video.sourcePath).toBe(join(t.engine.layout.media, video.id, 'source.mp4'));
    expect(existsSync(temp)).toBe(false);
    expect(sha256(video.sourcePath)).toBe(sha256(dataPath('tricky', 'one_frame.mp4')));
    expect(t.engine.mediaFile(video.id, { kind: 'source' })).toMatchObject({
      path: video.sourcePath,
      contentType: 'video/mp4',
    });

    const again = await upload(dataPath('tricky', 'one_frame.mp4'));
    const dup = await t.engine.importUpload(again, 'copy.mp4');
    expect(dup).toEqual({ imported: [], duplicates: [{ path: 'copy.mp4', videoId: video.id }], failed: [] });
    expect(existsSync(again)).toBe(false);
    expect(entriesUnder(t.engine.layout.media)).toEqual([video.id, join(video.id, 'source.mp4')]);

    expect((await t.engine.call('videos.remove', { videoId: video.id })).ok).toBe(true);
    expect(existsSync(join(t.engine.layout.media, video.id))).toBe(false);
    expect(existsSync(join(t.engine.layout.derived, video.id))).toBe(false);
  });

  it('names the copy by a plain extension only', async () => {
    const temp = await upload(dataPath('tricky', 'vp9.webm'));
    const [video] = (await t.engine.importUpload(temp, 'clip.$(rm -rf)')).imported;
    expect(video?.sourcePath).toBe(join(t.engine.layout.media, video?.id ?? '', 'source.bin'));
  });

  it('deletes an upload it refuses', async () => {
    const temp = await upload(dataPath('tricky', 'random_bytes.mp4'));
    const result = await t.engine.importUpload(temp, 'random.mp4');
    expect(result.failed).toMatchObject([{ path: 'random.mp4', code: 'media_error' }]);
    expect(result.failed[0]?.message).not.toContain(t.engine.layout.staging);
    expect(result.failed[0]?.message).toMatch(/^Cannot read random.mp4: .*not a video/);
    expect(existsSync(temp)).toBe(false);
  });
});
