import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Segment } from '../../../../shared/domain/annotation';
import type { Taxonomy } from '../../../../shared/domain/taxonomy';
import type { Video } from '../../../../shared/domain/video';
import type { TaxonomyDocumentInput } from '../../../../shared/taxonomy/document';
import { taxonomyDocumentSchema } from '../../../../shared/taxonomy/document';
import { buildTree } from '../../../../shared/taxonomy/tree';
import type { Engine } from '../../../../electron/engine/engine';
import { call, importClip, refused } from '../../../support/annotation';
import { useTempEngine } from '../../../support/tempEngine';

const clientId = 'taxonomy-test';
const DEFAULT = taxonomyDocumentSchema.parse(
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../../../resources/taxonomy/assisted-living.json'), 'utf8'),
  ),
);

function nodeOf(taxonomy: Taxonomy, id: string) {
  const n = taxonomy.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}

function levelOf(taxonomy: Taxonomy, id: string): number {
  return buildTree(taxonomy.nodes).levelOf(id);
}

async function segmentsOf(engine: Engine, video: Video, actor: Actor): Promise<Segment[]> {
  return (await call(engine, 'segments.list', { videoId: video.id })).filter((s) => s.actorId === actor.id);
}

describe('the taxonomy of a new project', () => {
  const t = useTempEngine();

  it('is the default taxonomy, as version 1', async () => {
    const taxonomy = await call(t.engine, 'taxonomy.get', {});
    expect(taxonomy.version).toBe(1);
    expect(taxonomy.name).toBe(DEFAULT.name);
    expect(taxonomy.levels).toEqual(DEFAULT.levels);
    expect(taxonomy.nodes.map((n) => n.id).sort()).toEqual(DEFAULT.nodes.map((n) => n.id).sort());
    const history = await call(t.engine, 'taxonomy.history', {});
    expect(history).toEqual([
      { version: 1, at: expect.any(String), userId: null, summary: expect.any(String) },
    ]);
    const exported = await call(t.engine, 'taxonomy.export', {});
    expect(exported).toMatchObject({ format: 'amelia-taxonomy', version: 1, mappings: DEFAULT.mappings });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...exported.nodes].sort(byId)).toEqual([...DEFAULT.nodes].sort(byId));
    // Parents before children, siblings in the default's order.
    const seen = new Set<string>();
    for (const n of exported.nodes) {
      if (n.parent !== null) expect(seen.has(n.parent), n.id).toBe(true);
      seen.add(n.id);
    }
    for (const parent of [null, 'fall', 'locomotion']) {
      expect(exported.nodes.filter((n) => n.parent === parent).map((n) => n.id)).toEqual(
        DEFAULT.nodes.filter((n) => n.parent === parent).map((n) => n.id),
      );
    }
  });
});

