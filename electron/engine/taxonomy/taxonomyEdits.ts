import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { TaxonomyNode } from '../../../shared/domain/taxonomy';
import type { TaxonomyDocument } from '../../../shared/taxonomy/document';
import { taxonomyDocumentProblems } from '../../../shared/taxonomy/document';
import { buildTree } from '../../../shared/taxonomy/tree';
import type { EditMeta, EditOutcome } from '../annotation/editLog';
import { applyEdit } from '../annotation/editLog';
import { checkActorHasNoOverlaps, checkOverlapsAfterChange } from '../annotation/rules';
import { getSegment, writeSegment } from '../store/annotationRows';
import {
  getNode,
  getTaxonomyMeta,
  hasTaxonomy,
  listNodes,
  recordTaxonomyVersion,
  setTaxonomyMeta,
  taxonomyVersion,
  writeNode,
} from '../store/taxonomyRows';

export function requireNode(db: Database, id: string, field = 'nodeId'): TaxonomyNode {
  const n = getNode(db, id);
  if (!n) throw new AmeliaError('not_found', `No taxonomy node "${id}".`, field);
  return n;
}

function siblings(db: Database, parentId: string | null): TaxonomyNode[] {
  return listNodes(db)
    .filter((n) => n.parentId === parentId)
    .sort((a, b) => a.order - b.order);
}

function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return s || 'node';
}

function freeId(db: Database, base: string): string {
  let id = base;
  for (let i = 2; getNode(db, id); i++) id = `${base}-${i}`;
  return id;
}

