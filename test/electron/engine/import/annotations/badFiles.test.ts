import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Video } from '../../../../../shared/domain/video';
import { dataPath } from '../../../../support/data';
import { useTempEngine } from '../../../../support/tempEngine';

/** Each file of bad-annotations/, and what its message must point at. */
const BAD: { file: string; where: RegExp; message: RegExp }[] = [
  {
    file: 'cvat_truncated.xml',
    where: /^cvat_truncated\.xml: line 67, column 11, <label>$/,
    message: /the file ends inside <label> \(opened at line \d+\): it is cut off/,
  },
  {
    file: 'cvat_billion_laughs.xml',
    where: /^cvat_billion_laughs\.xml: line 2, column 1, <!DOCTYPE>/,
    message: /document type declaration .* refuses such files/,
  },
  {
    file: 'cvat_external_entity.xml',
    where: /^cvat_external_entity\.xml: line 2, column 1, <!DOCTYPE>/,
    message: /document type declaration/,
  },
  {
    file: 'cvat_bad_values.xml',
    where: /^cvat_bad_values\.xml: line 111, <box>, attribute frame/,
    message: /"-5" is not a frame number.*"NaN" is not a number.*1e308 lies far outside any frame/,
  },
  {
    file: 'urfall_bad_rows.csv',
    where: /^urfall_bad_rows\.csv: line 2$/,
    message:
      /line 2: 2 fields where UR Fall has at least 3.*line 3, column 2 \(frame\): "x" is not a frame number.*line 4, column 1 \(sequence\): the sequence is empty.*line 5, column 3 \(label\): "7" is not a UR Fall label/,
  },
  {
    file: 'activitynet_bad_types.json',
    where: /^activitynet_bad_types\.json: line 1, database\.v1\.duration$/,
    message:
      /database\.v1\.duration: the duration is a number of seconds.*segment: the segment ends before it starts.*label: a label is text/,
  },
  {
    file: 'md4fd_bad_shape.json',
    where: /^md4fd_bad_shape\.json: line 1, \[0\]$/,
    message:
      /\[0\]: a sequence has 90 frames and a label \(91 entries\), not 1.*\[1\]: a sequence is a list.*\[2\]: a sequence is a list/,
  },
];

describe('malformed and hostile annotation files (bad-annotations/)', () => {
  const t = useTempEngine({ nested: true });
  let video: Video;
  const counts = () =>
    Promise.all([
      t.engine.call('actors.list', { videoId: video.id }),
      t.engine.call('segments.list', { videoId: video.id }),
      t.engine.call('edits.list', { limit: 10_000 }),
    ]).then(([a, s, e]) => [a.ok && a.value.length, s.ok && s.value.length, e.ok && e.value.length]);

  beforeAll(async () => {
    const r = await t.engine.call('videos.import', { paths: [dataPath('mmskeleton', 'ta_chi.mp4')] });
    if (!r.ok || !r.value.imported[0]) throw new Error('ta_chi.mp4 did not import');
    video = r.value.imported[0];
  });

  it('covers every file of the folder', () => {
    const listed = readFileSync(dataPath('bad-annotations', 'README.md'), 'utf8');
    for (const name of listed.match(/`[^`]+\.(xml|csv|json)`/g) ?? [])
      expect(BAD.map((b) => `\`${b.file}\``)).toContain(name);
  });

  it.each(BAD)(
    'refuses $file naming the place, and imports nothing (no person, tube or edit)',
    async ({ file, where, message }) => {
      const before = await counts();
      for (const method of ['imports.preview', 'imports.commit'] as const) {
        const request = { path: dataPath('bad-annotations', file), videoId: video.id, acceptProposals: true };
        const r =
          method === 'imports.commit'
            ? await t.engine.call(method, { clientId: 'bad-files', ...request })
            : await t.engine.call(method, request);
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe('invalid_request');
        expect(r.error.where).toMatch(where);
        expect(r.error.message).toMatch(message);
        expect(r.error.message).toContain(file);
      }
      expect(await counts()).toEqual(before);
    },
  );

  it('never expands an entity or reads the file an external entity names', async () => {
    for (const file of ['cvat_billion_laughs.xml', 'cvat_external_entity.xml']) {
      const r = await t.engine.call('imports.preview', {
        path: dataPath('bad-annotations', file),
        videoId: video.id,
      });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      // No expansion (a billion "lol"s) and nothing of /etc/passwd in what comes back.
      expect(r.error.message.length).toBeLessThan(2000);
      expect(r.error.message).not.toMatch(/lollol|root:/);
    }
  });

  it('refuses an entity reference even without a DOCTYPE, and a file in another encoding', async () => {
    const entity = await t.engine.call('imports.preview', {
      text: '<?xml version="1.0"?>\n<annotations>\n  <track id="0" label="&secret;"/>\n</annotations>\n',
      fileName: 'entity.xml',
      videoId: video.id,
    });
    expect(entity.ok).toBe(false);
    if (!entity.ok) {
      expect(entity.error.where).toBe('entity.xml: line 3, column 24, <track> attribute label');
      expect(entity.error.message).toMatch(/"&secret;" is not expanded/);
    }
    const latin = await t.engine.call('imports.preview', {
      text: '<?xml version="1.0" encoding="ISO-8859-1"?><annotations/>',
      fileName: 'latin.xml',
      videoId: video.id,
    });
    expect(latin.ok).toBe(false);
    if (!latin.ok) expect(latin.error.message).toMatch(/reads UTF-8 XML only/);
  });

  it('refuses a frame past the video, naming the row, and imports nothing', async () => {
    const before = await counts();
    const r = await t.engine.call('imports.commit', {
      clientId: 'bad-files',
      text: 'seq-1,1,0\nseq-1,2,0\nseq-1,99999,1\n',
      fileName: 'beyond.csv',
      videoId: video.id,
      acceptProposals: true,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.where).toBe('beyond.csv: line 3');
      expect(r.error.message).toMatch(/frame 99998 is past the last frame of ta_chi\.mp4 \(299\)/);
    }
    expect(await counts()).toEqual(before);
  });
});
