import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestSchema } from '../../../shared/dataset/manifest';
import { dataPath } from '../../support/data';
import { tempDir } from '../../support/tempProject';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin', 'amelia.js');
const run = promisify(execFile);
const dir = tempDir('amelia-cli-export-');
const project = join(dir.dir, 'project');
const FALL = dataPath('urfd', 'fall-01-cam0.mp4');
const URFALL = dataPath('urfd', 'urfall-cam0-falls.csv');

async function amelia(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args, '--project', project], {
      cwd: ROOT,
      env: { ...process.env, AMELIA_NO_ELECTRON: '1' },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('amelia import-annotations and amelia export', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('build first: npm run build');
    const r = await amelia('import', FALL, '--no-wait');
    expect(r.code).toBe(0);
  });
  afterAll(() => dir.remove());

  it('lists the labels that need a node, with proposals, and imports nothing until they are mapped', async () => {
    const r = await amelia('import-annotations', URFALL, '--video', 'fall-01-cam0.mp4');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/need a taxonomy node: "-1" \(not lying\), "0" \(falling\) \(proposed: fall\)/);
    const dry = await amelia('import-annotations', URFALL, '--video', 'fall-01-cam0.mp4', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^0\s+falling\s+1\s+\? \(proposed: fall\)/m);
  });

  it('imports with --map and --accept-proposals, as one edit', async () => {
    const r = await amelia(
      'import-annotations',
      URFALL,
      '--video',
      'fall-01-cam0.mp4',
      '--map=-1=-',
      '--accept-proposals',
      '--json',
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { segmentIds: string[]; skipped: number; editId: number };
    expect(result.segmentIds).toHaveLength(2);
    expect(result.skipped).toBe(1);
    expect(result.editId).toBeGreaterThan(0);
  });

  it('refuses a hostile file naming the place, exit 1', async () => {
    const r = await amelia(
      'import-annotations',
      dataPath('bad-annotations', 'cvat_billion_laughs.xml'),
      '--video',
      'fall-01-cam0.mp4',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /cvat_billion_laughs\.xml, line 2, column 1, <!DOCTYPE>: the file has a document type declaration/,
    );
  });

  it('exports with progress, refuses to overwrite unless told, and checks its options', async () => {
    const out = join(dir.dir, 'dataset');
    const dry = await amelia('export', out, '--dry-run', '--level', '1');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/2 tubes \(78 frames\) of 1 video, 2 classes, 0 with poses/);
    expect(existsSync(out)).toBe(false);

    const r = await amelia('export', out, '--format', 'manifest,cvat,ava,card', '--no-splits', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { job: { state: string; result: { files: number } } };
    expect(doc.job.state).toBe('done');
    expect(readdirSync(out).sort()).toEqual(['README.md', 'ava', 'cvat', 'export.json', 'manifest.json']);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(manifest.tubes.map((t) => [t.startFrame, t.endFrame, t.label?.nodeId])).toEqual([
      [82, 111, 'fall'],
      [112, 159, 'on-floor'],
    ]);

    const again = await amelia('export', out, '--format', 'manifest');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already: choose another folder, or allow overwriting/);
    const over = await amelia('export', out, '--format', 'manifest', '--overwrite');
    expect(over.code).toBe(0);
    expect(over.stdout).toMatch(/Exported 2 tubes of 1 video to .*dataset: 2 files/);
    expect(readdirSync(out).sort()).toEqual(['export.json', 'manifest.json']);

    const poseOnly = await amelia('export', join(dir.dir, 'other'), '--format', 'clips', '--pose-only');
    expect(poseOnly.code).toBe(1);
    expect(poseOnly.stderr).toMatch(/pose-only export writes no clips/);
    const poses = await amelia('export', join(dir.dir, 'poses'), '--pose-only', '--no-splits', '--json');
    expect(poses.code).toBe(0);
    expect(readdirSync(join(dir.dir, 'poses')).sort()).toEqual([
      'README.md',
      'ava',
      'coco',
      'cvat',
      'export.json',
      'manifest.json',
      'skeleton',
    ]);
    expect(readFileSync(join(dir.dir, 'poses', 'README.md'), 'utf8')).toMatch(
      /Pixels: none: this export holds no image/,
    );
    const bad = await amelia('export', join(dir.dir, 'other'), '--format', 'mp3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format takes manifest, clips, pyskl, coco, cvat, ava, card, not "mp3"/);
    expect(existsSync(join(dir.dir, 'other'))).toBe(false);
  });
});
