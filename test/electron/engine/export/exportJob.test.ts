import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoseReader } from '../../../../electron/engine/export/poseReader';
import type { TubePoses } from '../../../../shared/domain/pose';
import { manifestSchema } from '../../../../shared/dataset/manifest';
import type { Segment } from '../../../../shared/domain/annotation';
import type { Video } from '../../../../shared/domain/video';
import { addPerson, box, importVideo, runJob, TEST_CLIENT, value } from '../../../support/annotate';
import { dataPath } from '../../../support/data';
import { filesUnder, sha256 } from '../../../support/files';
import { countDecodedFrames, ffmpeg, pictureDistance, streamFacts } from '../../../support/media';
import { madeUpPoses } from '../../../support/madeUpPoses';
import { python } from '../../../support/python';
import { useTempEngine } from '../../../support/tempEngine';

/** Poses for the tubes that have them: a test reader over poses made up for the test. */
class TestPoses implements PoseReader {
  readonly poses = new Map<string, TubePoses>();
  summary(segmentId: string) {
    const p = this.poses.get(segmentId);
    if (!p) return null;
    const { keypointCount: _k, present: _p, score: _s, image: _i, world: _w, crops: _c, ...summary } = p;
    return { ...summary, stale: false };
  }
  read(segmentId: string): TubePoses | null | Promise<TubePoses | null> {
    return this.poses.get(segmentId) ?? null;
  }
}

/** One frame of a video as small grey pixels, after an optional crop. */
async function framePixels(path: string, frame: number, crop?: string): Promise<Buffer> {
  return ffmpeg([
    '-i',
    path,
    '-vf',
    `select=eq(n\\,${frame})${crop ? `,crop=${crop}` : ''},scale=64:48,format=gray`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    'pipe:1',
  ]);
}

