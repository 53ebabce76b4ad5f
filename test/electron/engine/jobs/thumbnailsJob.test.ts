import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../../shared/contract/events';
import type { Engine } from '../../../../electron/engine/engine';
import { createEngine } from '../../../../electron/engine/engine';
import { thumbnailCount } from '../../../../electron/engine/jobs/thumbnailsJob';
import { dataPath } from '../../../support/data';
import { filesUnder } from '../../../support/files';
import { decodedFramePixels, grayPixels, pictureDistance, streamFacts } from '../../../support/media';
import { tempDir } from '../../../support/tempProject';

describe('the thumbnails job', () => {
  const dir = tempDir();
  let engine: Engine;
  const events: AnyEvent[] = [];
  beforeAll(async () => {
    engine = await createEngine({ projectDir: dir.dir, runJobs: false });
    engine.on((e) => events.push(e));
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('fills thumbnailFrames and writes one thumbs/N.jpg per frame of the strip, the last frame included', async () => {
    const clip = dataPath('tricky', 'frame_numbers_25fps.mp4');
    const r = await engine.call('videos.import', { paths: [clip] });
    const video = r.ok ? r.value.imported[0] : undefined;
    if (!video) throw new Error('not imported');
    expect(video.thumbnailFrames).toEqual([]);
    expect(video.proxyState).toBe('not-needed');
    engine.jobs.start();
    await engine.jobs.whenIdle();

    const after = await engine.call('videos.get', { videoId: video.id });
    if (!after.ok) throw new Error(after.error.message);
    expect(thumbnailCount(4)).toBe(12);
    expect(after.value.thumbnailFrames).toEqual([0, 9, 18, 27, 36, 45, 54, 63, 72, 81, 90, 99]);
    const thumbs = join(engine.layout.derived, video.id, 'thumbs');
    expect(filesUnder(thumbs).sort((a, b) => parseInt(a) - parseInt(b))).toEqual(
      after.value.thumbnailFrames.map((_, i) => `${i}.jpg`),
    );
    for (let i = 0; i < 12; i++)
      expect(engine.mediaFile(video.id, { kind: 'thumb', index: i })?.path).toBe(join(thumbs, `${i}.jpg`));
    expect(engine.mediaFile(video.id, { kind: 'thumb', index: 12 })).toBeNull();

    const facts = await streamFacts(join(thumbs, '11.jpg'));
    expect([facts.width, facts.height]).toEqual([160, 120]);
    // Thumbnail N shows frame thumbnailFrames[N]: here the last, 99, rather than its neighbour 98.
    const last = await grayPixels(['-i', join(thumbs, '11.jpg')]);
    expect(pictureDistance(last, await decodedFramePixels(clip, 99))).toBeLessThan(
      pictureDistance(last, await decodedFramePixels(clip, 98)),
    );

    const jobs = await engine.call('jobs.list', {});
    expect(jobs.ok && jobs.value.map((j) => [j.kind, j.state, j.done, j.total])).toEqual([
      ['thumbnails', 'done', 12, 12],
    ]);
    expect(events).toContainEqual({
      name: 'data.changed',
      payload: { entity: 'video', ids: [video.id], removed: false },
    });
    expect(filesUnder(engine.layout.staging)).toEqual([]);
  });

  it('makes a strip of one for a one-frame video', async () => {
    const r = await engine.call('videos.import', { paths: [dataPath('tricky', 'one_frame.mp4')] });
    const video = r.ok ? r.value.imported[0] : undefined;
    if (!video) throw new Error('not imported');
    await engine.jobs.whenIdle();
    const after = await engine.call('videos.get', { videoId: video.id });
    expect(after.ok && after.value.thumbnailFrames).toEqual([0]);
    expect(filesUnder(join(engine.layout.derived, video.id))).toEqual([
      'poster.jpg',
      join('thumbs', '0.jpg'),
    ]);
  });

  it('asks for one thumbnail every ten seconds, between 12 and 120', () => {
    expect(thumbnailCount(0.04)).toBe(12);
    expect(thumbnailCount(125)).toBe(13);
    expect(thumbnailCount(3600)).toBe(120);
  });
});
