import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmeliaError } from '../../../../shared/contract/envelope';
import { importVideo } from '../../../../electron/engine/import/importVideo';
import { claimNextJob, finishJob, jobsOfVideo } from '../../../../electron/engine/store/jobRows';
import type { VideoRecord } from '../../../../electron/engine/store/videoRows';
import { getVideo } from '../../../../electron/engine/store/videoRows';
import { removeVideo } from '../../../../electron/engine/videos/removal';
import { useTestContext } from '../../../support/engineContext';
import type { Video } from '../../../../shared/domain/video';
import { call, importClip, refused } from '../../../support/annotation';
import { callsAs } from '../../../support/callAs';
import { dataPath } from '../../../support/data';
import { filesUnder, sha256 } from '../../../support/files';
import { useTempEngine } from '../../../support/tempEngine';

const CLIENT = 'tab-1';

describe('removing a video asks for its tubes first, and then takes everything made of it', () => {
  const t = useTempEngine({ nested: true });

  /** A video with one person and two tubes, one of them labelled. */
  async function annotated(path: string): Promise<Video> {
    const video = await importClip(t.engine, path);
    const actor = await call(t.engine, 'actors.create', { clientId: CLIENT, videoId: video.id, name: 'Ann' });
    for (const [startFrame, endFrame, labelNodeId] of [
      [0, 9, 'walk'],
      [20, 29, null],
    ] as const) {
      await call(t.engine, 'segments.create', {
        clientId: CLIENT,
        videoId: video.id,
        actorId: actor.id,
        startFrame,
        endFrame,
        labelNodeId,
      });
    }
    return video;
  }

  it('says what would go with it: tubes, people, and whether the file stays', async () => {
    const video = await annotated(dataPath('tricky', 'frame_numbers_25fps.mp4'));
    expect(await call(t.engine, 'videos.removePreview', { videoId: video.id })).toEqual({
      videoId: video.id,
      name: 'frame_numbers_25fps.mp4',
      tubes: 2,
      labelledTubes: 1,
      people: 1,
      reviewItems: 0,
      poseTracks: 0,
      inferenceRuns: 0,
      deletesSource: false,
      sourcePath: dataPath('tricky', 'frame_numbers_25fps.mp4'),
    });
  });

  it('refuses to delete tubes nobody confirmed, or more than were confirmed, and loses nothing', async () => {
    const [video] = (await call(t.engine, 'videos.list', {})) as [Video];
    const poster = join(t.engine.layout.derived, video.id, 'poster.jpg');
    const unconfirmed = await refused(t.engine, 'videos.remove', { videoId: video.id });
    expect(unconfirmed.code).toBe('conflict');
    expect(unconfirmed.where).toBe('discardTubes');
    expect(unconfirmed.message).toBe(
      '"frame_numbers_25fps.mp4" has 2 tubes (1 labelled) of 1 person. Removing the video deletes them with it, and that cannot be undone: export them first if they are wanted. To remove it anyway, confirm how many tubes to delete (2).',
    );
    // Someone added a tube after the caller looked (when there was one).
    const stale = await refused(t.engine, 'videos.remove', { videoId: video.id, discardTubes: 1 });
    expect(stale.message).toBe(
      '"frame_numbers_25fps.mp4" now has 2 tubes, not the 1 confirmed: some were added since. Look again before removing it.',
    );
    expect(await call(t.engine, 'segments.list', { videoId: video.id })).toHaveLength(2);
    expect(existsSync(poster)).toBe(true);
  });

  it('removes it with the confirmed tubes and their edits; the undo history goes on with the other videos', async () => {
    const [kept] = (await call(t.engine, 'videos.list', {})) as [Video];
    const other = await annotated(dataPath('tricky', 'vfr_18_then_9fps.mp4'));
    // This client's last edits are the other video's: once it is gone, undo reaches back to the first.
    await call(t.engine, 'videos.remove', { videoId: other.id, discardTubes: 2 });
    expect(await call(t.engine, 'videos.list', {})).toEqual([kept]);
    expect(existsSync(join(t.engine.layout.derived, other.id))).toBe(false);
    expect(existsSync(dataPath('tricky', 'vfr_18_then_9fps.mp4'))).toBe(true);
    const undone = await call(t.engine, 'edits.undo', { clientId: CLIENT });
    expect(undone.entry?.videoId).toBe(kept.id);
    expect(await call(t.engine, 'segments.list', { videoId: kept.id })).toHaveLength(1);
    expect(await call(t.engine, 'edits.list', { videoId: other.id })).toEqual([]);
  });

  it('takes an upload’s own copy with it, never an original elsewhere', async () => {
    const file = join(await t.engine.uploadDir(), 'upload.bin');
    copyFileSync(dataPath('tricky', 'one_frame.mp4'), file);
    const [upload] = (await t.engine.importUpload(file, 'phone clip.mp4')).imported as [Video];
    const preview = await call(t.engine, 'videos.removePreview', { videoId: upload.id });
    expect(preview).toMatchObject({ tubes: 0, deletesSource: true, sourcePath: upload.sourcePath });
    const original = sha256(dataPath('tricky', 'one_frame.mp4'));
    // No tubes: nothing to confirm.
    await call(t.engine, 'videos.remove', { videoId: upload.id });
    expect(filesUnder(t.engine.layout.media)).toEqual([]);
    expect(sha256(dataPath('tricky', 'one_frame.mp4'))).toBe(original);
  });

  it('is for admins only: an annotator can neither look nor remove', async () => {
    const [video] = (await call(t.engine, 'videos.list', {})) as [Video];
    const as = callsAs(t);
    const admin = await as.call(
      'users.create',
      { name: 'Ada', role: 'admin', password: 'admin password' },
      { userId: null },
    );
    const ann = await as.call(
      'users.create',
      { name: 'Ann', role: 'annotator', password: 'Ann password!' },
      { userId: admin.id },
    );
    expect(await as.refused('videos.removePreview', { videoId: video.id }, { userId: ann.id })).toMatch(
      /^forbidden: /,
    );
    expect(
      await as.refused('videos.remove', { videoId: video.id, discardTubes: 9 }, { userId: ann.id }),
    ).toMatch(/^forbidden: /);
    expect(await as.call('segments.list', { videoId: video.id }, { userId: admin.id })).toHaveLength(1);
  });
});

