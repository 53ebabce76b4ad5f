import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Segment } from '../../../../shared/domain/annotation';
import type { Video } from '../../../../shared/domain/video';
import type { Engine } from '../../../../electron/engine/engine';
import { box, call, importClip, refused, statesOf } from '../../../support/annotation';
import { useTempEngine } from '../../../support/tempEngine';

const setup = 'setup-client';

/** Everything an edit may change, as the clients read it (segment revisions and time stamps left out). */
async function projectState(engine: Engine, video: Video) {
  const taxonomy = await call(engine, 'taxonomy.get', {});
  const exported = await call(engine, 'taxonomy.export', {});
  return {
    actors: await call(engine, 'actors.list', { videoId: video.id }),
    segments: statesOf(await call(engine, 'segments.list', { videoId: video.id })),
    taxonomy: { name: taxonomy.name, levels: taxonomy.levels, nodes: taxonomy.nodes },
    mappings: exported.mappings,
  };
}

async function segmentOf(engine: Engine, video: Video, id: string): Promise<Segment> {
  const s = (await call(engine, 'segments.list', { videoId: video.id })).find((x) => x.id === id);
  if (!s) throw new Error(`no segment ${id}`);
  return s;
}

describe('undo and redo of every kind of edit', () => {
  const t = useTempEngine();
  let video: Video;

  beforeAll(async () => {
    video = await importClip(t.engine);
  });

  async function actor(name = ''): Promise<Actor> {
    return call(t.engine, 'actors.create', { clientId: setup, videoId: video.id, name });
  }

  async function segment(
    a: Actor,
    startFrame: number,
    endFrame: number,
    labelNodeId?: string,
  ): Promise<Segment> {
    return call(t.engine, 'segments.create', {
      clientId: setup,
      videoId: video.id,
      actorId: a.id,
      startFrame,
      endFrame,
      ...(labelNodeId ? { labelNodeId } : {}),
      keyframes: [box(startFrame, 10, 10, 50, 100), box(endFrame, 60, 20, 50, 100)],
    });
  }

  interface Case {
    /** What the edit needs, made by another client (its edits are not undone). */
    prepare?: () => Promise<Record<string, string>>;
    edit: (clientId: string, ids: Record<string, string>) => Promise<unknown>;
  }

  const cases: [kind: string, Case][] = [
    [
      'actor.create',
      { edit: (clientId) => call(t.engine, 'actors.create', { clientId, videoId: video.id, name: 'New' }) },
    ],
    [
      'actor.update',
      {
        prepare: async () => ({ actor: (await actor('Before')).id }),
        edit: (clientId, ids) =>
          call(t.engine, 'actors.update', {
            clientId,
            actorId: ids.actor ?? '',
            name: 'After',
            color: '#010203',
          }),
      },
    ],
    [
      'actor.remove',
      {
        prepare: async () => {
          const a = await actor('Removed');
          await segment(a, 0, 10, 'walk');
          await segment(a, 20, 30);
          return { actor: a.id };
        },
        edit: (clientId, ids) => call(t.engine, 'actors.remove', { clientId, actorId: ids.actor ?? '' }),
      },
    ],
    [
      'segment.create',
      {
        prepare: async () => ({ actor: (await actor()).id }),
        edit: (clientId, ids) =>
          call(t.engine, 'segments.create', {
            clientId,
            videoId: video.id,
            actorId: ids.actor ?? '',
            startFrame: 5,
            endFrame: 25,
            labelNodeId: 'sitting',
            note: 'n',
            keyframes: [box(5, 1, 2, 3, 4)],
          }),
      },
    ],
    [
      'segment.update',
      {
        prepare: async () => ({ segment: (await segment(await actor(), 40, 60, 'walk')).id }),
        edit: async (clientId, ids) => {
          const s = await segmentOf(t.engine, video, ids.segment ?? '');
          return call(t.engine, 'segments.update', {
            clientId,
            segmentId: s.id,
            revision: s.revision,
            startFrame: 45,
            endFrame: 80,
            labelNodeId: 'standing-still',
            uncertain: true,
            note: 'changed',
          });
        },
      },
    ],
    [
      'segment.keyframe (set)',
      {
        prepare: async () => ({ segment: (await segment(await actor(), 40, 60)).id }),
        edit: async (clientId, ids) => {
          const s = await segmentOf(t.engine, video, ids.segment ?? '');
          return call(t.engine, 'segments.setKeyframe', {
            clientId,
            segmentId: s.id,
            revision: s.revision,
            keyframe: box(50, 7, 7, 7, 7),
          });
        },
      },
    ],
    [
      'segment.keyframe (remove)',
      {
        prepare: async () => ({ segment: (await segment(await actor(), 40, 60)).id }),
        edit: async (clientId, ids) => {
          const s = await segmentOf(t.engine, video, ids.segment ?? '');
          return call(t.engine, 'segments.removeKeyframe', {
            clientId,
            segmentId: s.id,
            revision: s.revision,
            frame: 60,
          });
        },
      },
    ],
    [
      'segment.split',
      {
        prepare: async () => ({ segment: (await segment(await actor(), 40, 60, 'walk')).id }),
        edit: async (clientId, ids) => {
          const s = await segmentOf(t.engine, video, ids.segment ?? '');
          return call(t.engine, 'segments.split', {
            clientId,
            segmentId: s.id,
            revision: s.revision,
            frame: 47,
          });
        },
      },
    ],
    [
      'segment.merge',
      {
        prepare: async () => {
          const a = await actor();
          const s1 = await segment(a, 0, 10, 'walk');
          const s2 = await segment(a, 20, 30, 'walk');
          const s3 = await segment(a, 40, 50);
          return { s1: s1.id, s2: s2.id, s3: s3.id };
        },
        edit: (clientId, ids) =>
          call(t.engine, 'segments.merge', {
            clientId,
            segmentIds: [ids.s3 ?? '', ids.s1 ?? '', ids.s2 ?? ''],
          }),
      },
    ],
    [
      'segment.remove',
      {
        prepare: async () => ({ segment: (await segment(await actor(), 40, 60, 'walk')).id }),
        edit: async (clientId, ids) => {
          const s = await segmentOf(t.engine, video, ids.segment ?? '');
          return call(t.engine, 'segments.remove', { clientId, segmentId: s.id, revision: s.revision });
        },
      },
    ],
    [
      'taxonomy.add',
      {
        edit: (clientId) =>
          call(t.engine, 'taxonomy.addNode', {
            clientId,
            parentId: 'walking',
            name: 'Walk backwards',
            definition: 'd',
            includes: 'i',
            excludes: 'e',
            example: 'x',
          }),
      },
    ],
    [
      'taxonomy.update',
      {
        edit: (clientId) =>
          call(t.engine, 'taxonomy.updateNode', {
            clientId,
            nodeId: 'eat',
            name: 'Eat a meal',
            definition: 'Puts food into the mouth.',
          }),
      },
    ],
    [
      'taxonomy.move',
      {
        prepare: async () => ({ segment: (await segment(await actor(), 100, 110, 'wash')).id }),
        edit: (clientId) =>
          call(t.engine, 'taxonomy.moveNode', { clientId, nodeId: 'wash', parentId: 'housework', index: 0 }),
      },
    ],
    [
      'taxonomy.deprecate',
      {
        edit: (clientId) =>
          call(t.engine, 'taxonomy.deprecateNode', { clientId, nodeId: 'conversation', deprecated: true }),
      },
    ],
    [
      'taxonomy.merge',
      {
        prepare: async () => {
          await segment(await actor(), 120, 130, 'wheelchair');
          await segment(await actor(), 120, 130, 'wheelchair-pushed');
          return {};
        },
        edit: (clientId) =>
          call(t.engine, 'taxonomy.mergeNodes', {
            clientId,
            sourceId: 'wheelchair',
            targetId: 'walking-with-aid',
          }),
      },
    ],
    [
      'taxonomy.import',
      {
        edit: async (clientId) => {
          const { version: _version, ...doc } = await call(t.engine, 'taxonomy.export', {});
          return call(t.engine, 'taxonomy.import', {
            clientId,
            document: {
              ...doc,
              name: 'Imported',
              levels: ['situation', 'activity', 'action', 'detail'],
              mappings: { ...doc.mappings, other: { x: 'fall' } },
              nodes: [
                ...doc.nodes.filter((n) => n.id === 'drink').map((n) => ({ ...n, name: 'Drink something' })),
                { id: 'sip', parent: 'drink', name: 'Sip', definition: 'A small drink.' },
              ],
            },
          });
        },
      },
    ],
  ];

  it.each(cases)('%s: undo restores the state before, redo the state after', async (kind, c) => {
    const clientId = `c-${kind.replace(/[^a-z]+/g, '-')}`;
    const ids = c.prepare ? await c.prepare() : {};
    const before = await projectState(t.engine, video);
    const version = (await call(t.engine, 'taxonomy.get', {})).version;
    await c.edit(clientId, ids);
    const after = await projectState(t.engine, video);
    expect(after).not.toEqual(before);
    const [entry] = await call(t.engine, 'edits.list', { limit: 1 });
    expect(entry).toMatchObject({ kind: kind.split(' ')[0], clientId, userId: null, undone: false });

    const undone = await call(t.engine, 'edits.undo', { clientId });
    expect(undone).toMatchObject({
      canUndo: false,
      canRedo: true,
      entry: { kind: 'undo', refEditId: entry?.id },
    });
    expect(await projectState(t.engine, video)).toEqual(before);

    const redone = await call(t.engine, 'edits.redo', { clientId });
    expect(redone).toMatchObject({
      canUndo: true,
      canRedo: false,
      entry: { kind: 'redo', refEditId: entry?.id },
    });
    expect(await projectState(t.engine, video)).toEqual(after);

    // And once more, back and forth.
    await call(t.engine, 'edits.undo', { clientId });
    expect(await projectState(t.engine, video)).toEqual(before);
    await call(t.engine, 'edits.redo', { clientId });
    expect(await projectState(t.engine, video)).toEqual(after);

    // A taxonomy change, its undo and its redo are each a new version.
    const versionNow = (await call(t.engine, 'taxonomy.get', {})).version;
    expect(versionNow).toBe(kind.startsWith('taxonomy') ? version + 5 : version);
  });
});

