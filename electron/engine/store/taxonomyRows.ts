import type { Database } from 'better-sqlite3';
import type { Taxonomy, TaxonomyNode, TaxonomyVersion } from '../../../shared/domain/taxonomy';
import type { TaxonomyDocument } from '../../../shared/taxonomy/document';

interface NodeRow {
  id: string;
  parent_id: string | null;
  name: string;
  definition: string;
  includes: string;
  excludes: string;
  example: string;
  deprecated: number;
  merged_into: string | null;
  sort_order: number;
}

interface MetaRow {
  name: string;
  levels: string;
  mappings: string;
  version: number;
}

function toNode(r: NodeRow): TaxonomyNode {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    definition: r.definition,
    includes: r.includes,
    excludes: r.excludes,
    example: r.example,
    deprecated: r.deprecated === 1,
    mergedInto: r.merged_into,
    order: r.sort_order,
  };
}

export function hasTaxonomy(db: Database): boolean {
  return db.prepare('SELECT 1 FROM taxonomy_meta WHERE id = 1').get() !== undefined;
}

export function listNodes(db: Database): TaxonomyNode[] {
  return (
    db.prepare('SELECT * FROM taxonomy_nodes ORDER BY parent_id, sort_order, name').all() as NodeRow[]
  ).map(toNode);
}

export function getNode(db: Database, id: string): TaxonomyNode | null {
  const r = db.prepare('SELECT * FROM taxonomy_nodes WHERE id = ?').get(id) as NodeRow | undefined;
  return r ? toNode(r) : null;
}

export function writeNode(db: Database, n: TaxonomyNode): void {
  db.prepare(
    `INSERT INTO taxonomy_nodes (id, parent_id, name, definition, includes, excludes, example, deprecated, merged_into, sort_order)
     VALUES (@id, @parentId, @name, @definition, @includes, @excludes, @example, @deprecated, @mergedInto, @order)
     ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name, definition = excluded.definition,
       includes = excluded.includes, excludes = excluded.excludes, example = excluded.example,
       deprecated = excluded.deprecated, merged_into = excluded.merged_into, sort_order = excluded.sort_order`,
  ).run({ ...n, deprecated: n.deprecated ? 1 : 0 });
}

export function deleteNode(db: Database, id: string): void {
  db.prepare('DELETE FROM taxonomy_nodes WHERE id = ?').run(id);
}

export function nodeInUse(db: Database, id: string): boolean {
  return (
    db.prepare('SELECT 1 FROM segments WHERE label_node_id = ? LIMIT 1').get(id) !== undefined ||
    db.prepare('SELECT 1 FROM taxonomy_nodes WHERE parent_id = ? OR merged_into = ? LIMIT 1').get(id, id) !==
      undefined
  );
}

function meta(db: Database): MetaRow {
  const r = db.prepare('SELECT name, levels, mappings, version FROM taxonomy_meta WHERE id = 1').get() as
    MetaRow | undefined;
  return r ?? { name: 'Taxonomy', levels: '[]', mappings: '{}', version: 1 };
}

/** The taxonomy's own fields: its name, the names of its levels, and the mappings of other datasets' labels. */
export interface TaxonomyMeta {
  name: string;
  levels: string[];
  mappings: Record<string, Record<string, string>>;
}

export function getTaxonomyMeta(db: Database): TaxonomyMeta | null {
  if (!hasTaxonomy(db)) return null;
  const m = meta(db);
  return {
    name: m.name,
    levels: JSON.parse(m.levels) as string[],
    mappings: JSON.parse(m.mappings) as Record<string, Record<string, string>>,
  };
}

export function taxonomyVersion(db: Database): number {
  return meta(db).version;
}

export function getTaxonomy(db: Database): Taxonomy {
  const m = meta(db);
  return { version: m.version, name: m.name, levels: JSON.parse(m.levels) as string[], nodes: listNodes(db) };
}

export function setTaxonomyMeta(
  db: Database,
  name: string,
  levels: string[],
  mappings: Record<string, Record<string, string>>,
): void {
  db.prepare(
    `INSERT INTO taxonomy_meta (id, name, levels, mappings, version) VALUES (1, ?, ?, ?, 1)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, levels = excluded.levels, mappings = excluded.mappings`,
  ).run(name, JSON.stringify(levels), JSON.stringify(mappings));
}

/** The taxonomy as a document (the import and export format). */
export function taxonomyDocument(db: Database): TaxonomyDocument {
  const m = meta(db);
  const nodes = listNodes(db);
  // Parents before children, siblings in order, so the document reads as the tree does.
  const children = new Map<string | null, TaxonomyNode[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const ordered: TaxonomyNode[] = [];
  const walk = (parent: string | null) => {
    for (const n of (children.get(parent) ?? []).sort((a, b) => a.order - b.order)) {
      ordered.push(n);
      walk(n.id);
    }
  };
  walk(null);
  return {
    format: 'amelia-taxonomy',
    formatVersion: 1,
    name: m.name,
    levels: JSON.parse(m.levels) as string[],
    version: m.version,
    nodes: ordered.map((n) => ({
      id: n.id,
      parent: n.parentId,
      name: n.name,
      definition: n.definition,
      includes: n.includes,
      excludes: n.excludes,
      example: n.example,
      deprecated: n.deprecated,
      mergedInto: n.mergedInto,
    })),
    mappings: JSON.parse(m.mappings) as Record<string, Record<string, string>>,
  };
}

/** Raises the version and keeps the whole taxonomy as it now is under it. */
export function recordTaxonomyVersion(
  db: Database,
  summary: string,
  userId: string | null,
  at: string,
): number {
  const existing = db.prepare('SELECT max(version) AS v FROM taxonomy_versions').get() as {
    v: number | null;
  };
  const version = (existing.v ?? 0) + 1;
  db.prepare('UPDATE taxonomy_meta SET version = ? WHERE id = 1').run(version);
  const doc = taxonomyDocument(db);
  db.prepare(
    'INSERT INTO taxonomy_versions (version, at, user_id, summary, document) VALUES (?, ?, ?, ?, ?)',
  ).run(version, at, userId, summary, JSON.stringify(doc));
  return version;
}

export function taxonomyHistory(db: Database): TaxonomyVersion[] {
  return (
    db.prepare('SELECT version, at, user_id, summary FROM taxonomy_versions ORDER BY version DESC').all() as {
      version: number;
      at: string;
      user_id: string | null;
      summary: string;
    }[]
  ).map((r) => ({ version: r.version, at: r.at, userId: r.user_id, summary: r.summary }));
}

export function taxonomyDocumentAt(db: Database, version: number): TaxonomyDocument | null {
  const r = db.prepare('SELECT document FROM taxonomy_versions WHERE version = ?').get(version) as
    { document: string } | undefined;
  return r ? (JSON.parse(r.document) as TaxonomyDocument) : null;
}
