import { beforeAll, describe, expect, it } from 'vitest';
import type { Video } from '../../../../shared/domain/video';
import { ACTOR_COLORS } from '../../../../electron/engine/store/annotationRows';
import { box, call, importClip, refused, statesOf } from '../../../support/annotation';
import { useTempEngine } from '../../../support/tempEngine';

const clientId = 'actors-test';

describe('actors', () => {
  const t = useTempEngine();
  let video: Video;

  beforeAll(async () => {
    video = await importClip(t.engine);
  });

  it('numbers the people of a video 1, 2, 3 and gives each its own colour', async () => {
    const a = await call(t.engine, 'actors.create', { clientId, videoId: video.id });
    const b = await call(t.engine, 'actors.create', { clientId, videoId: video.id, name: '  Resident  ' });
    const c = await call(t.engine, 'actors.create', { clientId, videoId: video.id, name: 'Caregiver' });
    expect([a.number, b.number, c.number]).toEqual([1, 2, 3]);
    expect([a.name, b.name, c.name]).toEqual(['', 'Resident', 'Caregiver']);
    expect([a.color, b.color, c.color]).toEqual(ACTOR_COLORS.slice(0, 3));
    expect(new Set([a.color, b.color, c.color]).size).toBe(3);
    expect(a.videoId).toBe(video.id);
    const listed = await call(t.engine, 'actors.list', { videoId: video.id });
    expect(listed).toEqual([a, b, c]);
  });

  it('changes a name and a colour and keeps the number', async () => {
    const [first] = await call(t.engine, 'actors.list', { videoId: video.id });
    if (!first) throw new Error('no actor');
    const renamed = await call(t.engine, 'actors.update', {
      clientId,
      actorId: first.id,
      name: 'Mrs B',
      color: '#123abc',
    });
    expect(renamed).toEqual({ ...first, name: 'Mrs B', color: '#123abc' });
    const recoloured = await call(t.engine, 'actors.update', {
      clientId,
      actorId: first.id,
      color: '#ffffff',
    });
    expect(recoloured).toEqual({ ...first, name: 'Mrs B', color: '#ffffff' });
    expect((await call(t.engine, 'actors.list', { videoId: video.id }))[0]).toEqual(recoloured);
  });

  it('refuses a colour that is not #rrggbb and an unknown actor', async () => {
    const [first] = await call(t.engine, 'actors.list', { videoId: video.id });
    if (!first) throw new Error('no actor');
    expect(
      await refused(t.engine, 'actors.update', { clientId, actorId: first.id, color: 'red' }),
    ).toMatchObject({
      code: 'invalid_request',
      where: 'color',
    });
    expect(
      await refused(t.engine, 'actors.update', { clientId, actorId: 'no-such-actor', name: 'x' }),
    ).toMatchObject({ code: 'not_found', where: 'actorId' });
    expect(await refused(t.engine, 'actors.create', { clientId, videoId: 'no-such-video' })).toMatchObject({
      code: 'not_found',
      where: 'videoId',
    });
  });

  it('removes an actor with its segments, and undo brings both back as they were', async () => {
    const actor = await call(t.engine, 'actors.create', {
      clientId: 'remover',
      videoId: video.id,
      name: 'Leaves',
    });
    const s1 = await call(t.engine, 'segments.create', {
      clientId: 'remover',
      videoId: video.id,
      actorId: actor.id,
      startFrame: 0,
      endFrame: 50,
      labelNodeId: 'walk',
      note: 'first',
      keyframes: [box(0, 1, 2, 30, 40), box(50, 11, 12, 30, 40)],
    });
    const s2 = await call(t.engine, 'segments.create', {
      clientId: 'remover',
      videoId: video.id,
      actorId: actor.id,
      startFrame: 60,
      endFrame: 90,
      uncertain: true,
    });
    const actorsBefore = await call(t.engine, 'actors.list', { videoId: video.id });
    const segmentsBefore = await call(t.engine, 'segments.list', { videoId: video.id });

    const removed = await call(t.engine, 'actors.remove', { clientId: 'remover', actorId: actor.id });
    expect(removed.actorId).toBe(actor.id);
    expect([...removed.removedSegments].sort()).toEqual([s1.id, s2.id].sort());
    expect((await call(t.engine, 'actors.list', { videoId: video.id })).map((a) => a.id)).not.toContain(
      actor.id,
    );
    expect(
      (await call(t.engine, 'segments.list', { videoId: video.id })).filter((s) => s.actorId === actor.id),
    ).toEqual([]);

    const undone = await call(t.engine, 'edits.undo', { clientId: 'remover' });
    expect(undone.entry?.kind).toBe('undo');
    expect(await call(t.engine, 'actors.list', { videoId: video.id })).toEqual(actorsBefore);
    const segmentsAfter = await call(t.engine, 'segments.list', { videoId: video.id });
    expect(statesOf(segmentsAfter)).toEqual(statesOf(segmentsBefore));
    // The restored segments carry a newer revision, so a client holding the old one is told to reload.
    for (const s of segmentsAfter.filter((x) => x.actorId === actor.id)) {
      const old = segmentsBefore.find((x) => x.id === s.id);
      expect(s.revision).toBeGreaterThan(old?.revision ?? Infinity);
    }
  });

  it('refuses, as a conflict, to undo a removal once another person has taken the number', async () => {
    const gone = await call(t.engine, 'actors.create', { clientId: 'a', videoId: video.id, name: 'Gone' });
    await call(t.engine, 'actors.remove', { clientId: 'a', actorId: gone.id });
    const taker = await call(t.engine, 'actors.create', { clientId: 'b', videoId: video.id, name: 'Taker' });
    expect(taker.number).toBe(gone.number);
    const before = await call(t.engine, 'actors.list', { videoId: video.id });
    const error = await refused(t.engine, 'edits.undo', { clientId: 'a' });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(String(gone.number));
    expect(await call(t.engine, 'actors.list', { videoId: video.id })).toEqual(before);
    expect(await call(t.engine, 'edits.state', { clientId: 'a' })).toMatchObject({
      canUndo: true,
      canRedo: false,
    });
  });
});