describe('undo history', () => {
  const t = useTempEngine();
  let video: Video;
  let person: Actor;

  beforeAll(async () => {
    video = await importClip(t.engine);
    person = await call(t.engine, 'actors.create', { clientId: setup, videoId: video.id });
  });

  async function newSegment(clientId: string, startFrame: number, endFrame: number): Promise<Segment> {
    return call(t.engine, 'segments.create', {
      clientId,
      videoId: video.id,
      actorId: person.id,
      startFrame,
      endFrame,
    });
  }

  async function note(clientId: string, id: string, text: string): Promise<Segment> {
    const s = await segmentOf(t.engine, video, id);
    return call(t.engine, 'segments.update', { clientId, segmentId: s.id, revision: s.revision, note: text });
  }

  it('has nothing to undo or redo for a client that made no edit', async () => {
    expect(await call(t.engine, 'edits.state', { clientId: 'idle' })).toEqual({
      canUndo: false,
      canRedo: false,
      nextUndo: null,
    });
    expect(await call(t.engine, 'edits.undo', { clientId: 'idle' })).toEqual({
      entry: null,
      canUndo: false,
      canRedo: false,
      nextUndo: null,
    });
    expect(await call(t.engine, 'edits.redo', { clientId: 'idle' })).toEqual({
      entry: null,
      canUndo: false,
      canRedo: false,
      nextUndo: null,
    });
  });

  it('keeps one history per client: undo takes back this client’s last edit, not another’s', async () => {
    const s = await newSegment(setup, 0, 10);
    await note('A', s.id, 'by A');
    const other = await newSegment('B', 20, 30);
    expect(await call(t.engine, 'edits.state', { clientId: 'A' })).toMatchObject({
      canUndo: true,
      canRedo: false,
    });

    await call(t.engine, 'edits.undo', { clientId: 'A' });
    expect((await segmentOf(t.engine, video, s.id)).note).toBe('');
    // B's segment is untouched, and B's history is its own.
    expect(stateOfOrNull(await segmentOf(t.engine, video, other.id))).toEqual(stateOfOrNull(other));
    expect(await call(t.engine, 'edits.state', { clientId: 'A' })).toMatchObject({
      canUndo: false,
      canRedo: true,
    });
    expect(await call(t.engine, 'edits.state', { clientId: 'B' })).toMatchObject({
      canUndo: true,
      canRedo: false,
    });

    await call(t.engine, 'edits.undo', { clientId: 'B' });
    expect((await call(t.engine, 'segments.list', { videoId: video.id })).map((x) => x.id)).not.toContain(
      other.id,
    );
    await call(t.engine, 'edits.redo', { clientId: 'A' });
    expect((await segmentOf(t.engine, video, s.id)).note).toBe('by A');
  });

  it('undoes a client’s edits newest first and redoes them oldest first', async () => {
    const s = await newSegment(setup, 40, 50);
    for (const text of ['one', 'two', 'three']) await note('stack', s.id, text);
    const notes: string[] = [];
    for (let i = 0; i < 3; i++) {
      await call(t.engine, 'edits.undo', { clientId: 'stack' });
      notes.push((await segmentOf(t.engine, video, s.id)).note);
    }
    expect(notes).toEqual(['two', 'one', '']);
    const redone: string[] = [];
    for (let i = 0; i < 3; i++) {
      await call(t.engine, 'edits.redo', { clientId: 'stack' });
      redone.push((await segmentOf(t.engine, video, s.id)).note);
    }
    expect(redone).toEqual(['one', 'two', 'three']);
  });

  it('drops what could be redone when the client makes a new edit after an undo', async () => {
    const s = await newSegment(setup, 60, 70);
    await note('fork', s.id, 'first');
    await note('fork', s.id, 'second');
    await call(t.engine, 'edits.undo', { clientId: 'fork' });
    expect(await call(t.engine, 'edits.state', { clientId: 'fork' })).toMatchObject({
      canUndo: true,
      canRedo: true,
    });
    await note('fork', s.id, 'instead');
    expect(await call(t.engine, 'edits.state', { clientId: 'fork' })).toMatchObject({
      canUndo: true,
      canRedo: false,
    });
    expect((await call(t.engine, 'edits.redo', { clientId: 'fork' })).entry).toBeNull();
    expect((await segmentOf(t.engine, video, s.id)).note).toBe('instead');
    // Another client's new edit does not drop this client's redo.
    await call(t.engine, 'edits.undo', { clientId: 'fork' });
    await newSegment('someone-else', 72, 73);
    expect(await call(t.engine, 'edits.state', { clientId: 'fork' })).toMatchObject({
      canUndo: true,
      canRedo: true,
    });
  });

  it('refuses, as a conflict, to undo an edit to a segment another client has changed since, and changes nothing', async () => {
    const s = await newSegment(setup, 80, 90);
    await note('first-client', s.id, 'mine');
    await note('second-client', s.id, 'theirs');
    const segments = await call(t.engine, 'segments.list', { videoId: video.id });
    const log = await call(t.engine, 'edits.list', {});
    const error = await refused(t.engine, 'edits.undo', { clientId: 'first-client' });
    expect(error).toMatchObject({ code: 'conflict', where: s.id });
    expect(error.message).toContain('changed since');
    expect(await call(t.engine, 'segments.list', { videoId: video.id })).toEqual(segments);
    expect(await call(t.engine, 'edits.list', {})).toEqual(log);
    expect(await call(t.engine, 'edits.state', { clientId: 'first-client' })).toMatchObject({
      canUndo: true,
      canRedo: false,
    });
    // Once the other client has undone its change, the first may undo too.
    await call(t.engine, 'edits.undo', { clientId: 'second-client' });
    await call(t.engine, 'edits.undo', { clientId: 'first-client' });
    expect((await segmentOf(t.engine, video, s.id)).note).toBe('');
  });

  it('skips an edit that cannot be undone any more: it stays as it is, and undo goes on with the one before', async () => {
    const earlier = await newSegment('skipper', 200, 210);
    const s = await newSegment(setup, 220, 230);
    await note('skipper', s.id, 'mine');
    await note('colleague', s.id, 'theirs');
    expect((await refused(t.engine, 'edits.undo', { clientId: 'skipper' })).code).toBe('conflict');
    const state = await call(t.engine, 'edits.state', { clientId: 'skipper' });
    expect(state.nextUndo?.summary).toMatch(/note/i);
    const editId = state.nextUndo?.editId ?? 0;

    // Only the edit the caller was told about.
    expect(
      await refused(t.engine, 'edits.skipUndo', { clientId: 'skipper', editId: editId - 1 }),
    ).toMatchObject({ code: 'conflict', where: 'editId' });
    const skipped = await call(t.engine, 'edits.skipUndo', { clientId: 'skipper', editId });
    expect(skipped.skipped.id).toBe(editId);
    expect(skipped.nextUndo?.summary).toMatch(/Add a segment, frames 200–210/);
    expect((await segmentOf(t.engine, video, s.id)).note).toBe('theirs');
    // Still in the audit log.
    expect((await call(t.engine, 'edits.list', { segmentId: s.id })).map((e) => e.id)).toContain(editId);

    await call(t.engine, 'edits.undo', { clientId: 'skipper' });
    const ids = (await call(t.engine, 'segments.list', { videoId: video.id })).map((x) => x.id);
    expect(ids).not.toContain(earlier.id);
    expect(ids).toContain(s.id);
    expect(await call(t.engine, 'edits.state', { clientId: 'skipper' })).toMatchObject({
      canUndo: false,
      nextUndo: null,
    });
  });

  it('refuses, as a conflict, to undo a taxonomy edit another client has changed since', async () => {
    await call(t.engine, 'taxonomy.updateNode', { clientId: 'tax-1', nodeId: 'drink', name: 'Drink water' });
    await call(t.engine, 'taxonomy.updateNode', { clientId: 'tax-2', nodeId: 'drink', example: 'A glass.' });
    const taxonomy = await call(t.engine, 'taxonomy.get', {});
    expect(await refused(t.engine, 'edits.undo', { clientId: 'tax-1' })).toMatchObject({
      code: 'conflict',
      where: 'drink',
    });
    expect(await call(t.engine, 'taxonomy.get', {})).toEqual(taxonomy);
  });

  it('refuses, as a conflict, an undo that would make segments of one person overlap on one level', async () => {
    const s = await newSegment(setup, 100, 150);
    const shortened = await call(t.engine, 'segments.update', {
      clientId: 'shortener',
      segmentId: s.id,
      revision: s.revision,
      endFrame: 110,
    });
    // Someone else fills the frames that were freed.
    const filler = await newSegment('filler', 120, 140);
    const segments = await call(t.engine, 'segments.list', { videoId: video.id });
    const error = await refused(t.engine, 'edits.undo', { clientId: 'shortener' });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('frames 120–140');
    expect(await call(t.engine, 'segments.list', { videoId: video.id })).toEqual(segments);
    expect(await segmentOf(t.engine, video, s.id)).toEqual(shortened);
    await call(t.engine, 'edits.undo', { clientId: 'filler' });
    await call(t.engine, 'edits.undo', { clientId: 'shortener' });
    expect((await segmentOf(t.engine, video, s.id)).endFrame).toBe(150);
    void filler;
  });

  it('refuses, as a conflict, to bring back a removed segment where another now lies on its level', async () => {
    const s = await newSegment(setup, 160, 170);
    await call(t.engine, 'segments.remove', { clientId: 'remover', segmentId: s.id, revision: s.revision });
    await newSegment('taker', 165, 175);
    expect(await refused(t.engine, 'edits.undo', { clientId: 'remover' })).toMatchObject({
      code: 'conflict',
    });
    expect((await call(t.engine, 'segments.list', { videoId: video.id })).map((x) => x.id)).not.toContain(
      s.id,
    );
  });
});

