import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../electron/engine/engine';
import { createEngine } from '../../../../electron/engine/engine';
import type { Segment } from '../../../../shared/domain/annotation';
import { addPerson, box, importVideo, runJob, TEST_CLIENT, value } from '../../../support/annotate';
import { dataPath } from '../../../support/data';
import { tempDir } from '../../../support/tempProject';

const CLIPS = [dataPath('urfd', 'fall-01-cam0.mp4'), dataPath('tricky', 'frame_numbers_25fps.mp4')];

/** What must survive a round trip, per video (by content): people and their tubes, in a stable order. */
async function snapshot(engine: Engine) {
  const videos = value(await engine.call('videos.list', {}));
  const out: Record<string, unknown> = {};
  for (const v of videos) {
    const actors = value(await engine.call('actors.list', { videoId: v.id }));
    const segs = value(await engine.call('segments.list', { videoId: v.id }));
    out[v.contentHash] = actors.map((a) => ({
      number: a.number,
      name: a.name,
      color: a.color,
      tubes: segs
        .filter((s) => s.actorId === a.id)
        .sort(
          (x, y) =>
            x.startFrame - y.startFrame ||
            x.endFrame - y.endFrame ||
            (x.label?.nodeId ?? '').localeCompare(y.label?.nodeId ?? ''),
        )
        .map((s: Segment) => ({
          startFrame: s.startFrame,
          endFrame: s.endFrame,
          keyframes: s.keyframes,
          label: s.label ? { nodeId: s.label.nodeId, userId: s.label.userId, at: s.label.at } : null,
          uncertain: s.uncertain,
          note: s.note,
          state: 'draft',
        })),
    }));
  }
  return out;
}

describe('manifest round trip', () => {
  const dir = tempDir('amelia-roundtrip-');
  let a: Engine;
  let b: Engine;

  beforeAll(async () => {
    a = await createEngine({ projectDir: join(dir.dir, 'a'), runJobs: false });
    b = await createEngine({ projectDir: join(dir.dir, 'b'), runJobs: false });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    dir.remove();
  });

  it('export, then import into a new project, gives the same people, tubes, boxes, labels and states', async () => {
    const [fall, numbers] = [
      await importVideo(a, CLIPS[0] as string),
      await importVideo(a, CLIPS[1] as string),
    ];
    await addPerson(a, fall.id, 'Resident A', [
      {
        start: 0,
        end: 81,
        label: 'walk',
        keyframes: [box(0, 300, 30, 90, 190), box(40, 320.5, 31.25, 88, 188), box(81, 350, 40, 80, 180)],
      },
      {
        start: 82,
        end: 111,
        label: 'fall',
        uncertain: true,
        note: 'slips on\nthe rug',
        keyframes: [box(82, 350, 40, 80, 180), box(100, 0, 0, 0, 0, true)],
      },
      { start: 82, end: 111, label: 'fall-forward-hands' },
      { start: 112, end: 159, label: null, note: 'no label yet' },
    ]);
    await addPerson(a, fall.id, '', []);
    await addPerson(a, numbers.id, 'Carer', [
      { start: 5, end: 95, label: 'care-task', keyframes: [box(5, 1, 2, 3, 4)] },
    ]);
    const before = await snapshot(a);

    const outDir = join(dir.dir, 'export');
    const job = value(
      await a.call('exports.start', {
        outDir,
        formats: ['manifest'],
        selection: { includeUnlabelled: true },
        privacy: { includeNames: true, includeNotes: true },
      }),
    );
    expect((await runJob(a, job)).state).toBe('done');

    // The new project has the same videos, imported in another order; the manifest finds them by content.
    await importVideo(b, CLIPS[1] as string);
    await importVideo(b, CLIPS[0] as string);
    const preview = value(await b.call('imports.preview', { path: join(outDir, 'manifest.json') }));
    expect(preview.format).toBe('manifest');
    expect(preview.labels.every((l) => !l.needsMapping)).toBe(true);
    expect(preview.videos.every((v) => v.videoId !== null)).toBe(true);
    const r = value(
      await b.call('imports.commit', { clientId: TEST_CLIENT, path: join(outDir, 'manifest.json') }),
    );
    expect(r.segmentIds).toHaveLength(5);
    expect(r.actorIds).toHaveLength(3);
    expect(await snapshot(b)).toEqual(before);

    // And it is one edit: undone, the new project is empty again.
    value(await b.call('edits.undo', { clientId: TEST_CLIENT }));
    const empty = await snapshot(b);
    expect(Object.values(empty).every((people) => (people as unknown[]).length === 0)).toBe(true);
  });

  it('refuses a manifest whose videos the project does not have, importing nothing', async () => {
    const c = await createEngine({ projectDir: join(dir.dir, 'c'), runJobs: false });
    try {
      await importVideo(c, CLIPS[1] as string);
      const r = await c.call('imports.commit', {
        clientId: TEST_CLIENT,
        path: join(dir.dir, 'export', 'manifest.json'),
      });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(/1 video of manifest\.json \(v001\) is not in this project/);
        expect(r.error.where).toBe('videoId');
      }
      expect(value(await c.call('edits.list', { limit: 10 }))).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
