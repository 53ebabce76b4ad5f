import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Segment } from '../../../shared/domain/annotation';
import type { Taxonomy, TaxonomyNode } from '../../../shared/domain/taxonomy';
import type { TaxonomyDocument } from '../../../shared/taxonomy/document';
import { taxonomyDocumentSchema } from '../../../shared/taxonomy/document';
import { createEngine } from '../../../electron/engine/engine';
import { TA_CHI } from '../../support/annotation';
import { tempDir } from '../../support/tempProject';
import type { Run } from '../../support/cli';
import { ensureBuilt, runAmelia } from '../../support/cli';

const fallbackProject = tempDir('amelia-cli-annotate-default-');
const project = tempDir('amelia-cli-annotate-');
const files = tempDir('amelia-cli-annotate-files-');

/** Runs the built CLI on the test project: `node bin/amelia.js ... --project DIR`. */
function amelia(...args: string[]): Promise<Run> {
  return runAmelia([...args, '--project', project.dir], {
    fallbackProject: fallbackProject.dir,
    timeoutMs: 120_000,
  });
}

/** Runs a command that must succeed, with --json, and parses its one JSON document. */
async function json<T>(...args: string[]): Promise<T> {
  const run = await amelia(...args, '--json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

let videoId: string;

beforeAll(async () => {
  // `npm test` builds first; build here only where that was skipped.
  ensureBuilt();
  const imported = await json<{ imported: { id: string }[] }>('import', '--no-wait', TA_CHI);
  videoId = imported.imported[0]?.id ?? '';
  expect(videoId).not.toBe('');
}, 600_000);

afterAll(() => {
  project.remove();
  fallbackProject.remove();
  files.remove();
});

describe('usage mistakes exit 2 with the usage on stderr', () => {
  it.each([
    [['actors'], 'Name the video'],
    [['actors', 'add'], 'Name the video'],
    [['actors', 'ta_chi.mp4', '--name', 'X'], '--name is for'],
    [['actors', 'ta_chi.mp4', 'extra'], 'Unexpected arguments'],
    [['tubes'], 'Name the video'],
    [['tubes', 'remove'], 'Name the tube'],
    [['videos', 'remove'], 'takes one video'],
    [['videos', 'remove', 'ta_chi.mp4', '--discard-tubes', 'all'], '--discard-tubes takes a whole number'],
    [['videos', 'shred', 'ta_chi.mp4'], 'Unknown videos action'],
    [['tubes', 'add', 'ta_chi.mp4', '--from', '1', '--to', '2'], '--actor'],
    [['tubes', 'add', 'ta_chi.mp4', '--actor', '1', '--to', '2'], '--from F --to F'],
    [
      ['tubes', 'add', 'ta_chi.mp4', '--actor', '1', '--from', 'x', '--to', '2'],
      '--from takes a whole number',
    ],
    [['tubes', 'add', 'ta_chi.mp4', '--actor', '1', '--from', '9', '--to', '2'], 'before --from'],
    [
      ['tubes', 'add', 'ta_chi.mp4', '--actor', '1', '--from', '1', '--to', '9', '--box', '1,2,3'],
      '--box takes',
    ],
    [
      ['tubes', 'add', 'ta_chi.mp4', '--actor', '1', '--from', '1', '--to', '9', '--box', '1,2,-3,4'],
      '--box takes',
    ],
    [
      [
        'tubes',
        'add',
        'ta_chi.mp4',
        '--actor',
        '1',
        '--from',
        '1',
        '--to',
        '9',
        '--box',
        '1,2,3,4',
        '--box',
        '5,6,7,8',
      ],
      'Two --box at frame 1',
    ],
    [['tubes', 'ta_chi.mp4', '--from', '3'], '--from is for'],
    [['tubes', 'add', 'ta_chi.mp4', '--bogus'], 'bogus'],
    [['taxonomy', 'explode'], 'Unknown taxonomy action "explode"'],
    [['taxonomy', 'import'], 'Name the taxonomy document'],
    [['taxonomy', 'export', 'file.json'], '--out FILE'],
    [['taxonomy', '--out', 'x.json'], 'are for `amelia taxonomy export`'],
    [['taxonomy', 'export', '--version', '0'], '--version takes a whole number'],
  ])('%j: %s', async (args, message) => {
    const run = await amelia(...args);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^amelia ${args[0]}: `));
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(`Usage: amelia ${args[0]}`);
    expect(run.stdout).toBe('');
  });
});

describe('people and tubes', () => {
  let first: Actor;
  let tube: Segment;

  it('actors add names the video by file name, id or the start of an id, and numbers the people', async () => {
    first = await json<Actor>('actors', 'add', 'ta_chi.mp4', '--name', 'Resident');
    expect(first).toMatchObject({ videoId, number: 1, name: 'Resident' });
    const second = await json<Actor>('actors', 'add', videoId);
    expect(second).toMatchObject({ videoId, number: 2, name: '' });
    const third = await json<Actor>('actors', 'add', videoId.slice(0, 6));
    expect(third.number).toBe(3);
    const byPath = await json<Actor>('actors', 'add', TA_CHI);
    expect(byPath.number).toBe(4);
  });

  it('actors lists them, as JSON and as a table', async () => {
    const listed = await json<Actor[]>('actors', 'ta_chi.mp4');
    expect(listed.map((a) => a.number)).toEqual([1, 2, 3, 4]);
    expect(listed[0]).toEqual(first);
    const run = await amelia('actors', 'ta_chi.mp4');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Resident');
    expect(run.stdout).toContain(first.id);
    expect(run.stdout).toMatch(/^number\s+id\s+name/);
  });

  it('tubes add makes a tube with a label, boxes at keyframes, the uncertain flag and a note', async () => {
    tube = await json<Segment>(
      'tubes',
      'add',
      'ta_chi.mp4',
      '--actor',
      '1',
      '--from',
      '10',
      '--to',
      '40',
      '--label',
      'walk',
      '--box',
      '1,2,30,40',
      '--box',
      '11.5,12,30,40@40',
      '--box',
      'outside@25',
      '--uncertain',
      '--note',
      'crosses the room',
    );
    expect(tube).toMatchObject({
      videoId,
      actorId: first.id,
      startFrame: 10,
      endFrame: 40,
      label: { nodeId: 'walk' },
      uncertain: true,
      note: 'crosses the room',
    });
    expect(tube.keyframes).toEqual([
      { frame: 10, x: 1, y: 2, width: 30, height: 40, outside: false },
      { frame: 25, x: 0, y: 0, width: 0, height: 0, outside: true },
      { frame: 40, x: 11.5, y: 12, width: 30, height: 40, outside: false },
    ]);
  });

  it('tubes add takes a person by id and a label by name, and prints a line without --json', async () => {
    const run = await amelia(
      'tubes',
      'add',
      videoId,
      '--actor',
      first.id,
      '--from',
      '50',
      '--to',
      '60',
      '--label',
      'stand still',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^added tube [0-9a-f-]+: person #1 Resident, frames 50–60, .*Stand still/);
  });

  it('tubes lists a video’s tubes, as JSON and as a table', async () => {
    const listed = await json<Segment[]>('tubes', 'ta_chi.mp4');
    expect(listed.map((s) => [s.startFrame, s.endFrame])).toEqual([
      [10, 40],
      [50, 60],
    ]);
    expect(listed[0]).toEqual(tube);
    const run = await amelia('tubes', 'ta_chi.mp4');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(tube.id.slice(0, 8));
    expect(run.stdout).toContain('Locomotion › Walking › Walk (uncertain)');
    expect(run.stdout).toContain('10–40');
  });

  it('refuses a tube that breaks the rules, exiting 1 with the engine’s reason and adding nothing', async () => {
    const cases: [string[], string][] = [
      [['--actor', '1', '--from', '30', '--to', '45', '--label', 'walking-with-aid'], ''],
      [['--actor', '1', '--from', '20', '--to', '30', '--label', 'walk'], 'would overlap'],
      [['--actor', '1', '--from', '290', '--to', '300'], 'past the video'],
      [['--actor', '9', '--from', '1', '--to', '2'], 'No person "9"'],
      [['--actor', '1', '--from', '100', '--to', '110', '--label', 'no-such-node'], 'No taxonomy node'],
      [['--actor', '1', '--from', '100', '--to', '110', '--box', '1,1,1,1@120'], 'outside the segment'],
    ];
    for (const [options, message] of cases) {
      const run = await amelia('tubes', 'add', 'ta_chi.mp4', ...options);
      if (message === '') {
        // A level-2 label over a level-3 one is allowed: this one is made (and removed below).
        expect(run.code, run.stderr).toBe(0);
        continue;
      }
      expect(run.code, `${options.join(' ')}: ${run.stderr}`).toBe(1);
      expect(run.stderr).toMatch(/^amelia tubes: /);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
    }
    expect(await json<Segment[]>('tubes', 'ta_chi.mp4')).toHaveLength(3);
  });

  it('refuses an unknown video with exit 1', async () => {
    for (const command of [['actors'], ['tubes'], ['actors', 'add'], ['tubes', 'add']]) {
      const run = await amelia(
        ...command,
        'no-such-video.mp4',
        ...(command[1] === 'add' && command[0] === 'tubes'
          ? ['--actor', '1', '--from', '1', '--to', '2']
          : []),
      );
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('No video "no-such-video.mp4"');
    }
  });

  it('tubes remove takes a tube by id or the start of one', async () => {
    const [, second, third] = await json<Segment[]>('tubes', 'ta_chi.mp4');
    expect(await json('tubes', 'remove', second?.id ?? '')).toEqual({ segmentId: second?.id });
    const run = await amelia('tubes', 'remove', third?.id.slice(0, 8) ?? '');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`removed tube ${third?.id}\n`);
    expect((await json<Segment[]>('tubes', 'ta_chi.mp4')).map((s) => s.id)).toEqual([tube.id]);
    const again = await amelia('tubes', 'remove', third?.id ?? '');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('No tube');
  });

  it('writes as one CLI client per run, in the audit log', async () => {
    const engine = await createEngine({ projectDir: project.dir, runJobs: false });
    try {
      const r = await engine.call('edits.list', { videoId });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const clients = new Set(r.value.map((e) => e.clientId));
      expect(r.value.length).toBeGreaterThanOrEqual(8);
      for (const c of clients) expect(c).toMatch(/^cli-\d+$/);
      // Separate runs are separate clients.
      expect(clients.size).toBeGreaterThan(1);
    } finally {
      await engine.close();
    }
  });
});

describe('the taxonomy', () => {
  it('taxonomy prints the tree with each node’s level', async () => {
    const run = await amelia('taxonomy');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Assisted living \(default\), version \d+$/);
    expect(lines[1]).toBe('levels: 1 situation, 2 activity, 3 action');
    expect(run.stdout).toMatch(/^Fall\s+fall\s+1 situation$/m);
    expect(run.stdout).toMatch(/^ {2}Fall forward\s+fall-forward\s+2 activity$/m);
    expect(run.stdout).toMatch(/^ {4}Fall forward onto the hands\s+fall-forward-hands\s+3 action$/m);
  });

  it('taxonomy --json gives the taxonomy with every node’s level, parents first', async () => {
    const taxonomy = await json<Omit<Taxonomy, 'nodes'> & { nodes: (TaxonomyNode & { level: number })[] }>(
      'taxonomy',
    );
    expect(taxonomy.levels).toEqual(['situation', 'activity', 'action']);
    const seen = new Set<string>();
    for (const n of taxonomy.nodes) {
      if (n.parentId !== null) expect(seen.has(n.parentId)).toBe(true);
      seen.add(n.id);
    }
    expect(taxonomy.nodes.find((n) => n.id === 'fall')?.level).toBe(1);
    expect(taxonomy.nodes.find((n) => n.id === 'walk')?.level).toBe(3);
  });

  it('taxonomy export writes a valid document to stdout or a file', async () => {
    const run = await amelia('taxonomy', 'export');
    expect(run.code).toBe(0);
    const doc = taxonomyDocumentSchema.parse(JSON.parse(run.stdout));
    expect(doc.version).toBe(1);
    const out = join(files.dir, 'exported.json');
    const written = await json<{ file: string; version: number; nodes: number }>(
      'taxonomy',
      'export',
      '--out',
      out,
    );
    expect(written).toEqual({ file: out, version: 1, nodes: doc.nodes.length });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc);
  });

  it('taxonomy import adds and updates nodes and makes a new version; export --version gives the old one', async () => {
    const exported = JSON.parse(readFileSync(join(files.dir, 'exported.json'), 'utf8')) as TaxonomyDocument;
    const file = join(files.dir, 'site.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...exported,
        nodes: [
          { id: 'night', parent: null, name: 'Night-time' },
          { id: 'wander', parent: 'night', name: 'Wander at night' },
          { id: 'walk', parent: 'walking', name: 'Walk about' },
        ],
      }),
    );
    const result = await json<{ version: number; added: number; updated: number; nodes: number }>(
      'taxonomy',
      'import',
      file,
    );
    expect(result).toEqual({ version: 2, added: 2, updated: 1, nodes: exported.nodes.length + 2 });
    const now = await json<Taxonomy>('taxonomy');
    expect(now.version).toBe(2);
    expect(now.nodes.find((n) => n.id === 'walk')?.name).toBe('Walk about');
    // Labels follow the node: the tube labelled "walk" shows the new name.
    const tubes = await amelia('tubes', 'ta_chi.mp4');
    expect(tubes.stdout).toContain('Locomotion › Walking › Walk about');
    const v1 = taxonomyDocumentSchema.parse(
      JSON.parse((await amelia('taxonomy', 'export', '--version', '1')).stdout),
    );
    expect(v1.nodes.find((n) => n.id === 'walk')?.name).toBe('Walk');
    expect(v1.nodes.map((n) => n.id)).not.toContain('night');
  });

  it('taxonomy import refuses a malformed document with exit 1, naming the place, and changes nothing', async () => {
    const cases: [string, string, string][] = [
      [
        'nameless.json',
        JSON.stringify({
          format: 'amelia-taxonomy',
          formatVersion: 1,
          name: 'X',
          levels: [],
          nodes: [
            { id: 'a', parent: null, name: 'A' },
            { id: 'b', parent: 'a', name: 'B' },
            { id: 'c', parent: 'a', name: 'C' },
            { id: 'd', parent: 'a', name: '' },
          ],
        }),
        'nodes[3].name',
      ],
      [
        'orphan.json',
        JSON.stringify({
          format: 'amelia-taxonomy',
          formatVersion: 1,
          name: 'X',
          levels: [],
          nodes: [
            { id: 'a', parent: null, name: 'A' },
            { id: 'b', parent: 'nowhere', name: 'B' },
          ],
        }),
        'nodes[1] ("b"): no node "nowhere"',
      ],
      ['format.json', JSON.stringify({ format: 'other', nodes: [] }), 'format'],
      ['broken.json', '{"format": ', 'is not JSON'],
      ['missing.json', '', 'Cannot read'],
    ];
    for (const [name, text, message] of cases) {
      const file = join(files.dir, name);
      if (name !== 'missing.json') writeFileSync(file, text);
      const run = await amelia('taxonomy', 'import', file);
      expect(run.code, `${name}: ${run.stderr}`).toBe(1);
      expect(run.stderr).toMatch(/^amelia taxonomy: /);
      expect(run.stderr).toContain(message);
    }
    expect((await json<Taxonomy>('taxonomy')).version).toBe(2);
  });

  it('taxonomy export of a version that does not exist exits 1', async () => {
    const run = await amelia('taxonomy', 'export', '--version', '99');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no version 99');
  });
});

describe('removing a video', () => {
  it('refuses while its tubes are unconfirmed, says how to export or confirm, and removes with --discard-tubes', async () => {
    const tubes = await json<Segment[]>('tubes', 'ta_chi.mp4');
    expect(tubes.length).toBeGreaterThan(0);
    const refused = await amelia('videos', 'remove', 'ta_chi.mp4');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(`^amelia videos: "ta_chi\\.mp4" has ${tubes.length} tubes? \\(.*\\) of \\d+ pe`),
    );
    const lines = refused.stderr.trim().split('\n');
    expect(lines.slice(-2)).toEqual([
      `To export them: amelia export FOLDER --video ${videoId} --project ${project.dir}`,
      `To remove it anyway: amelia videos remove ${videoId} --discard-tubes ${tubes.length} --project ${project.dir}`,
    ]);
    expect(await json<Segment[]>('tubes', 'ta_chi.mp4')).toHaveLength(tubes.length);
    // Too few confirmed: refused as well.
    const tooFew = String(tubes.length - 1);
    expect((await amelia('videos', 'remove', 'ta_chi.mp4', '--discard-tubes', tooFew)).code).toBe(1);
    expect(await json<Segment[]>('tubes', 'ta_chi.mp4')).toHaveLength(tubes.length);

    // The command it printed, followed.
    const removed = await amelia('videos', 'remove', videoId, '--discard-tubes', String(tubes.length));
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(
      new RegExp(
        `^removed video ${videoId} \\(ta_chi\\.mp4\\), with ${tubes.length} tubes? .*; the original stays at ${TA_CHI.replaceAll('.', '\\.')}\\n$`,
      ),
    );
    expect(await json<unknown[]>('videos')).toEqual([]);
  });
});