describe('undo of what refers to something removed since', () => {
  const t = useTempEngine();
  let video: Video;

  beforeAll(async () => {
    video = await importClip(t.engine);
  });

  it('refuses, as a conflict, to bring back a segment whose person another client has removed', async () => {
    const person = await call(t.engine, 'actors.create', { clientId: setup, videoId: video.id });
    const s = await call(t.engine, 'segments.create', {
      clientId: setup,
      videoId: video.id,
      actorId: person.id,
      startFrame: 0,
      endFrame: 10,
    });
    await call(t.engine, 'segments.remove', { clientId: 'A', segmentId: s.id, revision: s.revision });
    await call(t.engine, 'actors.remove', { clientId: 'B', actorId: person.id });
    const error = await refused(t.engine, 'edits.undo', { clientId: 'A' });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('the person it refers to has been removed');
    expect(await call(t.engine, 'segments.list', { videoId: video.id })).toEqual([]);
    expect(await call(t.engine, 'actors.list', { videoId: video.id })).toEqual([]);
    // Once the person is back, so can the segment be.
    await call(t.engine, 'edits.undo', { clientId: 'B' });
    await call(t.engine, 'edits.undo', { clientId: 'A' });
    expect((await call(t.engine, 'segments.list', { videoId: video.id })).map((x) => x.id)).toEqual([s.id]);
  });

  it('refuses, as a conflict, to bring back a label on a taxonomy node whose addition was undone', async () => {
    const person = await call(t.engine, 'actors.create', { clientId: setup, videoId: video.id });
    await call(t.engine, 'taxonomy.addNode', {
      clientId: 'adder',
      parentId: 'walking',
      id: 'stroll',
      name: 'Stroll',
    });
    const s = await call(t.engine, 'segments.create', {
      clientId: setup,
      videoId: video.id,
      actorId: person.id,
      startFrame: 20,
      endFrame: 30,
      labelNodeId: 'stroll',
    });
    await call(t.engine, 'segments.update', {
      clientId: 'labeller',
      segmentId: s.id,
      revision: s.revision,
      labelNodeId: null,
    });
    await call(t.engine, 'edits.undo', { clientId: 'adder' });
    expect((await call(t.engine, 'taxonomy.get', {})).nodes.map((n) => n.id)).not.toContain('stroll');
    const error = await refused(t.engine, 'edits.undo', { clientId: 'labeller' });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('taxonomy node');
    expect((await segmentOf(t.engine, video, s.id)).label).toBeNull();
  });
});

