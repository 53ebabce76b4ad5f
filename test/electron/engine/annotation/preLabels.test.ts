import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../../electron/engine/api/types';
import { createSegment } from '../../../../electron/engine/annotation/segments';
import { usableTubes } from '../../../../electron/engine/review/usableTubes';
import { dataPath } from '../../../support/data';
import { callsAs } from '../../../support/callAs';
import { useTempEngine } from '../../../support/tempEngine';

/**
 * A model's pre-labels (tubes with origin `model`, as `models.toPreLabels` makes them): annotators of the
 * video see and correct them, and none feeds training or export until a person has confirmed or changed
 * its label.
 */
describe('pre-labels: a model’s guesses until a person decides', () => {
  const t = useTempEngine();
  let db: Database.Database;
  const as = (userId: string | null): Caller => ({ userId });
  const { call } = callsAs(t);
  const people = { admin: '', ann: '', bob: '', eve: '' };
  let videoId = '';
  let actorId = '';
  /** A pre-label as the classifier writes it, made by the expert Eve. */
  function preLabel(startFrame: number, endFrame: number, nodeId: string, confidence: number): string {
    const id = `pre-${startFrame}`;
    createSegment(
      db,
      { userId: people.eve, role: 'expert', clientId: 'models', at: new Date().toISOString() },
      id,
      {
        videoId,
        actorId,
        startFrame,
        endFrame,
        labelNodeId: nodeId,
        origin: 'model',
        confidence,
      },
    );
    return id;
  }
  const usableIds = () => usableTubes(db, videoId).map((s) => s.id);

  beforeAll(async () => {
    db = new Database(join(t.dir, 'amelia.sqlite'));
    people.admin = (
      await call('users.create', { name: 'Ada', role: 'admin', password: 'admin password' }, as(null))
    ).id;
    for (const [key, name, role] of [
      ['ann', 'Ann', 'annotator'],
      ['bob', 'Bob', 'annotator'],
      ['eve', 'Eve', 'expert'],
    ] as const) {
      people[key] = (
        await call('users.create', { name, role, password: `${name} password!` }, as(people.admin))
      ).id;
    }
    const imported = await call(
      'videos.import',
      { paths: [dataPath('upfall/Activity1/Subject1/Trial1Cam1.mp4')] },
      as(people.admin),
    );
    videoId = imported.imported[0]?.id ?? '';
    await call('assignments.create', { videoIds: [videoId], userIds: [people.ann] }, as(people.admin));
    actorId = (await call('actors.create', { clientId: 'eve', videoId }, as(people.eve))).id;
  });

  afterAll(() => db?.close());

  it('feeds neither training nor export while it is the model’s', () => {
    const walk = preLabel(0, 40, 'walk', 0.9);
    expect(usableIds()).not.toContain(walk);
  });

  it('is seen by the annotator the video is assigned to, not by another annotator', async () => {
    const seen = await call('segments.list', { videoId }, as(people.ann));
    expect(seen.map((s) => [s.id, s.origin, s.confidence])).toEqual([['pre-0', 'model', 0.9]]);
    const other = await t.engine.call('segments.list', { videoId }, as(people.bob));
    expect(other.ok).toBe(false);
  });

  it('becomes the annotator’s own when they confirm its label: origin manual, their label, usable', async () => {
    const before = (await call('segments.list', { videoId }, as(people.ann)))[0];
    const confirmed = await call(
      'segments.update',
      { clientId: 'ann', segmentId: 'pre-0', revision: before?.revision ?? 0, confirm: true },
      as(people.ann),
    );
    expect(confirmed).toMatchObject({ origin: 'manual', confidence: null, ownerId: people.ann });
    expect(confirmed.label).toMatchObject({ nodeId: 'walk', userId: people.ann });
    expect(usableIds()).toContain('pre-0');
    const log = await call('edits.list', { segmentId: 'pre-0' }, as(people.admin));
    expect(log[0]?.summary).toBe("Confirm the model's label");
  });

  it('confirming a tube that is already a person’s own changes nothing and logs nothing', async () => {
    const before = (await call('segments.list', { videoId }, as(people.ann))).find((s) => s.id === 'pre-0');
    const logBefore = await call('edits.list', { segmentId: 'pre-0' }, as(people.admin));
    const again = await call(
      'segments.update',
      { clientId: 'ann', segmentId: 'pre-0', revision: before?.revision ?? 0, confirm: true },
      as(people.ann),
    );
    expect(before?.origin).toBe('manual');
    expect(again).toEqual(before);
    expect(await call('edits.list', { segmentId: 'pre-0' }, as(people.admin))).toEqual(logBefore);
  });

  it('becomes the annotator’s own when they change its label', async () => {
    const fall = preLabel(41, 90, 'walk', 0.55);
    const current = (await call('segments.list', { videoId }, as(people.ann))).find((s) => s.id === fall);
    const changed = await call(
      'segments.update',
      {
        clientId: 'ann',
        segmentId: fall,
        revision: current?.revision ?? 0,
        labelNodeId: 'fall-forward-hands',
      },
      as(people.ann),
    );
    expect(changed).toMatchObject({ origin: 'manual', confidence: null, ownerId: people.ann });
    expect(usableIds()).toContain(fall);
  });

  it('stays the model’s when only its boundaries are moved', async () => {
    const lying = preLabel(91, 141, 'on-floor', 0.7);
    const current = (await call('segments.list', { videoId }, as(people.ann))).find((s) => s.id === lying);
    const moved = await call(
      'segments.update',
      { clientId: 'ann', segmentId: lying, revision: current?.revision ?? 0, startFrame: 95 },
      as(people.ann),
    );
    expect(moved).toMatchObject({ origin: 'model', confidence: 0.7, startFrame: 95 });
    expect(usableIds()).not.toContain(lying);
  });
});