describe('removing a video that a running job over several videos reads', () => {
  const t = useTestContext();

  async function imported(name: string): Promise<VideoRecord> {
    const outcome = await importVideo(t.ctx, t.jobs, dataPath('tricky', name));
    if (outcome.kind !== 'imported') throw new Error(`${name} not imported`);
    for (const job of jobsOfVideo(t.ctx.db, outcome.video.id)) t.jobs.cancel(job.id);
    return outcome.video;
  }

  /** A job of this kind started (claimed, as a runner does) over these videos. */
  function running(kind: 'poses' | 'infer' | 'export', payload: Record<string, unknown>): string {
    const id = t.ctx.newId();
    t.jobs.enqueue({ id, kind, videoId: null, unit: 'frames', total: 1, payload });
    const claimed = claimNextJob(t.ctx.db, 'runner', Date.now() + 60_000, new Date().toISOString());
    expect(claimed?.id).toBe(id);
    return id;
  }

  it('waits for it: refused while it runs, naming it; the other videos’ jobs do not stop it', async () => {
    const a = await imported('one_frame.mp4');
    const b = await imported('mjpeg.avi');
    const c = await imported('vp9.webm');
    const poses = running('poses', { mode: 'wholeVideo', videoIds: [a.id, b.id] });
    const err = await removeVideo(t.ctx, t.jobs, a, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmeliaError);
    expect((err as AmeliaError).code).toBe('conflict');
    expect((err as AmeliaError).message).toBe(
      `"one_frame.mp4" is being read by a running poses job (${poses}) over several videos. Wait for it to end, or cancel it, then remove the video.`,
    );
    expect(getVideo(t.ctx.db, a.id)).not.toBeNull();
    // A video it does not read goes.
    await removeVideo(t.ctx, t.jobs, c, undefined);
    expect(getVideo(t.ctx.db, c.id)).toBeNull();
    // Once it has ended, the video goes too.
    finishJob(t.ctx.db, poses, 'done', null, new Date().toISOString());
    await removeVideo(t.ctx, t.jobs, a, undefined);
    expect(getVideo(t.ctx.db, a.id)).toBeNull();
    expect(getVideo(t.ctx.db, b.id)).not.toBeNull();
  });

  it('counts an export of every video, and an inference naming it, as reading it', async () => {
    const a = await imported('one_frame.mp4');
    const exporting = running('export', { selection: {}, outDir: join(t.dir, 'out') });
    await expect(removeVideo(t.ctx, t.jobs, a, undefined)).rejects.toThrow(/running export job/);
    finishJob(t.ctx.db, exporting, 'cancelled', 'cancelled', new Date().toISOString());
    running('infer', { modelId: 'm', videoIds: ['another', a.id] });
    await expect(removeVideo(t.ctx, t.jobs, a, undefined)).rejects.toThrow(/running infer job/);
  });
});