function stateOfOrNull(s: Segment | undefined) {
  if (!s) return null;
  const { revision: _r, updatedAt: _u, ...rest } = s;
  return rest;
}

describe('the audit log', () => {
  const t = useTempEngine();
  let video: Video;

  beforeAll(async () => {
    video = await importClip(t.engine);
  });

  it('records who, when, what before and after for every edit, undo and redo; newest first', async () => {
    const actor = await call(t.engine, 'actors.create', { clientId: 'audit', videoId: video.id });
    const s = await call(t.engine, 'segments.create', {
      clientId: 'audit',
      videoId: video.id,
      actorId: actor.id,
      startFrame: 0,
      endFrame: 10,
    });
    const updated = await call(t.engine, 'segments.update', {
      clientId: 'audit',
      segmentId: s.id,
      revision: s.revision,
      note: 'after',
    });
    const undo = await call(t.engine, 'edits.undo', { clientId: 'audit' });
    const redo = await call(t.engine, 'edits.redo', { clientId: 'audit' });
    const log = await call(t.engine, 'edits.list', { videoId: video.id });
    expect(log.map((e) => e.kind)).toEqual([
      'redo',
      'undo',
      'segment.update',
      'segment.create',
      'actor.create',
    ]);
    for (const e of log) {
      expect(e).toMatchObject({ userId: null, clientId: 'audit', videoId: video.id });
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
      expect(e.summary.length).toBeGreaterThan(0);
    }
    const [redoEntry, undoEntry, updateEntry, createEntry] = log;
    expect(redoEntry).toEqual(redo.entry);
    expect(undoEntry).toEqual(undo.entry);
    expect(updateEntry).toMatchObject({ refEditId: null, undone: false });
    expect(undoEntry).toMatchObject({ refEditId: updateEntry?.id, summary: `Undo: ${updateEntry?.summary}` });
    expect(redoEntry).toMatchObject({ refEditId: updateEntry?.id, summary: `Redo: ${updateEntry?.summary}` });
    expect(updateEntry?.changes).toEqual([
      { entity: 'segment', id: s.id, before: { ...s }, after: { ...updated } },
    ]);
    expect(createEntry?.changes).toEqual([{ entity: 'segment', id: s.id, before: null, after: { ...s } }]);
    expect(undoEntry?.changes[0]).toMatchObject({
      entity: 'segment',
      id: s.id,
      before: { note: 'after' },
      after: { note: '' },
    });
    expect(redoEntry?.changes[0]).toMatchObject({ before: { note: '' }, after: { note: 'after' } });
    // An edit that is undone says so.
    await call(t.engine, 'edits.undo', { clientId: 'audit' });
    const [, , , updateNow] = await call(t.engine, 'edits.list', { videoId: video.id });
    expect(updateNow).toMatchObject({ id: updateEntry?.id, undone: true });
  });

  it('lists the history of one segment, undo and redo included, and no other', async () => {
    const actor = await call(t.engine, 'actors.create', { clientId: 'audit-2', videoId: video.id });
    const base = { clientId: 'audit-2', videoId: video.id, actorId: actor.id };
    const s = await call(t.engine, 'segments.create', { ...base, startFrame: 100, endFrame: 110 });
    const other = await call(t.engine, 'segments.create', { ...base, startFrame: 120, endFrame: 130 });
    await call(t.engine, 'segments.update', {
      clientId: 'audit-2',
      segmentId: other.id,
      revision: 1,
      note: 'x',
    });
    await call(t.engine, 'segments.setKeyframe', {
      clientId: 'audit-2',
      segmentId: s.id,
      revision: s.revision,
      keyframe: box(105, 1, 1, 1, 1),
    });
    await call(t.engine, 'edits.undo', { clientId: 'audit-2' });
    await call(t.engine, 'edits.redo', { clientId: 'audit-2' });
    const now = await segmentOf(t.engine, video, s.id);
    await call(t.engine, 'segments.split', {
      clientId: 'audit-2',
      segmentId: s.id,
      revision: now.revision,
      frame: 108,
    });
    const history = await call(t.engine, 'edits.list', { segmentId: s.id });
    expect(history.map((e) => e.kind)).toEqual([
      'segment.split',
      'redo',
      'undo',
      'segment.keyframe',
      'segment.create',
    ]);
    for (const e of history)
      expect(e.changes.some((c) => c.entity === 'segment' && c.id === s.id)).toBe(true);
    expect(await call(t.engine, 'edits.list', { segmentId: s.id, limit: 2 })).toEqual(history.slice(0, 2));
    // The taxonomy's edits belong to no video.
    await call(t.engine, 'taxonomy.updateNode', { clientId: 'audit-2', nodeId: 'eat', example: 'Soup.' });
    const [latest] = await call(t.engine, 'edits.list', {});
    expect(latest).toMatchObject({ kind: 'taxonomy.update', videoId: null });
    expect((await call(t.engine, 'edits.list', { videoId: video.id })).map((e) => e.kind)).not.toContain(
      'taxonomy.update',
    );
  });
});
