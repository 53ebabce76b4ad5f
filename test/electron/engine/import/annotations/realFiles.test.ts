import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../../electron/engine/engine';
import type { Segment } from '../../../../../shared/domain/annotation';
import type { Video } from '../../../../../shared/domain/video';
import { dataPath } from '../../../../support/data';
import { ffmpeg } from '../../../../support/media';
import { useTempEngine } from '../../../../support/tempEngine';

const CLIENT = 'import-test';

async function importVideo(engine: Engine, path: string): Promise<Video> {
  const r = await engine.call('videos.import', { paths: [path] });
  if (!r.ok) throw new Error(r.error.message);
  const v = r.value.imported[0];
  if (!v) throw new Error(`${path} did not import: ${JSON.stringify(r.value)}`);
  return v;
}

async function segments(engine: Engine, videoId: string): Promise<Segment[]> {
  const r = await engine.call('segments.list', { videoId });
  if (!r.ok) throw new Error(r.error.message);
  return [...r.value].sort((a, b) => a.startFrame - b.startFrame || a.actorId.localeCompare(b.actorId));
}

describe('importing the annotation files of ../shared/data', () => {
  const t = useTempEngine({ nested: true });
  let fall01: Video;
  let taChi: Video;
  let long: Video;

  beforeAll(async () => {
    fall01 = await importVideo(t.engine, dataPath('urfd', 'fall-01-cam0.mp4'));
    taChi = await importVideo(t.engine, dataPath('mmskeleton', 'ta_chi.mp4'));
    // ActivityNet's segments are minutes into their videos: a small, long stand-in (230 s at 2 fps).
    const longPath = join(t.dir, 'long.mp4');
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x120:rate=2:duration=230',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      longPath,
    ]);
    long = await importVideo(t.engine, longPath);
  });

  it('UR Fall: fall-01 becomes frames 82–111 falling and 112–159 lying (the file counts from 1), at the situation level', async () => {
    const file = dataPath('urfd', 'urfall-cam0-falls.csv');
    const preview = await t.engine.call('imports.preview', { path: file, videoId: fall01.id });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.format).toBe('urfall');
    expect(preview.value.sources).toHaveLength(30);
    // The sequence is found from the video's name.
    expect(preview.value.source).toBe('fall-01');
    const byLabel = new Map(preview.value.labels.map((l) => [l.label, l]));
    expect(byLabel.get('0')).toMatchObject({ display: 'falling', proposal: 'fall', needsMapping: true });
    expect(byLabel.get('1')).toMatchObject({ display: 'lying on the ground', proposal: 'on-floor' });
    expect(byLabel.get('-1')).toMatchObject({ display: 'not lying', proposal: null });

    // Without a mapping, nothing is imported and the message says what is missing.
    const refused = await t.engine.call('imports.commit', {
      clientId: CLIENT,
      path: file,
      videoId: fall01.id,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/need a taxonomy node: "-1" \(not lying\)/);
    expect(await segments(t.engine, fall01.id)).toHaveLength(0);

    const r = await t.engine.call('imports.commit', {
      clientId: CLIENT,
      path: file,
      videoId: fall01.id,
      mapping: { '-1': null },
      acceptProposals: true,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.skipped).toBe(1);
    expect(r.value.actorIds).toHaveLength(1);
    const segs = await segments(t.engine, fall01.id);
    expect(segs.map((s) => [s.startFrame, s.endFrame, s.label?.nodeId])).toEqual([
      [82, 111, 'fall'],
      [112, 159, 'on-floor'],
    ]);
    // One edit for the whole import: undo takes it all back, redo brings it again.
    const undo = await t.engine.call('edits.undo', { clientId: CLIENT });
    expect(undo.ok).toBe(true);
    expect(await segments(t.engine, fall01.id)).toHaveLength(0);
    const actors = await t.engine.call('actors.list', { videoId: fall01.id });
    expect(actors.ok && actors.value).toEqual([]);
    await t.engine.call('edits.redo', { clientId: CLIENT });
    expect(await segments(t.engine, fall01.id)).toHaveLength(2);
    const log = await t.engine.call('edits.list', { videoId: fall01.id, limit: 10 });
    expect(log.ok && log.value.find((e) => e.kind === 'annotations.import')?.summary).toBe(
      'Import 2 tubes from urfall-cam0-falls.csv',
    );
  });

  it('UR Fall: "not lying" mapped too gives the three situations in sequence', async () => {
    const r = await t.engine.call('imports.commit', {
      clientId: CLIENT,
      path: dataPath('urfd', 'urfall-cam0-falls.csv'),
      videoId: fall01.id,
      mapping: { 'not lying': 'other', '0': 'fall', '1': 'on-floor' },
    });
    if (!r.ok) throw new Error(r.error.message);
    const mine = (await segments(t.engine, fall01.id)).filter((s) => r.value.segmentIds.includes(s.id));
    expect(mine.map((s) => [s.startFrame, s.endFrame, s.label?.nodeId])).toEqual([
      [0, 81, 'other'],
      [82, 111, 'fall'],
      [112, 159, 'on-floor'],
    ]);
  });

  it('CVAT for video 1.1: four tracks become four people, with keyframes, outside flags, the task stop frame and scaled boxes', async () => {
    const file = dataPath('cvat-video-xml', 'annotations.xml');
    const preview = await t.engine.call('imports.preview', { path: file, videoId: taChi.id });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.format).toBe('cvat-video');
    expect(preview.value.labels.map((l) => l.label).sort()).toEqual(['II', 'klhg', 'skeleton']);
    expect(preview.value.warnings.join(' ')).toMatch(/frame size differs/);
    expect(preview.value.warnings.join(' ')).toMatch(/every 3th frame from frame 10/);
    const r = await t.engine.call('imports.commit', {
      clientId: CLIENT,
      path: file,
      videoId: taChi.id,
      mapping: { II: 'walk', klhg: 'standing-still', skeleton: 'other-activity' },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.actorIds).toHaveLength(4);
    const segs = (await segments(t.engine, taChi.id)).filter((s) => r.value.segmentIds.includes(s.id));
    const spans = segs.map((s) => [s.startFrame, s.endFrame, s.label?.nodeId]).sort();
    expect(spans).toEqual(
      [
        // track 0: a box at 10, outside from 13
        [10, 12, 'walk'],
        // track 1: points at 10, outside from 13 (the attribute is kept in the note)
        [10, 12, 'standing-still'],
        // track 3: a skeleton never outside: to the task's stop frame
        [10, 19, 'other-activity'],
        // track 2: a polyline at 13, outside from 16
        [13, 15, 'walk'],
      ].sort(),
    );
    const box = segs.find((s) => s.label?.nodeId === 'walk' && s.startFrame === 10);
    // 25×20 in the file, 340×256 the video: xtl 3 → 40.8, ytl 4 → 51.2, 7 wide → 95.2, 1 high → 12.8.
    expect(box?.keyframes).toHaveLength(1);
    const k = box?.keyframes[0];
    expect(k?.frame).toBe(10);
    expect(k?.x).toBeCloseTo(40.8, 6);
    expect(k?.y).toBeCloseTo(51.2, 6);
    expect(k?.width).toBeCloseTo(95.2, 6);
    expect(k?.height).toBeCloseTo(12.8, 6);
    expect(segs.find((s) => s.label?.nodeId === 'standing-still')?.note).toBe(
      'CVAT attributes: hgl=hgkf (frame 10)',
    );
  });

  it('ActivityNet JSON: the segments of the video chosen become tubes, times turned into frames', async () => {
    const file = dataPath('activitynet-json', 'gt.json');
    const preview = await t.engine.call('imports.preview', { path: file, videoId: long.id });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.sources).toEqual([
      { key: 'v_bYUmtLBL7W4', tubes: 3 },
      { key: 'v_hDPLy21Yyuk', tubes: 1 },
    ]);
    expect(preview.value.source).toBeNull();
    expect(preview.value.warnings.join(' ')).toMatch(/holds 2 videos or sequences .* say which one/);
    const unsaid = await t.engine.call('imports.commit', {
      clientId: CLIENT,
      path: file,
      videoId: long.id,
      mapping: { Wakeboarding: 'other-activity', 'Cleaning shoes': 'clean' },
    });
    expect(unsaid.ok).toBe(false);
    if (!unsaid.ok) expect(unsaid.error.where).toBe('source');

    const r = await t.engine.call('imports.commit', {
      clientId: CLIENT,
      path: file,
      videoId: long.id,
      source: 'v_bYUmtLBL7W4',
      mapping: { Wakeboarding: 'other-activity' },
    });
    if (!r.ok) throw new Error(r.error.message);
    const segs = (await segments(t.engine, long.id)).filter((s) => r.value.segmentIds.includes(s.id));
    // 2 fps: 11.55 s is frame 23, the last frame starting before 57.07 s is frame 114.
    expect(segs.map((s) => [s.startFrame, s.endFrame])).toEqual([
      [23, 114],
      [137, 252],
      [270, 402],
    ]);
    expect(new Set(segs.map((s) => s.actorId)).size).toBe(1);
  });

  it('AVA CSV: rows of one person and action in consecutive seconds make one tube with a box a second (AVA times start 900 s in)', async () => {
    const file = dataPath('ava-csv', 'ava_sample.csv');
    const mapping = { '12': 'standing-still', '17': 'daily-activity', '79': 'visit' };
    const preview = await t.engine.call('imports.preview', {
      path: file,
      videoId: taChi.id,
      source: '0f39OWEqJ24',
      mapping,
    });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.format).toBe('ava');
    expect(preview.value.warnings.join(' ')).toMatch(/900 s is taken off/);
    expect(preview.value.tubes).toBe(3);

    // Two actions of one person at once on the same level break the overlap rule: refused, naming the rows.
    const clash = await t.engine.call('imports.commit', {
      clientId: CLIENT,
      path: file,
      videoId: taChi.id,
      source: '0f39OWEqJ24',
      mapping: { '12': 'standing-still', '17': 'walk', '79': 'visit' },
    });
    expect(clash.ok).toBe(false);
    if (!clash.ok) {
      expect(clash.error.message).toMatch(/overlaps another of the same person on the same taxonomy level/);
      expect(clash.error.where).toMatch(/^ava_sample\.csv: line \d/);
    }

    const r = await t.engine.call('imports.commit', {
      clientId: CLIENT,
      path: file,
      videoId: taChi.id,
      source: '0f39OWEqJ24',
      mapping,
    });
    if (!r.ok) throw new Error(r.error.message);
    const segs = (await segments(t.engine, taChi.id)).filter((s) => r.value.segmentIds.includes(s.id));
    expect(r.value.actorIds).toHaveLength(1);
    const byNode = new Map(segs.map((s) => [s.label?.nodeId, s]));
    // 29.97 fps: 2 s is frame 59 (59.94 rounds down), 4 s ends after frame 119.
    expect(byNode.get('standing-still')).toMatchObject({ startFrame: 59, endFrame: 119 });
    expect(byNode.get('standing-still')?.keyframes.map((k) => k.frame)).toEqual([59, 89]);
    expect(byNode.get('visit')).toMatchObject({ startFrame: 59, endFrame: 89 });
    const k = byNode.get('standing-still')?.keyframes[0];
    expect(k?.x).toBeCloseTo(0.031 * 340, 6);
    expect(k?.width).toBeCloseTo((0.67 - 0.031) * 340, 6);
  });
});