describe('taxonomy versions', () => {
  const t = useTempEngine();

  it('raises the version with every change and lists each in the history, newest first', async () => {
    const v1 = (await call(t.engine, 'taxonomy.get', {})).version;
    const changes = [
      () =>
        call(t.engine, 'taxonomy.addNode', { clientId, parentId: 'walking', id: 'shuffle', name: 'Shuffle' }),
      () => call(t.engine, 'taxonomy.updateNode', { clientId, nodeId: 'shuffle', name: 'Shuffle along' }),
      () => call(t.engine, 'taxonomy.moveNode', { clientId, nodeId: 'shuffle', parentId: 'stumbling' }),
      () => call(t.engine, 'taxonomy.deprecateNode', { clientId, nodeId: 'shuffle', deprecated: true }),
      () => call(t.engine, 'taxonomy.mergeNodes', { clientId, sourceId: 'stairs', targetId: 'walking' }),
    ];
    let version = v1;
    for (const change of changes) {
      const taxonomy = await change();
      expect(taxonomy.version).toBe(version + 1);
      version = taxonomy.version;
    }
    const history = await call(t.engine, 'taxonomy.history', {});
    expect(history.map((h) => h.version)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(history[0]?.summary).toBe('Merge "Stairs" into "Walking"');
    expect(history[3]?.summary).toBe('Rename "Shuffle" to "Shuffle along"');
    for (const h of history) expect(h.userId).toBeNull();
  });

  it('exports the taxonomy as it was at each version', async () => {
    const v1 = await call(t.engine, 'taxonomy.export', { version: 1 });
    expect(v1.version).toBe(1);
    expect(v1.nodes.map((n) => n.id)).not.toContain('shuffle');
    expect(v1.nodes.find((n) => n.id === 'stairs')).toMatchObject({ deprecated: false, mergedInto: null });
    const v2 = await call(t.engine, 'taxonomy.export', { version: 2 });
    expect(v2.nodes.find((n) => n.id === 'shuffle')).toMatchObject({ name: 'Shuffle', parent: 'walking' });
    const v3 = await call(t.engine, 'taxonomy.export', { version: 3 });
    expect(v3.nodes.find((n) => n.id === 'shuffle')).toMatchObject({
      name: 'Shuffle along',
      parent: 'walking',
    });
    const v4 = await call(t.engine, 'taxonomy.export', { version: 4 });
    expect(v4.nodes.find((n) => n.id === 'shuffle')).toMatchObject({
      parent: 'stumbling',
      deprecated: false,
    });
    const now = await call(t.engine, 'taxonomy.export', {});
    expect(now.version).toBe(6);
    expect(now.nodes.find((n) => n.id === 'stairs')).toMatchObject({
      deprecated: true,
      mergedInto: 'walking',
    });
    expect(now).toEqual(await call(t.engine, 'taxonomy.export', { version: 6 }));
    // Every exported version is a valid document.
    for (const doc of [v1, v2, v3, v4, now]) expect(taxonomyDocumentSchema.safeParse(doc).success).toBe(true);
    expect(await refused(t.engine, 'taxonomy.export', { version: 99 })).toMatchObject({
      code: 'not_found',
      where: 'version',
    });
  });

  it('does not raise the version for a change that changes nothing, nor for a refused one', async () => {
    const before = await call(t.engine, 'taxonomy.get', {});
    const same = await call(t.engine, 'taxonomy.updateNode', { clientId, nodeId: 'walk', name: 'Walk' });
    expect(same.version).toBe(before.version);
    await refused(t.engine, 'taxonomy.moveNode', { clientId, nodeId: 'fall', parentId: 'fall-forward' });
    await refused(t.engine, 'taxonomy.addNode', { clientId, parentId: 'no-such-node', name: 'X' });
    expect(await call(t.engine, 'taxonomy.get', {})).toEqual(before);
    expect((await call(t.engine, 'taxonomy.history', {}))[0]?.version).toBe(before.version);
  });
});

describe('taxonomy edits and the labels that use them', () => {
  const t = useTempEngine();
  let video: Video;

  beforeAll(async () => {
    video = await importClip(t.engine);
  });

  async function actor(): Promise<Actor> {
    return call(t.engine, 'actors.create', { clientId, videoId: video.id });
  }

  async function labelled(a: Actor, startFrame: number, endFrame: number, labelNodeId: string | null) {
    return call(t.engine, 'segments.create', {
      clientId,
      videoId: video.id,
      actorId: a.id,
      startFrame,
      endFrame,
      labelNodeId,
    });
  }

  it('adds a node with an id made from its name, at the end of its siblings', async () => {
    const taxonomy = await call(t.engine, 'taxonomy.addNode', {
      clientId,
      parentId: 'eating',
      name: 'Eat with help',
      definition: 'Fed by someone.',
    });
    const node = nodeOf(taxonomy, 'eat-with-help');
    expect(node).toMatchObject({ parentId: 'eating', name: 'Eat with help', definition: 'Fed by someone.' });
    expect(node.order).toBe(
      Math.max(...taxonomy.nodes.filter((n) => n.parentId === 'eating').map((n) => n.order)),
    );
    const again = await call(t.engine, 'taxonomy.addNode', {
      clientId,
      parentId: 'eating',
      name: 'Eat with help',
    });
    expect(again.nodes.map((n) => n.id)).toContain('eat-with-help-2');
    expect(
      await refused(t.engine, 'taxonomy.addNode', { clientId, parentId: null, id: 'fall', name: 'F' }),
    ).toMatchObject({ code: 'conflict', where: 'id' });
  });

  it('keeps labels on a renamed node: same node id, the new name', async () => {
    const a = await actor();
    const s = await labelled(a, 0, 10, 'drink');
    const taxonomy = await call(t.engine, 'taxonomy.updateNode', {
      clientId,
      nodeId: 'drink',
      name: 'Sip a drink',
    });
    const [after] = await segmentsOf(t.engine, video, a);
    expect(after?.label).toEqual(s.label);
    expect(nodeOf(taxonomy, after?.label?.nodeId ?? '').name).toBe('Sip a drink');
    // The label still says which version it was made with, where the old name can be read.
    const then = await call(t.engine, 'taxonomy.export', { version: s.label?.taxonomyVersion ?? 0 });
    expect(then.nodes.find((n) => n.id === 'drink')?.name).toBe('Drink');
  });

  it('moves a node with what is below it, changing their levels', async () => {
    const before = await call(t.engine, 'taxonomy.get', {});
    expect([levelOf(before, 'walking-with-aid'), levelOf(before, 'walk-with-cane')]).toEqual([2, 3]);
    const moved = await call(t.engine, 'taxonomy.moveNode', {
      clientId,
      nodeId: 'walking-with-aid',
      parentId: null,
    });
    expect([levelOf(moved, 'walking-with-aid'), levelOf(moved, 'walk-with-cane')]).toEqual([1, 2]);
    expect(nodeOf(moved, 'walking-with-aid').parentId).toBeNull();
    // Siblings keep orders 0…n-1 on both sides.
    for (const parent of [null, 'locomotion']) {
      const orders = moved.nodes
        .filter((n) => n.parentId === parent)
        .map((n) => n.order)
        .sort((x, y) => x - y);
      expect(orders).toEqual(orders.map((_, i) => i));
    }
    const back = await call(t.engine, 'taxonomy.moveNode', {
      clientId,
      nodeId: 'walking-with-aid',
      parentId: 'locomotion',
      index: 1,
    });
    expect(nodeOf(back, 'walking-with-aid')).toMatchObject({ parentId: 'locomotion', order: 1 });
  });

  it('refuses a move below itself', async () => {
    expect(
      await refused(t.engine, 'taxonomy.moveNode', {
        clientId,
        nodeId: 'fall',
        parentId: 'fall-forward-hands',
      }),
    ).toMatchObject({ code: 'invalid_request', where: 'parentId' });
  });

  it('refuses a move that would make one person’s segments overlap on one level, and changes nothing', async () => {
    const a = await actor();
    await labelled(a, 100, 150, 'fall-forward');
    const walking = await labelled(a, 120, 130, 'walk');
    const before = await call(t.engine, 'taxonomy.get', {});
    // "walk" would become an activity (level 2), as "fall-forward" is.
    const error = await refused(t.engine, 'taxonomy.moveNode', {
      clientId,
      nodeId: 'walk',
      parentId: 'locomotion',
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/frames (100–150|120–130)/);
    expect(await call(t.engine, 'taxonomy.get', {})).toEqual(before);
    // Moving the node's parent instead changes its level too, and is refused as well.
    expect(
      await refused(t.engine, 'taxonomy.moveNode', { clientId, nodeId: 'walking', parentId: null }),
    ).toMatchObject({ code: 'conflict' });
    expect(await call(t.engine, 'taxonomy.get', {})).toEqual(before);
    expect((await segmentsOf(t.engine, video, a)).find((s) => s.id === walking.id)?.label?.nodeId).toBe(
      'walk',
    );
  });

  it('merges a node into another: labels go to the target, children follow, the source stays deprecated', async () => {
    const a = await actor();
    const b = await actor();
    const sa = await labelled(a, 200, 210, 'hygiene');
    const sb = await labelled(b, 200, 210, 'wash');
    const children = (await call(t.engine, 'taxonomy.get', {})).nodes.filter((n) => n.parentId === 'hygiene');
    expect(children.map((n) => n.id)).toEqual(['wash']);

    const merged = await call(t.engine, 'taxonomy.mergeNodes', {
      clientId,
      sourceId: 'hygiene',
      targetId: 'dressing',
    });
    expect(nodeOf(merged, 'hygiene')).toMatchObject({ deprecated: true, mergedInto: 'dressing' });
    expect(nodeOf(merged, 'wash').parentId).toBe('dressing');
    const [afterA] = await segmentsOf(t.engine, video, a);
    expect(afterA?.label).toMatchObject({ nodeId: 'dressing', taxonomyVersion: merged.version });
    expect(afterA?.revision).toBe(sa.revision + 1);
    const [afterB] = await segmentsOf(t.engine, video, b);
    expect(afterB?.label).toEqual(sb.label);
    // The merged node takes no new labels and says where they go.
    const error = await refused(t.engine, 'segments.create', {
      clientId,
      videoId: video.id,
      actorId: a.id,
      startFrame: 220,
      endFrame: 230,
      labelNodeId: 'hygiene',
    });
    expect(error.message).toContain('"Dressing"');
  });

  it('refuses merging into itself, into a node below it, and into a deprecated node', async () => {
    const cases = [
      [{ sourceId: 'eat', targetId: 'eat' }, 'targetId'],
      [{ sourceId: 'eating', targetId: 'eat' }, 'targetId'],
      [{ sourceId: 'eat', targetId: 'hygiene' }, 'targetId'],
    ] as const;
    for (const [request, where] of cases) {
      expect(await refused(t.engine, 'taxonomy.mergeNodes', { clientId, ...request })).toMatchObject({
        code: 'invalid_request',
        where,
      });
    }
  });

  it('refuses a merge after which one person’s segments would overlap on one level', async () => {
    const a = await actor();
    await labelled(a, 240, 250, 'using-phone');
    await labelled(a, 245, 255, 'cook');
    const before = await call(t.engine, 'taxonomy.get', {});
    // "using-phone" (level 2) merged into "clean" (level 3) puts its label on the level of "cook".
    expect(
      await refused(t.engine, 'taxonomy.mergeNodes', {
        clientId,
        sourceId: 'using-phone',
        targetId: 'clean',
      }),
    ).toMatchObject({ code: 'conflict' });
    expect(await call(t.engine, 'taxonomy.get', {})).toEqual(before);
  });
});

describe('taxonomy import', () => {
  const t = useTempEngine();
  let video: Video;

  beforeAll(async () => {
    video = await importClip(t.engine);
  });

  function doc(
    nodes: TaxonomyDocumentInput['nodes'],
    more: Partial<TaxonomyDocumentInput> = {},
  ): TaxonomyDocumentInput {
    return {
      format: 'amelia-taxonomy',
      formatVersion: 1,
      name: 'Site taxonomy',
      levels: DEFAULT.levels,
      nodes,
      ...more,
    };
  }

  it('adds new nodes and updates those it names, keeping the nodes it does not name', async () => {
    const before = await call(t.engine, 'taxonomy.get', {});
    const taxonomy = await call(t.engine, 'taxonomy.import', {
      clientId,
      document: doc([
        { id: 'night', parent: null, name: 'Night-time', definition: 'At night.' },
        { id: 'wander', parent: 'night', name: 'Wander at night' },
        { id: 'walk', parent: 'walking', name: 'Walk (imported)', definition: 'New definition.' },
        { id: 'toilet', parent: 'hygiene', name: 'Use the toilet' },
      ]),
    });
    expect(taxonomy.version).toBe(before.version + 1);
    expect(taxonomy.nodes).toHaveLength(before.nodes.length + 3);
    expect(nodeOf(taxonomy, 'night')).toMatchObject({ parentId: null, definition: 'At night.' });
    expect(nodeOf(taxonomy, 'wander').parentId).toBe('night');
    expect(nodeOf(taxonomy, 'walk')).toMatchObject({
      name: 'Walk (imported)',
      definition: 'New definition.',
    });
    expect(nodeOf(taxonomy, 'toilet').parentId).toBe('hygiene');
    for (const n of before.nodes.filter((x) => x.id !== 'walk')) expect(nodeOf(taxonomy, n.id)).toEqual(n);
    // The mappings it does not name are kept.
    expect((await call(t.engine, 'taxonomy.export', {})).mappings.upfall).toEqual(DEFAULT.mappings.upfall);
  });

  it('imports a document it exported, changing nothing but the version', async () => {
    const before = await call(t.engine, 'taxonomy.get', {});
    const exported = await call(t.engine, 'taxonomy.export', {});
    const after = await call(t.engine, 'taxonomy.import', { clientId, document: exported });
    expect(after.nodes).toEqual(before.nodes);
    expect(after.levels).toEqual(before.levels);
  });

  it('refuses a malformed document, saying where the problem is, and changes nothing', async () => {
    const before = await call(t.engine, 'taxonomy.get', {});
    const nodes = [
      { id: 'a1', parent: null, name: 'A1' },
      { id: 'a2', parent: 'a1', name: 'A2' },
      { id: 'a3', parent: 'a1', name: 'A3' },
    ];
    const nameless = await t.engine.call('taxonomy.import', {
      clientId,
      document: doc([...nodes, { id: 'a4', parent: 'a1', name: '' }]),
    });
    expect(nameless).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', where: 'document.nodes.3.name' },
    });
    const badId = await t.engine.call('taxonomy.import', {
      clientId,
      document: doc([...nodes, { id: 'a 4', parent: 'a1', name: 'A4' }]),
    });
    expect(badId).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', where: 'document.nodes.3.id' },
    });

    const orphan = await refused(t.engine, 'taxonomy.import', {
      clientId,
      document: doc([...nodes, { id: 'a4', parent: 'nowhere', name: 'A4' }]),
    });
    expect(orphan).toMatchObject({ code: 'invalid_request', where: 'document' });
    expect(orphan.message).toContain('nodes[3] ("a4")');
    expect(orphan.message).toContain('"nowhere"');

    const cycle = await refused(t.engine, 'taxonomy.import', {
      clientId,
      document: doc([
        { id: 'c1', parent: 'c2', name: 'C1' },
        { id: 'c2', parent: 'c1', name: 'C2' },
      ]),
    });
    expect(cycle.message).toContain('nodes[0] ("c1"): its parents form a cycle');

    const twice = await refused(t.engine, 'taxonomy.import', {
      clientId,
      document: doc([...nodes, { id: 'a2', parent: 'a1', name: 'A2 again' }]),
    });
    expect(twice.message).toContain('nodes[3]: the id "a2" is used twice');

    const mapping = await refused(t.engine, 'taxonomy.import', {
      clientId,
      document: doc(nodes, { mappings: { upfall: { '12': 'no-such-node' } } }),
    });
    expect(mapping.message).toContain('mappings.upfall.12');
    expect(await call(t.engine, 'taxonomy.get', {})).toEqual(before);
  });

  it('refuses a document whose parents would make a cycle with the project’s nodes', async () => {
    const before = await call(t.engine, 'taxonomy.get', {});
    // "fall-forward-hands" lies below "fall": making it the parent of "fall" closes a loop.
    const error = await refused(t.engine, 'taxonomy.import', {
      clientId,
      document: doc([{ id: 'fall', parent: 'fall-forward-hands', name: 'Fall' }]),
    });
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('cycle');
    expect(await call(t.engine, 'taxonomy.get', {})).toEqual(before);
  });

  it('refuses a document that would make one person’s segments overlap on one level', async () => {
    const a = await call(t.engine, 'actors.create', { clientId, videoId: video.id });
    const base = { clientId, videoId: video.id, actorId: a.id };
    await call(t.engine, 'segments.create', {
      ...base,
      startFrame: 0,
      endFrame: 50,
      labelNodeId: 'fall-forward',
    });
    await call(t.engine, 'segments.create', { ...base, startFrame: 10, endFrame: 20, labelNodeId: 'walk' });
    const before = await call(t.engine, 'taxonomy.get', {});
    // Making "walking" a root makes "walk", below it and labelled, an activity as "fall-forward" is.
    const error = await refused(t.engine, 'taxonomy.import', {
      clientId,
      document: doc([{ id: 'walking', parent: null, name: 'Walking' }]),
    });
    expect(error.code).toBe('conflict');
    expect(await call(t.engine, 'taxonomy.get', {})).toEqual(before);
  });

  it('may name, as parents, merge targets and mappings, nodes the project has and the document does not', async () => {
    const taxonomy = await call(t.engine, 'taxonomy.import', {
      clientId,
      document: doc(
        [
          { id: 'tumble', parent: 'fall-forward', name: 'Tumble' },
          {
            id: 'old-tumble',
            parent: 'fall',
            name: 'Old tumble',
            deprecated: true,
            mergedInto: 'fall-forward',
          },
        ],
        { mappings: { upfall: { '1': 'tumble' }, ntu: { A043: 'fall' } } },
      ),
    });
    expect(nodeOf(taxonomy, 'tumble').parentId).toBe('fall-forward');
    expect(nodeOf(taxonomy, 'old-tumble')).toMatchObject({ deprecated: true, mergedInto: 'fall-forward' });
    const { mappings } = await call(t.engine, 'taxonomy.export', {});
    expect(mappings.ntu).toEqual({ A043: 'fall' });
    expect(mappings.upfall).toEqual({ ...DEFAULT.mappings.upfall, '1': 'tumble' });
  });
});
