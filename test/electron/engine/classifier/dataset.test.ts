import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDataset, resolveDatasetRequest } from '../../../../electron/engine/classifier/plan';
import { personOf, recordingOf } from '../../../../electron/engine/classifier/splitting';
import { trainingTubes } from '../../../../electron/engine/classifier/trainingTubes';
import { openDatabase } from '../../../../electron/engine/store/openDatabase';
import { projectLayout } from '../../../../electron/engine/project/layout';
import { call, refused } from '../../../support/annotation';
import {
  CLIENT,
  CLIPS,
  FALL_PHASES,
  labelPerson,
  UPFALL_RECORDING_PATTERN,
} from '../../../support/classifierProject';
import { useTempEngine } from '../../../support/tempEngine';

describe('classifier dataset', () => {
  const t = useTempEngine();
  let db: Database;
  const videos: Record<string, string> = {};

  beforeAll(async () => {
    db = openDatabase(projectLayout(t.engine.project.dir).database);
    for (const [key, path] of Object.entries(CLIPS)) {
      const r = await call(t.engine, 'videos.import', { paths: [path] });
      videos[key] = r.imported[0]?.id as string;
    }
    // The same subject in every clip; walking-only clip; an unlabelled tube; the second camera of A1 T1.
    for (const [i, key] of ['a1t1c1', 'a1t1c2', 'a2t1c1', 'a3t1c1', 'a4t1c1'].entries()) {
      await labelPerson(t.engine, db, videos[key] as string, 'Subject1', FALL_PHASES, i + 1);
    }
    await labelPerson(
      t.engine,
      db,
      videos.a6t1c1 as string,
      'Subject1',
      [
        { motion: 'walk', frames: 100, label: 'walk' },
        { motion: 'walk', frames: 20, label: null },
      ],
      9,
    );
  }, 300_000);
  afterAll(() => db.close());

  it('learns from labelled tubes only (the training-set rule, by default)', () => {
    const tubes = trainingTubes(db, videos.a6t1c1 as string);
    expect(tubes).toHaveLength(1);
    expect(tubes[0]?.label?.nodeId).toBe('walk');
  });

  it('follows the review loop: a project training on reviewed tubes learns from final ones only', async () => {
    const video = videos.a6t1c1 as string;
    const walk = trainingTubes(db, video)[0];
    await call(t.engine, 'review.updateSettings', { trainingSource: 'reviewed' });
    try {
      expect(trainingTubes(db, video)).toEqual([]);
      db.prepare("UPDATE segments SET review_state = 'final' WHERE id = ?").run(walk?.id);
      expect(trainingTubes(db, video).map((s) => s.id)).toEqual([walk?.id]);
    } finally {
      db.prepare("UPDATE segments SET review_state = 'draft' WHERE id = ?").run(walk?.id);
      await call(t.engine, 'review.updateSettings', { trainingSource: 'all-labelled' });
    }
  });

  it('takes labels up to the level asked, classes in the taxonomy’s order, each person one track', async () => {
    const d = await call(t.engine, 'models.dataset', {});
    expect(d.level).toBe(1);
    expect(d.levelName).toBe('situation');
    expect(d.classes.map((c) => c.nodeId)).toEqual(['fall', 'on-floor', 'locomotion']);
    expect(d.tubesUsed).toBe(16);
    const p = planDataset(db, resolveDatasetRequest({}), true);
    expect(p.built.tracks).toHaveLength(6);
    const a1 = p.built.tracks[0];
    // Walking, falling, lying: frames 0–49 locomotion (2), 50–69 fall (0), 70–109 on the floor (1).
    expect([a1?.labels[0], a1?.labels[49], a1?.labels[50], a1?.labels[69], a1?.labels[70]]).toEqual([
      2, 2, 0, 0, 1,
    ]);
    const activity = await call(t.engine, 'models.dataset', { level: 2 });
    expect(activity.classes.map((c) => c.nodeId)).toEqual(['fall-forward', 'lying-on-floor', 'walking']);
  });

  it('keeps recordings and people apart; one subject everywhere falls back to recordings, with a warning', () => {
    const p = planDataset(db, resolveDatasetRequest({}), false);
    expect(p.split.groupedBy).toBe('recording');
    expect(p.split.warnings[0]).toMatch(/^Every recording shares its people \(subject1\)/);
    const splitOf = new Map<string, string>();
    p.built.sources.forEach((s, i) => {
      const rec = recordingOf(s.video, null);
      expect(splitOf.get(rec) ?? p.splits[i]).toBe(p.splits[i]);
      splitOf.set(rec, p.splits[i] as string);
    });
    expect(new Set(p.splits)).toEqual(new Set(['train', 'validation', 'test']));
  });

  it('puts the cameras of one scene in one recording with a recording pattern, never in two splits', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const p = planDataset(
        db,
        resolveDatasetRequest({ recordingPattern: UPFALL_RECORDING_PATTERN, seed }),
        false,
      );
      const cam1 = p.built.sources.findIndex((s) => s.video.id === videos.a1t1c1);
      const cam2 = p.built.sources.findIndex((s) => s.video.id === videos.a1t1c2);
      expect(p.split.groupOf[cam1]).toBe(p.split.groupOf[cam2]);
      expect(p.splits[cam1]).toBe(p.splits[cam2]);
    }
    expect(
      recordingOf(
        { id: 'v', sourcePath: '/d/upfall/Activity1/Subject1/Trial1Cam2.mp4' },
        new RegExp(UPFALL_RECORDING_PATTERN),
      ),
    ).toBe('recording:Activity1/Subject1/Trial1');
  });

  it('matches people across videos by name, and leaves unnamed people apart', () => {
    expect(personOf({ id: 'a', name: '  Subject1 ' })).toBe(personOf({ id: 'b', name: 'subject1' }));
    expect(personOf({ id: 'a', name: '' })).not.toBe(personOf({ id: 'b', name: '' }));
  });

  it('gives the same splits for the same seed', () => {
    const a = planDataset(db, resolveDatasetRequest({ seed: 3 }), false).splits;
    expect(planDataset(db, resolveDatasetRequest({ seed: 3 }), false).splits).toEqual(a);
  });

  it('leaves out tubes whose poses are older than the tube, saying why', async () => {
    const [walk] = (await call(t.engine, 'segments.list', { videoId: videos.a6t1c1 as string })).filter(
      (s) => s.label?.nodeId === 'walk',
    );
    if (!walk) throw new Error('no walking tube');
    await call(t.engine, 'segments.update', {
      clientId: CLIENT,
      segmentId: walk.id,
      revision: walk.revision,
      endFrame: 98,
    });
    const d = await call(t.engine, 'models.dataset', {});
    expect(d.tubesSkipped).toEqual([
      { reason: 'poses older than the tube (its frames or boxes changed since): extract again', count: 1 },
    ]);
    expect(d.tubesUsed).toBe(15);
  });

  it('refuses a level the taxonomy lacks and data of one class', async () => {
    expect((await refused(t.engine, 'models.dataset', { level: 4 })).message).toMatch(
      /The taxonomy has 3 levels/,
    );
    const e = await refused(t.engine, 'models.train', { level: 1, poseModel: 'lite' });
    expect(e.message).toMatch(/needs labelled tubes with blazepose-lite poses of at least two classes/);
    expect((await refused(t.engine, 'models.train', { config: { windowFrames: 2 } })).where).toBe(
      'config.windowFrames',
    );
  });
});