/** Actors with segments labelled at or below a node: their overlap rule must hold after the tree changes. */
function actorsLabelledUnder(db: Database, nodeIds: string[]): string[] {
  if (nodeIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT DISTINCT actor_id FROM segments WHERE label_node_id IN (${nodeIds.map(() => '?').join(',')})`,
    )
    .all(...nodeIds) as { actor_id: string }[];
  return rows.map((r) => r.actor_id);
}

function subtreeIds(nodes: TaxonomyNode[], rootId: string): string[] {
  const tree = buildTree(nodes);
  return nodes.filter((n) => tree.isWithin(n.id, rootId)).map((n) => n.id);
}

/** Loads the default taxonomy into a project that has none (a new project), as version 1. */
export function seedTaxonomy(db: Database, doc: TaxonomyDocument, at: string): void {
  if (hasTaxonomy(db)) return;
  db.transaction(() => {
    setTaxonomyMeta(db, doc.name, doc.levels, doc.mappings);
    writeDocumentNodes(db, doc);
    recordTaxonomyVersion(db, `Default taxonomy: ${doc.name}`, null, at);
  })();
}

function writeDocumentNodes(db: Database, doc: TaxonomyDocument): void {
  const order = new Map<string | null, number>();
  db.pragma('defer_foreign_keys = ON');
  for (const n of doc.nodes) {
    const existing = getNode(db, n.id);
    const position = order.get(n.parent) ?? 0;
    order.set(n.parent, position + 1);
    writeNode(db, {
      id: n.id,
      parentId: n.parent,
      name: n.name,
      definition: n.definition,
      includes: n.includes,
      excludes: n.excludes,
      example: n.example,
      deprecated: n.deprecated,
      mergedInto: n.mergedInto,
      order: existing && existing.parentId === n.parent ? Math.min(existing.order, position) : position,
    });
  }
}

export function addNode(
  db: Database,
  meta: EditMeta,
  input: {
    parentId: string | null;
    id?: string | undefined;
    name: string;
    definition: string;
    includes: string;
    excludes: string;
    example: string;
  },
): EditOutcome<TaxonomyNode> {
  if (input.parentId !== null) requireNode(db, input.parentId, 'parentId');
  if (input.id && getNode(db, input.id))
    throw new AmeliaError('conflict', `A node "${input.id}" exists already.`, 'id');
  const id = input.id ?? freeId(db, slug(input.name));
  const node: TaxonomyNode = {
    id,
    parentId: input.parentId,
    name: input.name.trim(),
    definition: input.definition,
    includes: input.includes,
    excludes: input.excludes,
    example: input.example,
    deprecated: false,
    mergedInto: null,
    order: siblings(db, input.parentId).length,
  };
  return applyEdit(db, meta, 'taxonomy.add', `Add "${node.name}" to the taxonomy`, null, (t) => {
    t.touch('taxonomyNode', id);
    writeNode(db, node);
    return node;
  });
}

export function updateNode(
  db: Database,
  meta: EditMeta,
  nodeId: string,
  patch: Partial<Pick<TaxonomyNode, 'name' | 'definition' | 'includes' | 'excludes' | 'example'>>,
): EditOutcome<TaxonomyNode> {
  const node = requireNode(db, nodeId);
  const next: TaxonomyNode = {
    ...node,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  const renamed = patch.name !== undefined && patch.name !== node.name;
  const summary = renamed ? `Rename "${node.name}" to "${next.name}"` : `Edit "${node.name}"`;
  return applyEdit(db, meta, 'taxonomy.update', summary, null, (t) => {
    t.touch('taxonomyNode', nodeId);
    writeNode(db, next);
    return next;
  });
}

export function moveNode(
  db: Database,
  meta: EditMeta,
  nodeId: string,
  parentId: string | null,
  index?: number,
): EditOutcome<TaxonomyNode> {
  const node = requireNode(db, nodeId);
  if (parentId !== null) {
    requireNode(db, parentId, 'parentId');
    if (buildTree(listNodes(db)).isWithin(parentId, nodeId)) {
      throw new AmeliaError('invalid_request', `"${node.name}" cannot move below itself.`, 'parentId');
    }
  }
  const newParent = parentId === null ? 'the top level' : `"${requireNode(db, parentId).name}"`;
  return applyEdit(db, meta, 'taxonomy.move', `Move "${node.name}" to ${newParent}`, null, (t) => {
    const others = siblings(db, parentId).filter((n) => n.id !== nodeId);
    const at = Math.min(index ?? others.length, others.length);
    others.splice(at, 0, { ...node, parentId });
    others.forEach((n, i) => {
      if (n.order !== i || n.id === nodeId) {
        t.touch('taxonomyNode', n.id);
        writeNode(db, { ...n, order: i });
      }
    });
    // Close the gap the node left among its old siblings.
    if (node.parentId !== parentId) {
      siblings(db, node.parentId).forEach((n, i) => {
        if (n.order !== i) {
          t.touch('taxonomyNode', n.id);
          writeNode(db, { ...n, order: i });
        }
      });
    }
    // Moving changes levels: the overlap rule must still hold for everyone labelled below the node.
    const nodes = listNodes(db);
    const tree = buildTree(nodes);
    for (const actorId of actorsLabelledUnder(db, subtreeIds(nodes, nodeId)))
      checkActorHasNoOverlaps(db, actorId, tree);
    return getNode(db, nodeId) as TaxonomyNode;
  });
}

export function deprecateNode(
  db: Database,
  meta: EditMeta,
  nodeId: string,
  deprecated: boolean,
): EditOutcome<TaxonomyNode> {
  const node = requireNode(db, nodeId);
  const summary = deprecated ? `Deprecate "${node.name}"` : `Restore "${node.name}"`;
  return applyEdit(db, meta, 'taxonomy.deprecate', summary, null, (t) => {
    t.touch('taxonomyNode', nodeId);
    const next = { ...node, deprecated, mergedInto: deprecated ? node.mergedInto : null };
    writeNode(db, next);
    return next;
  });
}

/** Merges `sourceId` into `targetId`: labels and children follow to the target; the source stays, deprecated. */
export function mergeNodes(
  db: Database,
  meta: EditMeta,
  sourceId: string,
  targetId: string,
): EditOutcome<TaxonomyNode> {
  const source = requireNode(db, sourceId, 'sourceId');
  const target = requireNode(db, targetId, 'targetId');
  if (sourceId === targetId)
    throw new AmeliaError('invalid_request', 'A node cannot be merged into itself.', 'targetId');
  if (target.deprecated)
    throw new AmeliaError(
      'invalid_request',
      `"${target.name}" is deprecated; merge into a current node.`,
      'targetId',
    );
  const tree = buildTree(listNodes(db));
  if (tree.isWithin(targetId, sourceId)) {
    throw new AmeliaError(
      'invalid_request',
      `"${target.name}" is below "${source.name}": merge it the other way round.`,
      'targetId',
    );
  }
  return applyEdit(db, meta, 'taxonomy.merge', `Merge "${source.name}" into "${target.name}"`, null, (t) => {
    const version = taxonomyVersion(db) + 1;
    const labelled = db.prepare('SELECT id FROM segments WHERE label_node_id = ?').all(sourceId) as {
      id: string;
    }[];
    for (const { id } of labelled) {
      t.touch('segment', id);
      const s = getSegment(db, id);
      if (!s || !s.label) continue;
      writeSegment(db, {
        ...s,
        label: { ...s.label, nodeId: targetId, taxonomyVersion: version },
        revision: s.revision + 1,
        updatedAt: meta.at,
      });
    }
    const children = siblings(db, sourceId);
    const base = siblings(db, targetId).length;
    children.forEach((c, i) => {
      t.touch('taxonomyNode', c.id);
      writeNode(db, { ...c, parentId: targetId, order: base + i });
    });
    t.touch('taxonomyNode', sourceId);
    writeNode(db, { ...source, deprecated: true, mergedInto: targetId });
    const nodes = listNodes(db);
    const after = buildTree(nodes);
    const affected = new Set([...actorsLabelledUnder(db, subtreeIds(nodes, targetId))]);
    for (const actorId of affected) checkActorHasNoOverlaps(db, actorId, after);
    return getNode(db, targetId) as TaxonomyNode;
  });
}

/**
 * The document's problems as a tree once imported: its nodes, then the project's nodes it does not name (so
 * parents, merge targets and mappings may name those, and a loop through them is found). Problems are
 * reported for the document's own nodes and mappings, at their places in the document.
 */
function importProblems(existing: readonly TaxonomyNode[], doc: TaxonomyDocument): string[] {
  const named = new Set(doc.nodes.map((n) => n.id));
  const kept = existing
    .filter((n) => !named.has(n.id))
    .map((n) => ({
      id: n.id,
      parent: n.parentId,
      name: n.name,
      definition: n.definition,
      includes: n.includes,
      excludes: n.excludes,
      example: n.example,
      deprecated: n.deprecated,
      mergedInto: n.mergedInto,
    }));
  const problems = taxonomyDocumentProblems({ ...doc, nodes: [...doc.nodes, ...kept] });
  return problems.filter((p) => {
    const m = /^nodes\[(\d+)\]/.exec(p);
    return m === null || Number(m[1]) < doc.nodes.length;
  });
}

/** The project's mappings with the document's added and put over them, label by label. */
function mergedMappings(
  current: Record<string, Record<string, string>>,
  incoming: Record<string, Record<string, string>>,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = { ...current };
  for (const [source, map] of Object.entries(incoming)) out[source] = { ...(current[source] ?? {}), ...map };
  return out;
}

/**
 * Adds and updates the document's nodes (by id), and takes its name, level names and mappings (adding to the
 * project's). Nodes it leaves out stay: deprecate them to retire them.
 */
export function importTaxonomy(db: Database, meta: EditMeta, doc: TaxonomyDocument): EditOutcome<number> {
  const problems = importProblems(listNodes(db), doc);
  if (problems.length > 0) {
    throw new AmeliaError(
      'invalid_request',
      `The taxonomy cannot be imported: ${problems.slice(0, 5).join('; ')}.`,
      'document',
    );
  }
  return applyEdit(db, meta, 'taxonomy.import', `Import the taxonomy "${doc.name}"`, null, (t) => {
    t.touch('taxonomy', 'taxonomy');
    for (const n of doc.nodes) t.touch('taxonomyNode', n.id);
    const current = getTaxonomyMeta(db);
    setTaxonomyMeta(db, doc.name, doc.levels, mergedMappings(current?.mappings ?? {}, doc.mappings));
    writeDocumentNodes(db, doc);
    // Levels change below every node the document moved: the overlap rule must still hold there.
    checkOverlapsAfterChange(
      db,
      [],
      doc.nodes.map((n) => n.id),
    );
    return doc.nodes.length;
  });
}
