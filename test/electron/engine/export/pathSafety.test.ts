import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathInside, safeName } from '../../../../electron/engine/export/names';
import { addPerson, box, runJob, TEST_CLIENT, value } from '../../../support/annotate';
import { dataPath } from '../../../support/data';
import { filesUnder } from '../../../support/files';
import { useTempEngine } from '../../../support/tempEngine';

describe('file names in exports', () => {
  it('are made safe: no separators, no parent folders, no leading dots, no device names, never empty', () => {
    expect(safeName('../../evil.mp4')).toBe('evil.mp4');
    expect(safeName('../x')).toBe('x');
    expect(safeName('..')).toBe('item');
    expect(safeName('a/b\\c:d')).toBe('a_b_c_d');
    expect(safeName('Chute en avant sur les mains é')).toBe('Chute_en_avant_sur_les_mains_e');
    expect(safeName('CON')).toBe('item');
    expect(safeName('nul.txt', 'x')).toBe('x');
    expect(safeName('$(touch pwned) ü;')).toBe('touch_pwned_u');
    expect(safeName('x'.repeat(200)).length).toBe(80);
  });

  it('land inside the export folder or are refused', () => {
    expect(pathInside('/data/out', 'clips/train/a.mp4')).toBe(join('/data/out', 'clips', 'train', 'a.mp4'));
    for (const bad of ['../x', 'clips/../../x', '/etc/passwd', 'C:/x', '', '.', 'a\0b'])
      expect(() => pathInside('/data/out', bad)).toThrow(/Refused to write/);
  });
});

describe('an export of a video named "../../evil.mp4" with a label named "../x"', () => {
  const t = useTempEngine({ nested: true });

  beforeAll(async () => {
    // An upload keeps the name its sender gave it: here a hostile one.
    const upload = join(await t.engine.uploadDir(), 'upload.bin');
    copyFileSync(dataPath('tricky', 'mpeg4.mov'), upload);
    const r = await t.engine.importUpload(upload, '../../evil.mp4');
    const video = r.imported[0];
    if (!video) throw new Error(JSON.stringify(r));
    expect(video.name).toBe('../../evil.mp4');
    const node = value(
      await t.engine.call('taxonomy.addNode', {
        clientId: TEST_CLIENT,
        parentId: 'not-covered',
        name: '../x',
      }),
    ).nodes.find((n) => n.name === '../x');
    if (!node) throw new Error('no node');
    await addPerson(t.engine, video.id, '../../person', [
      { start: 0, end: 9, label: node.id, keyframes: [box(0, 10, 10, 100, 100)] },
    ]);
  });

  it('writes every file inside the export folder, under safe names, with names chosen', async () => {
    const outDir = join(t.dir, 'exports', 'ds');
    const job = value(
      await t.engine.call('exports.start', {
        outDir,
        privacy: { includeNames: true, descriptiveFileNames: true },
        splits: null,
      }),
    );
    const done = await runJob(t.engine, job);
    expect(done.error).toBeNull();
    // Nothing next to the export folder, nothing above it.
    expect(readdirSync(join(t.dir, 'exports'))).toEqual(['ds']);
    expect(readdirSync(t.dir).sort()).toEqual(['exports', 'project']);
    expect(existsSync(join(t.dir, 'evil.mp4'))).toBe(false);
    const files = filesUnder(outDir);
    for (const f of files) {
      expect(relative(outDir, join(outDir, f)).startsWith('..')).toBe(false);
      for (const part of f.split(sep)) expect(part).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    }
    expect(files).toContain('clips/all/x/v001_evil_p1-t001.mp4');
    expect(files).toContain('cvat/v001_evil.xml');
  });
});