describe('the export job, on real clips', () => {
  const poses = new TestPoses();
  const t = useTempEngine({ nested: true, poses });
  const out = () => join(t.dir, 'dataset');
  let numbers: Video;
  let fall: Video;
  let taChi: Video;
  let walkTube: Segment;
  let wholeFrameTube: Segment;

  beforeAll(async () => {
    numbers = await importVideo(t.engine, dataPath('tricky', 'frame_numbers_25fps.mp4'));
    fall = await importVideo(t.engine, dataPath('urfd', 'fall-01-cam0.mp4'));
    taChi = await importVideo(t.engine, dataPath('mmskeleton', 'ta_chi.mp4'));
    // Ann is in two recordings, which must stay in one split.
    const ann = await addPerson(t.engine, numbers.id, 'Ann', [
      { start: 37, end: 61, label: 'walk', keyframes: [box(37, 10, 5, 90, 60), box(61, 20, 10, 90, 60)] },
      { start: 70, end: 90, label: 'fall-forward-hands' },
    ]);
    [walkTube, wholeFrameTube] = ann.segments as [Segment, Segment];
    await addPerson(t.engine, numbers.id, '', [
      {
        start: 0,
        end: 20,
        label: 'standing-still',
        keyframes: [box(0, 200, 100, 50, 100), box(10, 0, 0, 0, 0, true), box(15, 210, 100, 50, 100)],
      },
    ]);
    await addPerson(t.engine, fall.id, 'Bob', [
      { start: 82, end: 111, label: 'fall', keyframes: [box(82, 400, 40, 80, 160)] },
      { start: 112, end: 159, label: 'on-floor', keyframes: [box(112, 380, 150, 200, 80)] },
    ]);
    const annAgain = await addPerson(t.engine, taChi.id, 'ann', [
      { start: 0, end: 49, label: 'walk', keyframes: [box(0, 100, 20, 120, 230)] },
    ]);
    poses.poses.set(walkTube.id, madeUpPoses(walkTube.id, numbers.id, 37, 25, [3]));
    const ta = annAgain.segments[0] as Segment;
    poses.poses.set(ta.id, madeUpPoses(ta.id, taChi.id, 0, 50));
  });

  it('previews what it would write without writing', async () => {
    const plan = value(await t.engine.call('exports.preview', { outDir: out(), level: 1 }));
    expect(plan).toMatchObject({ videos: 3, tubes: 6, tubesWithPoses: 2 });
    expect(plan.classes.map((c) => c.nodeId)).toEqual(['fall', 'on-floor', 'static-posture', 'locomotion']);
    expect(existsSync(out())).toBe(false);
  });

  it('writes every format into a folder that appears only when complete, with clips frame-exact and cropped', async () => {
    const job = value(
      await t.engine.call('exports.start', {
        outDir: out(),
        card: { licence: 'CC BY-NC 4.0 (test)' },
        splits: {
          parts: [
            { name: 'train', weight: 1 },
            { name: 'test', weight: 1 },
          ],
          seed: 1,
        },
      }),
    );
    expect(job.kind).toBe('export');
    const done = await runJob(t.engine, job);
    expect(done.error).toBeNull();
    expect(done.state).toBe('done');
    expect(done.result).toMatchObject({ videos: 3, tubes: 6, clips: 6, tubesWithPoses: 2 });
    // Nothing but the dataset beside it: the temporary folder went away with the rename.
    expect(readdirSync(t.dir).filter((n) => n.includes('dataset'))).toEqual(['dataset']);

    const files = filesUnder(out());
    expect(files).toContain('export.json');
    expect(files).toContain('README.md');
    expect(files).toContain('manifest.json');
    expect(files).toEqual(
      expect.arrayContaining(['skeleton/pyskl_2d.pkl', 'skeleton/pyskl_3d.pkl', 'skeleton/label_map.txt']),
    );
    expect(files).toEqual(
      expect.arrayContaining(['cvat/v001.xml', 'cvat/v002.xml', 'cvat/v003.xml', 'ava/label_map.pbtxt']),
    );
    expect(files.filter((f) => f.startsWith('clips/'))).toHaveLength(6);

    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(out(), 'manifest.json'), 'utf8')));
    // Videos are keyed by their names' order: fall-01-cam0, frame_numbers_25fps, ta_chi.
    expect(manifest.videos.map((v) => [v.key, v.contentHash])).toEqual([
      ['v001', fall.contentHash],
      ['v002', numbers.contentHash],
      ['v003', taChi.contentHash],
    ]);
    // No names or notes unless asked.
    expect(manifest.videos.every((v) => v.name === null && v.actors.every((a) => a.name === null))).toBe(
      true,
    );
    // Ann's two recordings are in one split; no video is in two.
    const splitOf = new Map(manifest.videos.map((v) => [v.key, v.split]));
    expect(splitOf.get('v002')).toBe(splitOf.get('v003'));
    for (const tube of manifest.tubes) expect(tube.split).toBe(splitOf.get(tube.videoKey));
    expect(manifest.tubes.every((x) => x.state === 'draft')).toBe(true);

    const walk = manifest.tubes.find((x) => x.videoKey === 'v002' && x.startFrame === 37);
    expect(walk?.label?.path.map((p) => p.id)).toEqual(['locomotion', 'walking', 'walk']);
    const clip = join(out(), walk?.files.clips ?? '');
    // Exactly the tube's frames, and the stable crop of its boxes with a 10 % margin (even sizes).
    expect(await countDecodedFrames(clip)).toBe(25);
    const facts = await streamFacts(clip);
    expect([facts.codec, facts.width, facts.height]).toEqual(['h264', 120, 78]);
    // Its first frame is the source's frame 37 (each frame shows its number), its last frame 61.
    const src = dataPath('tricky', 'frame_numbers_25fps.mp4');
    const first = await framePixels(clip, 0);
    const dist = async (f: number) => pictureDistance(first, await framePixels(src, f, '120:78:0:0'));
    const [d36, d37, d38] = [await dist(36), await dist(37), await dist(38)];
    expect(d37).toBeLessThan(d36);
    expect(d37).toBeLessThan(d38);
    const last = await framePixels(clip, 24);
    const lastDist = async (f: number) => pictureDistance(last, await framePixels(src, f, '120:78:0:0'));
    expect(await lastDist(61)).toBeLessThan(await lastDist(60));

    // A tube without boxes is the whole frame.
    const whole = manifest.tubes.find((x) => x.videoKey === 'v002' && x.startFrame === 70);
    const wholeClip = join(out(), whole?.files.clips ?? '');
    expect(await countDecodedFrames(wholeClip)).toBe(wholeFrameTube.endFrame - wholeFrameTube.startFrame + 1);
    expect((await streamFacts(wholeClip)).width).toBe(320);

    // export.json lists every other file with its size and checksum.
    const info = JSON.parse(readFileSync(join(out(), 'export.json'), 'utf8')) as {
      format: string;
      options: Record<string, unknown>;
      files: { path: string; bytes: number; sha256: string }[];
    };
    expect(info.format).toBe('amelia-export');
    expect(info.options.outDir).toBeUndefined();
    expect(info.files.map((f) => f.path).sort()).toEqual(files.filter((f) => f !== 'export.json'));
    for (const f of info.files) expect(f.sha256).toBe(sha256(join(out(), f.path)));
  });

  it('writes the PYSKL pickles Python loads: float32 keypoints M×T×V×C and scores M×T×V, 2D in pixels and 3D in metres', async () => {
    const script = `
import json, pickle, sys
import numpy as np
out = {}
for variant in ('2d', '3d'):
    with open(sys.argv[1] + '/skeleton/pyskl_' + variant + '.pkl', 'rb') as f:
        d = pickle.load(f)
    anns = sorted(d['annotations'], key=lambda a: a['frame_dir'])
    out[variant] = {
        'split': {k: v for k, v in d['split'].items()},
        'annotations': [{
            'frame_dir': a['frame_dir'], 'label': a['label'], 'total_frames': a['total_frames'],
            'img_shape': list(a['img_shape']), 'img_shape_is_tuple': isinstance(a['img_shape'], tuple),
            'original_shape': list(a['original_shape']),
            'keypoint': [type(a['keypoint']).__name__, str(a['keypoint'].dtype), list(a['keypoint'].shape)],
            'keypoint_score': [type(a['keypoint_score']).__name__, str(a['keypoint_score'].dtype), list(a['keypoint_score'].shape)],
            'first': a['keypoint'][0, 0, 1].tolist(), 'missing': float(np.abs(a['keypoint'][0, 3]).sum()) if a['total_frames'] > 3 else None,
            'score': float(a['keypoint_score'][0, 0, 1]),
        } for a in anns],
    }
print(json.dumps(out))
`;
    type Loaded = Record<
      '2d' | '3d',
      {
        split: Record<string, string[]>;
        annotations: {
          frame_dir: string;
          label: number;
          total_frames: number;
          img_shape: number[];
          img_shape_is_tuple: boolean;
          original_shape: number[];
          keypoint: [string, string, number[]];
          keypoint_score: [string, string, number[]];
          first: number[];
          missing: number | null;
          score: number;
        }[];
      }
    >;
    const d = await python<Loaded>(script, [out()]);
    const labelMap = readFileSync(join(out(), 'skeleton/label_map.txt'), 'utf8').trim().split('\n');
    for (const variant of ['2d', '3d'] as const) {
      const C = variant === '2d' ? 2 : 3;
      expect(Object.keys(d[variant].split).sort()).toEqual(['test', 'train']);
      expect(d[variant].annotations.map((a) => a.frame_dir)).toEqual(['v002-p1-t001', 'v003-p1-t001']);
      const [walk, ta] = d[variant].annotations;
      expect(walk).toMatchObject({
        total_frames: 25,
        img_shape: [240, 320],
        img_shape_is_tuple: true,
        original_shape: [240, 320],
        keypoint: ['ndarray', 'float32', [1, 25, 33, C]],
        keypoint_score: ['ndarray', 'float32', [1, 25, 33]],
      });
      expect(ta).toMatchObject({ total_frames: 50, keypoint: ['ndarray', 'float32', [1, 50, 33, C]] });
      expect(labelMap[walk?.label ?? -1]).toBe('Walk');
      // Keypoint 1 of the first frame: image (101, 52), world (0.1, 0, 0.25), visibility 0.51.
      expect(walk?.first).toEqual(variant === '2d' ? [101, 52] : [expect.closeTo(0.1, 6), -0, 0.25]);
      expect(walk?.score).toBeCloseTo(0.51, 6);
      // The frame without a pose is zeros.
      expect(walk?.missing).toBe(0);
    }
  });

  it('writes COCO keypoints per frame, CVAT that reads back to the same tubes, AVA rows, and the card', async () => {
    const coco = JSON.parse(
      readFileSync(
        join(
          out(),
          filesUnder(out()).find(
            (f) => f.startsWith('coco/') && readFileSync(join(out(), f), 'utf8').includes('v002-p1-t001'),
          ) ?? '',
        ),
        'utf8',
      ),
    ) as {
      images: { id: number; frame: number; video: string }[];
      annotations: {
        image_id: number;
        tube: string;
        keypoints: number[];
        num_keypoints: number;
        bbox: number[];
        action_name: string | null;
      }[];
      categories: { keypoints: string[]; skeleton: number[][] }[];
    };
    expect(coco.categories[0]?.keypoints).toHaveLength(33);
    const walk = coco.annotations.filter((a) => a.tube === 'v002-p1-t001');
    expect(walk).toHaveLength(25);
    expect(walk[0]?.keypoints).toHaveLength(99);
    expect(walk[0]?.keypoints.slice(0, 6)).toEqual([100, 50, 2, 101, 52, 2]);
    expect(walk[3]?.num_keypoints).toBe(0);
    expect(walk[0]?.bbox).toEqual([10, 5, 90, 60]);
    expect(walk[0]?.action_name).toBe('Walk');
    // The person outside the view from frame 10 to 14 has no annotation there.
    const standing = coco.annotations.filter((a) => a.tube === 'v002-p2-t001');
    expect(standing).toHaveLength(21 - 5);

    // The exported CVAT of the numbers video, imported back onto it, gives the same spans and boxes.
    const r = value(
      await t.engine.call('imports.commit', {
        clientId: TEST_CLIENT,
        path: join(out(), 'cvat', 'v002.xml'),
        videoId: numbers.id,
      }),
    );
    const back = value(await t.engine.call('segments.list', { videoId: numbers.id })).filter((s) =>
      r.segmentIds.includes(s.id),
    );
    const original = value(await t.engine.call('segments.list', { videoId: numbers.id })).filter(
      (s) => !r.segmentIds.includes(s.id),
    );
    const shape = (s: Segment) => ({
      span: [s.startFrame, s.endFrame],
      label: s.label?.nodeId,
      boxes: s.keyframes.map((k) => [
        k.frame,
        k.outside,
        ...(k.outside ? [] : [k.x, k.y, k.width, k.height]),
      ]),
    });
    const wholeFrame = (s: Segment) =>
      s.keyframes.length === 0 ? { ...shape(s), boxes: [[s.startFrame, false, 0, 0, 320, 240]] } : shape(s);
    expect(back.map(shape).sort((a, b) => a.span[0]! - b.span[0]!)).toEqual(
      original.map(wholeFrame).sort((a, b) => a.span[0]! - b.span[0]!),
    );
    value(await t.engine.call('edits.undo', { clientId: TEST_CLIENT }));

    const ava = readFileSync(
      join(
        out(),
        filesUnder(out()).find(
          (f) =>
            f.startsWith('ava/') &&
            f.endsWith('.csv') &&
            readFileSync(join(out(), f), 'utf8').includes('v002'),
        ) ?? '',
      ),
      'utf8',
    );
    // Frames 37–61 at 25 fps cover second 2 (frame 50): the box interpolated there (15.4, 7.7, 90 × 60),
    // normalised; action = class + 1; person 1.
    expect(ava).toMatch(/^v002,2,0\.048,0\.032,0\.329,0\.282,\d+,1$/m);

    const card = readFileSync(join(out(), 'README.md'), 'utf8');
    for (const section of [
      '## Sources',
      '## Labels',
      '### Level 1: situation',
      '### Level 3: action',
      '## Class balance',
      '## Splits',
      '## Annotators',
      '## Agreement',
      '## Pose quality',
      '## Privacy',
      '## Licence',
      '## Consent',
      '## Files',
    ])
      expect(card).toContain(section);
    expect(card).toContain('CC BY-NC 4.0 (test)');
    expect(card).toMatch(/_To be filled in by whoever hands the dataset over: the consent/);
    expect(card).toMatch(/\| tubes with poses \| 2 of 6 \|/);
    expect(card).not.toMatch(/\bAnn\b|\bBob\b|frame_numbers|ta_chi/);
  });

  it('refuses to overwrite unless told, and then replaces only an earlier export', async () => {
    const again = await t.engine.call('exports.start', { outDir: out() });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('conflict');
      expect(again.error.message).toMatch(/exists already/);
    }
    const before = readFileSync(join(out(), 'export.json'), 'utf8');
    const job = value(
      await t.engine.call('exports.start', { outDir: out(), overwrite: true, formats: ['manifest', 'card'] }),
    );
    expect((await runJob(t.engine, job)).state).toBe('done');
    expect(readFileSync(join(out(), 'export.json'), 'utf8')).not.toBe(before);
    expect(filesUnder(out())).toEqual(['README.md', 'export.json', 'manifest.json']);

    // A folder that is not an export is never replaced, and the project folder is never a target.
    const other = join(t.dir, 'project', 'derived');
    const refused = await t.engine.call('exports.start', { outDir: other, overwrite: true });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    const notOurs = join(t.dir, 'project');
    const r2 = await t.engine.call('exports.start', { outDir: join(notOurs, '..'), overwrite: true });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.message).toMatch(/holds the project folder/);
  });

  it('cancelled, it leaves no folder, partial or not', async () => {
    let release: () => void = () => undefined;
    let reached: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => (reached = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const realRead = poses.read.bind(poses);
    poses.read = (id: string) => {
      reached();
      return gate.then(() => realRead(id));
    };
    const target = join(t.dir, 'cancelled');
    const job = value(
      await t.engine.call('exports.start', { outDir: target, formats: ['manifest', 'pyskl', 'card'] }),
    );
    t.engine.jobs.start();
    await reading;
    // The job is now writing (its temporary folder exists); cancel it there.
    expect(readdirSync(t.dir).some((n) => n.startsWith('.cancelled.amelia-partial-'))).toBe(true);
    value(await t.engine.call('jobs.cancel', { jobId: job.id }));
    release();
    const ended = await runJob(t.engine, job);
    poses.read = realRead;
    expect(ended.state).toBe('cancelled');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(t.dir).filter((n) => n.includes('cancelled'))).toEqual([]);
  });
});
