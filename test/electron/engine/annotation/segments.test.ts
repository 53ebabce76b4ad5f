import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../../shared/contract/api';
import type { Actor, Segment } from '../../../../shared/domain/annotation';
import type { Video } from '../../../../shared/domain/video';
import { boxesInRange } from '../../../../shared/tracks/interpolate';
import type { Engine } from '../../../../electron/engine/engine';
import {
  TA_CHI_FRAMES,
  box,
  call,
  expectBoxesClose,
  expectKeyframesClose,
  importClip,
  refused,
} from '../../../support/annotation';
import { dataPath } from '../../../support/data';
import { useTempEngine } from '../../../support/tempEngine';

const clientId = 'segments-test';

/** Levels in the default taxonomy: "fall" and "locomotion" are situations (1), "fall-forward" and
 * "walking" activities (2), "walk" and "fall-forward-hands" actions (3). */

async function newActor(engine: Engine, video: Video, name = ''): Promise<Actor> {
  return call(engine, 'actors.create', { clientId, videoId: video.id, name });
}

async function segment(
  engine: Engine,
  video: Video,
  actor: Actor,
  startFrame: number,
  endFrame: number,
  more: Partial<RequestOf<'segments.create'>> = {},
): Promise<Segment> {
  return call(engine, 'segments.create', {
    clientId,
    videoId: video.id,
    actorId: actor.id,
    startFrame,
    endFrame,
    ...more,
  });
}

async function listed(engine: Engine, video: Video, id: string): Promise<Segment | undefined> {
  return (await call(engine, 'segments.list', { videoId: video.id })).find((s) => s.id === id);
}

describe('segments', () => {
  const t = useTempEngine();
  let video: Video;

  beforeAll(async () => {
    video = await importClip(t.engine);
    expect(video.frameCount).toBe(TA_CHI_FRAMES);
  });

  describe('creation', () => {
    it('makes a segment over an inclusive frame range, up to the last frame', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 250, TA_CHI_FRAMES - 1, {
        labelNodeId: 'walk',
        uncertain: true,
        note: 'by the window',
        keyframes: [box(260, 10, 20, 30, 40)],
      });
      expect(s).toMatchObject({
        videoId: video.id,
        actorId: actor.id,
        startFrame: 250,
        endFrame: 299,
        uncertain: true,
        note: 'by the window',
        revision: 1,
        keyframes: [box(260, 10, 20, 30, 40)],
        label: { nodeId: 'walk', userId: null },
      });
      expect(s.label?.taxonomyVersion).toBe((await call(t.engine, 'taxonomy.get', {})).version);
      expect(await listed(t.engine, video, s.id)).toEqual(s);
    });

    it('makes a one-frame segment', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 0, 0);
      expect([s.startFrame, s.endFrame, s.label, s.keyframes]).toEqual([0, 0, null, []]);
    });

    it('refuses frames past the end of the video, naming its last frame', async () => {
      const actor = await newActor(t.engine, video);
      const error = await refused(t.engine, 'segments.create', {
        clientId,
        videoId: video.id,
        actorId: actor.id,
        startFrame: 200,
        endFrame: TA_CHI_FRAMES,
      });
      expect(error).toMatchObject({ code: 'invalid_request', where: 'endFrame' });
      expect(error.message).toContain('299');
      expect(
        await refused(t.engine, 'segments.create', {
          clientId,
          videoId: video.id,
          actorId: actor.id,
          startFrame: TA_CHI_FRAMES,
          endFrame: TA_CHI_FRAMES + 10,
        }),
      ).toMatchObject({ code: 'invalid_request', where: 'endFrame' });
    });

    it('refuses an end before the start, and negative frames', async () => {
      const actor = await newActor(t.engine, video);
      expect(
        await refused(t.engine, 'segments.create', {
          clientId,
          videoId: video.id,
          actorId: actor.id,
          startFrame: 50,
          endFrame: 49,
        }),
      ).toMatchObject({ code: 'invalid_request', where: 'endFrame' });
      expect(
        await refused(t.engine, 'segments.create', {
          clientId,
          videoId: video.id,
          actorId: actor.id,
          startFrame: -1,
          endFrame: 10,
        }),
      ).toMatchObject({ code: 'invalid_request', where: 'startFrame' });
    });

    it('refuses a keyframe outside the segment, an unknown label and an unknown actor', async () => {
      const actor = await newActor(t.engine, video);
      const base = { clientId, videoId: video.id, actorId: actor.id, startFrame: 10, endFrame: 20 };
      expect(
        await refused(t.engine, 'segments.create', { ...base, keyframes: [box(21, 0, 0, 5, 5)] }),
      ).toMatchObject({ code: 'invalid_request', where: 'keyframe.frame' });
      expect(
        await refused(t.engine, 'segments.create', { ...base, labelNodeId: 'no-such-node' }),
      ).toMatchObject({
        code: 'not_found',
        where: 'labelNodeId',
      });
      expect(await refused(t.engine, 'segments.create', { ...base, actorId: 'no-such-actor' })).toMatchObject(
        {
          code: 'not_found',
          where: 'actorId',
        },
      );
      expect(
        await refused(t.engine, 'segments.create', { ...base, keyframes: [box(12, 0, 0, -1, 5)] }),
      ).toMatchObject({ code: 'invalid_request' });
      expect(
        (await call(t.engine, 'segments.list', { videoId: video.id })).filter((s) => s.actorId === actor.id),
      ).toEqual([]);
    });

    it('refuses a person of another video', async () => {
      const other = await importClip(t.engine, dataPath('tricky', 'one_frame.mp4'));
      const stranger = await call(t.engine, 'actors.create', { clientId, videoId: other.id });
      expect(
        await refused(t.engine, 'segments.create', {
          clientId,
          videoId: video.id,
          actorId: stranger.id,
          startFrame: 0,
          endFrame: 5,
        }),
      ).toMatchObject({ code: 'invalid_request', where: 'actorId' });
    });
  });

  describe('the overlap rule', () => {
    it('refuses a second segment of the same person on the same level, naming the one in the way', async () => {
      const actor = await newActor(t.engine, video);
      const fall = await segment(t.engine, video, actor, 10, 50, { labelNodeId: 'fall' });
      const error = await refused(t.engine, 'segments.create', {
        clientId,
        videoId: video.id,
        actorId: actor.id,
        startFrame: 40,
        endFrame: 80,
        labelNodeId: 'locomotion',
      });
      expect(error.code).toBe('conflict');
      expect(error.where).toBe(fall.id);
      expect(error.message).toContain('"Fall"');
      expect(error.message).toContain('frames 10–50');
      expect(error.message).toContain('level 1');
      expect(
        (await call(t.engine, 'segments.list', { videoId: video.id })).filter((s) => s.actorId === actor.id),
      ).toEqual([fall]);
    });

    it('allows overlapping segments of one person on different levels', async () => {
      const actor = await newActor(t.engine, video);
      await segment(t.engine, video, actor, 10, 50, { labelNodeId: 'fall' });
      await segment(t.engine, video, actor, 10, 50, { labelNodeId: 'fall-forward' });
      await segment(t.engine, video, actor, 20, 30, { labelNodeId: 'fall-forward-hands' });
      // And an unlabelled one, a level of its own.
      await segment(t.engine, video, actor, 0, 60);
      const mine = (await call(t.engine, 'segments.list', { videoId: video.id })).filter(
        (s) => s.actorId === actor.id,
      );
      expect(mine).toHaveLength(4);
    });

    it('allows overlapping segments of different people on the same level', async () => {
      const a = await newActor(t.engine, video);
      const b = await newActor(t.engine, video);
      await segment(t.engine, video, a, 10, 50, { labelNodeId: 'fall' });
      await segment(t.engine, video, b, 10, 50, { labelNodeId: 'fall' });
    });

    it('refuses two unlabelled segments of one person that overlap', async () => {
      const actor = await newActor(t.engine, video);
      const first = await segment(t.engine, video, actor, 100, 120);
      const error = await refused(t.engine, 'segments.create', {
        clientId,
        videoId: video.id,
        actorId: actor.id,
        startFrame: 120,
        endFrame: 130,
      });
      expect(error).toMatchObject({ code: 'conflict', where: first.id });
      expect(error.message).toContain('an unlabelled segment (frames 100–120)');
      // Adjacent is fine.
      await segment(t.engine, video, actor, 121, 130);
    });

    it('refuses a relabelling into a level where the segment overlaps another, and writes nothing', async () => {
      const actor = await newActor(t.engine, video);
      const fall = await segment(t.engine, video, actor, 10, 50, { labelNodeId: 'fall' });
      const walk = await segment(t.engine, video, actor, 30, 70, { labelNodeId: 'walking' });
      const error = await refused(t.engine, 'segments.update', {
        clientId,
        segmentId: walk.id,
        revision: walk.revision,
        labelNodeId: 'locomotion',
      });
      expect(error).toMatchObject({ code: 'conflict', where: fall.id });
      expect(await listed(t.engine, video, walk.id)).toEqual(walk);
      // Another level-2 label is fine.
      const relabelled = await call(t.engine, 'segments.update', {
        clientId,
        segmentId: walk.id,
        revision: walk.revision,
        labelNodeId: 'fall-forward',
      });
      expect(relabelled.label?.nodeId).toBe('fall-forward');
    });

    it('refuses stretching a segment over another on its level, and moving it to a person it would overlap', async () => {
      const a = await newActor(t.engine, video);
      const b = await newActor(t.engine, video);
      const first = await segment(t.engine, video, a, 0, 10, { labelNodeId: 'fall' });
      const second = await segment(t.engine, video, a, 20, 30, { labelNodeId: 'fall' });
      const ofB = await segment(t.engine, video, b, 5, 25, { labelNodeId: 'fall' });
      expect(
        await refused(t.engine, 'segments.update', {
          clientId,
          segmentId: first.id,
          revision: first.revision,
          endFrame: 20,
        }),
      ).toMatchObject({ code: 'conflict', where: second.id });
      expect(
        await refused(t.engine, 'segments.update', {
          clientId,
          segmentId: ofB.id,
          revision: ofB.revision,
          actorId: a.id,
        }),
      ).toMatchObject({ code: 'conflict' });
      expect(await listed(t.engine, video, first.id)).toEqual(first);
      expect(await listed(t.engine, video, ofB.id)).toEqual(ofB);
    });
  });

  describe('box keyframes', () => {
    it('sets, replaces and removes keyframes, each a new revision', async () => {
      const actor = await newActor(t.engine, video);
      const s0 = await segment(t.engine, video, actor, 100, 200);
      const s1 = await call(t.engine, 'segments.setKeyframe', {
        clientId,
        segmentId: s0.id,
        revision: s0.revision,
        keyframe: box(150, 10, 10, 50, 80),
      });
      expect(s1.revision).toBe(s0.revision + 1);
      expect(s1.keyframes).toEqual([box(150, 10, 10, 50, 80)]);
      const s2 = await call(t.engine, 'segments.setKeyframe', {
        clientId,
        segmentId: s0.id,
        revision: s1.revision,
        keyframe: box(120, 1, 2, 3, 4),
      });
      expect(s2.keyframes).toEqual([box(120, 1, 2, 3, 4), box(150, 10, 10, 50, 80)]);
      const s3 = await call(t.engine, 'segments.setKeyframe', {
        clientId,
        segmentId: s0.id,
        revision: s2.revision,
        keyframe: box(150, 20, 20, 60, 90),
      });
      expect(s3.keyframes).toEqual([box(120, 1, 2, 3, 4), box(150, 20, 20, 60, 90)]);
      const s4 = await call(t.engine, 'segments.setKeyframe', {
        clientId,
        segmentId: s0.id,
        revision: s3.revision,
        keyframe: box(180, 0, 0, 0, 0, true),
      });
      expect(s4.keyframes.map((k) => [k.frame, k.outside])).toEqual([
        [120, false],
        [150, false],
        [180, true],
      ]);
      const s5 = await call(t.engine, 'segments.removeKeyframe', {
        clientId,
        segmentId: s0.id,
        revision: s4.revision,
        frame: 120,
      });
      expect(s5.keyframes.map((k) => k.frame)).toEqual([150, 180]);
      expect(s5.revision).toBe(s0.revision + 5);
      expect(await listed(t.engine, video, s0.id)).toEqual(s5);
    });

    it('refuses a keyframe outside the segment and removing a keyframe that is not there', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 100, 200);
      for (const frame of [99, 201]) {
        const error = await refused(t.engine, 'segments.setKeyframe', {
          clientId,
          segmentId: s.id,
          revision: s.revision,
          keyframe: box(frame, 0, 0, 10, 10),
        });
        expect(error).toMatchObject({ code: 'invalid_request', where: 'keyframe.frame' });
        expect(error.message).toContain('frames 100–200');
      }
      expect(
        await refused(t.engine, 'segments.removeKeyframe', {
          clientId,
          segmentId: s.id,
          revision: s.revision,
          frame: 150,
        }),
      ).toMatchObject({ code: 'not_found', where: 'frame' });
      expect(await listed(t.engine, video, s.id)).toEqual(s);
    });

    it('keeps every keyframe inside a segment whose ends move in, and its boxes where they were', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 100, 200, {
        keyframes: [box(100, 0, 0, 10, 10), box(120, 20, 0, 10, 10), box(190, 90, 0, 10, 10)],
      });
      const shrunk = await call(t.engine, 'segments.update', {
        clientId,
        segmentId: s.id,
        revision: s.revision,
        startFrame: 110,
        endFrame: 150,
      });
      for (const k of shrunk.keyframes) {
        expect(k.frame).toBeGreaterThanOrEqual(110);
        expect(k.frame).toBeLessThanOrEqual(150);
      }
      expectBoxesClose(
        boxesInRange(shrunk.keyframes, 110, 150).map((b) => b.box),
        boxesInRange(s.keyframes, 110, 150).map((b) => b.box),
      );
      // Keyframes inside are kept as they were.
      expect(shrunk.keyframes).toContainEqual(box(120, 20, 0, 10, 10));
      // Moving the ends out again keeps the boxes found at the ends.
      const grown = await call(t.engine, 'segments.update', {
        clientId,
        segmentId: s.id,
        revision: shrunk.revision,
        startFrame: 0,
        endFrame: 299,
      });
      expect(grown.keyframes).toEqual(shrunk.keyframes);
    });
  });

  describe('split', () => {
    it('cuts a track without moving its boxes: the box at the cut is pinned on both sides', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 100, 200, {
        labelNodeId: 'walk',
        uncertain: true,
        note: 'crosses the room',
        keyframes: [box(100, 0, 0, 10, 20), box(200, 100, 50, 30, 40)],
      });
      const boxesBefore = boxesInRange(s.keyframes, 100, 200);
      const [first, second] = await call(t.engine, 'segments.split', {
        clientId,
        segmentId: s.id,
        revision: s.revision,
        frame: 150,
      });
      expect(first).toMatchObject({ id: s.id, startFrame: 100, endFrame: 149, revision: s.revision + 1 });
      expect(second).toMatchObject({ startFrame: 150, endFrame: 200, revision: 1 });
      expect(second.id).not.toBe(s.id);
      for (const part of [first, second]) {
        expect(part.label).toEqual(s.label);
        expect(part.uncertain).toBe(true);
        expect(part.note).toBe('crosses the room');
        expect(part.actorId).toBe(actor.id);
      }
      // Keyframes at the cut, on both sides: the interpolated box there.
      expectKeyframesClose(first.keyframes, [box(100, 0, 0, 10, 20), box(149, 49, 24.5, 19.8, 29.8)]);
      expectKeyframesClose(second.keyframes, [box(150, 50, 25, 20, 30), box(200, 100, 50, 30, 40)]);
      const boxesAfter = [
        ...boxesInRange(first.keyframes, 100, 149),
        ...boxesInRange(second.keyframes, 150, 200),
      ];
      expectBoxesClose(
        boxesAfter.map((b) => b.box),
        boxesBefore.map((b) => b.box),
      );
      const mine = (await call(t.engine, 'segments.list', { videoId: video.id })).filter(
        (x) => x.actorId === actor.id,
      );
      expect(mine).toEqual([first, second]);
    });

    it('keeps the person out of view on both sides of a cut inside an outside stretch', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 0, 100, {
        keyframes: [box(0, 0, 0, 10, 10), box(20, 0, 0, 0, 0, true), box(80, 40, 40, 10, 10)],
      });
      const before = boxesInRange(s.keyframes, 0, 100);
      const [first, second] = await call(t.engine, 'segments.split', {
        clientId,
        segmentId: s.id,
        revision: s.revision,
        frame: 50,
      });
      const after = [...boxesInRange(first.keyframes, 0, 49), ...boxesInRange(second.keyframes, 50, 100)];
      expectBoxesClose(
        after.map((b) => b.box),
        before.map((b) => b.box),
      );
      expect(after.map((b) => b.kind === 'outside')).toEqual(before.map((b) => b.kind === 'outside'));
      expect(first.keyframes[first.keyframes.length - 1]).toMatchObject({ frame: 49, outside: true });
      expect(second.keyframes[0]).toMatchObject({ frame: 50, outside: true });
    });

    it('keeps the boxes when the cut lies after the last keyframe and before the first', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 0, 100, { keyframes: [box(40, 5, 5, 10, 10)] });
      const [first, second] = await call(t.engine, 'segments.split', {
        clientId,
        segmentId: s.id,
        revision: s.revision,
        frame: 70,
      });
      expect(first.keyframes).toEqual([box(40, 5, 5, 10, 10), box(69, 5, 5, 10, 10)]);
      expect(second.keyframes).toEqual([box(70, 5, 5, 10, 10)]);
    });

    it('refuses a cut at the first frame or past the last, and a stale revision', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 10, 20);
      for (const frame of [10, 21, 5])
        expect(
          await refused(t.engine, 'segments.split', {
            clientId,
            segmentId: s.id,
            revision: s.revision,
            frame,
          }),
        ).toMatchObject({ code: 'invalid_request', where: 'frame' });
      expect(
        await refused(t.engine, 'segments.split', {
          clientId,
          segmentId: s.id,
          revision: s.revision + 1,
          frame: 15,
        }),
      ).toMatchObject({ code: 'conflict' });
      // A cut at the last frame leaves a one-frame second part.
      const [a, b] = await call(t.engine, 'segments.split', {
        clientId,
        segmentId: s.id,
        revision: s.revision,
        frame: 20,
      });
      expect([a.startFrame, a.endFrame, b.startFrame, b.endFrame]).toEqual([10, 19, 20, 20]);
    });
  });

  describe('merge', () => {
    it('merges segments of one person: the range covers them, keyframes are united, notes joined, uncertain if any was', async () => {
      const actor = await newActor(t.engine, video);
      const a = await segment(t.engine, video, actor, 10, 20, {
        labelNodeId: 'walk',
        note: 'enters',
        keyframes: [box(10, 0, 0, 10, 10), box(20, 10, 0, 10, 10)],
      });
      const c = await segment(t.engine, video, actor, 50, 60, {
        note: 'leaves',
        keyframes: [box(55, 50, 0, 10, 10)],
      });
      const b = await segment(t.engine, video, actor, 30, 40, {
        labelNodeId: 'walk',
        uncertain: true,
        note: '  ',
        keyframes: [box(30, 30, 0, 10, 10)],
      });
      const merged = await call(t.engine, 'segments.merge', { clientId, segmentIds: [c.id, a.id, b.id] });
      expect(merged).toMatchObject({
        id: a.id,
        actorId: actor.id,
        startFrame: 10,
        endFrame: 60,
        uncertain: true,
        note: 'enters\nleaves',
        label: a.label,
        revision: a.revision + 1,
      });
      expect(merged.keyframes).toEqual([
        box(10, 0, 0, 10, 10),
        box(20, 10, 0, 10, 10),
        box(30, 30, 0, 10, 10),
        box(55, 50, 0, 10, 10),
      ]);
      const mine = (await call(t.engine, 'segments.list', { videoId: video.id })).filter(
        (x) => x.actorId === actor.id,
      );
      expect(mine).toEqual([merged]);
    });

    it('refuses to merge segments of different people, or with different labels, and changes nothing', async () => {
      const a = await newActor(t.engine, video);
      const b = await newActor(t.engine, video);
      const ofA = await segment(t.engine, video, a, 10, 20, { labelNodeId: 'walk' });
      const ofB = await segment(t.engine, video, b, 30, 40, { labelNodeId: 'walk' });
      const otherLabel = await segment(t.engine, video, a, 30, 40, { labelNodeId: 'standing-still' });
      const before = await call(t.engine, 'segments.list', { videoId: video.id });
      const people = await refused(t.engine, 'segments.merge', { clientId, segmentIds: [ofA.id, ofB.id] });
      expect(people).toMatchObject({ code: 'invalid_request', where: 'segmentIds' });
      expect(people.message).toContain('same person');
      const labels = await refused(t.engine, 'segments.merge', {
        clientId,
        segmentIds: [ofA.id, otherLabel.id],
      });
      expect(labels).toMatchObject({ code: 'invalid_request', where: 'segmentIds' });
      expect(labels.message).toContain('different labels');
      expect(
        await refused(t.engine, 'segments.merge', { clientId, segmentIds: [ofA.id, ofA.id] }),
      ).toMatchObject({ code: 'invalid_request' });
      expect(await call(t.engine, 'segments.list', { videoId: video.id })).toEqual(before);
    });

    it('refuses a merge whose range would overlap another segment on the label level', async () => {
      const actor = await newActor(t.engine, video);
      const a = await segment(t.engine, video, actor, 10, 20, { labelNodeId: 'walk' });
      const between = await segment(t.engine, video, actor, 25, 26, { labelNodeId: 'standing-still' });
      const b = await segment(t.engine, video, actor, 30, 40, { labelNodeId: 'walk' });
      const before = await call(t.engine, 'segments.list', { videoId: video.id });
      expect(await refused(t.engine, 'segments.merge', { clientId, segmentIds: [a.id, b.id] })).toMatchObject(
        {
          code: 'conflict',
          where: between.id,
        },
      );
      expect(await call(t.engine, 'segments.list', { videoId: video.id })).toEqual(before);
    });
  });

  describe('deprecated taxonomy nodes', () => {
    it('takes no new labels on a deprecated node, but old labels keep it and stay readable and editable', async () => {
      const actor = await newActor(t.engine, video);
      const old = await segment(t.engine, video, actor, 200, 220, { labelNodeId: 'jump' });
      const tax = await call(t.engine, 'taxonomy.deprecateNode', {
        clientId,
        nodeId: 'jump',
        deprecated: true,
      });
      expect(tax.nodes.find((n) => n.id === 'jump')).toMatchObject({ deprecated: true, name: 'Jump' });

      const error = await refused(t.engine, 'segments.create', {
        clientId,
        videoId: video.id,
        actorId: actor.id,
        startFrame: 230,
        endFrame: 240,
        labelNodeId: 'jump',
      });
      expect(error).toMatchObject({ code: 'invalid_request', where: 'labelNodeId' });
      expect(error.message).toContain('deprecated');
      const unlabelled = await segment(t.engine, video, actor, 230, 240);
      expect(
        await refused(t.engine, 'segments.update', {
          clientId,
          segmentId: unlabelled.id,
          revision: unlabelled.revision,
          labelNodeId: 'jump',
        }),
      ).toMatchObject({ code: 'invalid_request', where: 'labelNodeId' });

      expect((await listed(t.engine, video, old.id))?.label).toEqual(old.label);
      const edited = await call(t.engine, 'segments.update', {
        clientId,
        segmentId: old.id,
        revision: old.revision,
        note: 'still a jump',
        endFrame: 225,
        labelNodeId: 'jump',
      });
      expect(edited.label).toEqual(old.label);
      expect(edited.note).toBe('still a jump');

      await call(t.engine, 'taxonomy.deprecateNode', { clientId, nodeId: 'jump', deprecated: false });
      await segment(t.engine, video, actor, 250, 260, { labelNodeId: 'jump' });
    });
  });

  describe('optimistic concurrency', () => {
    it('answers a write naming a stale revision with a conflict and writes nothing', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 0, 10);
      const updated = await call(t.engine, 'segments.update', {
        clientId,
        segmentId: s.id,
        revision: s.revision,
        note: 'first',
      });
      const editsBefore = await call(t.engine, 'edits.list', { segmentId: s.id });
      for (const [method, request] of [
        ['segments.update', { clientId, segmentId: s.id, revision: s.revision, note: 'stale' }],
        [
          'segments.setKeyframe',
          { clientId, segmentId: s.id, revision: s.revision, keyframe: box(5, 0, 0, 1, 1) },
        ],
        ['segments.remove', { clientId, segmentId: s.id, revision: s.revision }],
        ['segments.split', { clientId, segmentId: s.id, revision: s.revision, frame: 5 }],
      ] as const) {
        const error = await refused(t.engine, method, request);
        expect(error.code, method).toBe('conflict');
        expect(error.where).toBe(s.id);
        expect(error.message).toContain(`your revision ${s.revision}, now ${updated.revision}`);
      }
      expect(await listed(t.engine, video, s.id)).toEqual(updated);
      expect(await call(t.engine, 'edits.list', { segmentId: s.id })).toEqual(editsBefore);
    });

    it('lets the second of two clients editing one segment re-apply its change on the new revision', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 0, 10);
      // Both load revision 1.
      const seenByA = s;
      const seenByB = s;
      const byA = await call(t.engine, 'segments.update', {
        clientId: 'client-A',
        segmentId: s.id,
        revision: seenByA.revision,
        note: 'A was here',
      });
      const conflict = await refused(t.engine, 'segments.update', {
        clientId: 'client-B',
        segmentId: s.id,
        revision: seenByB.revision,
        uncertain: true,
      });
      expect(conflict.code).toBe('conflict');
      expect(await listed(t.engine, video, s.id)).toEqual(byA);
      // B reloads and applies its change again.
      const reloaded = await listed(t.engine, video, s.id);
      const byB = await call(t.engine, 'segments.update', {
        clientId: 'client-B',
        segmentId: s.id,
        revision: reloaded?.revision ?? 0,
        uncertain: true,
      });
      expect(byB).toMatchObject({ note: 'A was here', uncertain: true, revision: byA.revision + 1 });
      const log = await call(t.engine, 'edits.list', { segmentId: s.id });
      expect(log.map((e) => e.clientId)).toEqual(['client-B', 'client-A', clientId]);
    });
  });

  describe('removal', () => {
    it('removes a segment with its keyframes', async () => {
      const actor = await newActor(t.engine, video);
      const s = await segment(t.engine, video, actor, 0, 10, { keyframes: [box(3, 1, 1, 1, 1)] });
      expect(
        await call(t.engine, 'segments.remove', { clientId, segmentId: s.id, revision: s.revision }),
      ).toEqual({
        segmentId: s.id,
      });
      expect(await listed(t.engine, video, s.id)).toBeUndefined();
      expect(
        await refused(t.engine, 'segments.remove', { clientId, segmentId: s.id, revision: s.revision }),
      ).toMatchObject({ code: 'not_found' });
    });
  });
});
