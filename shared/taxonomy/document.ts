import { z } from 'zod';
import { idSchema } from '../domain/ids';

/** A taxonomy file (import and export): `resources/taxonomy/assisted-living.json` is one. */
export const taxonomyDocumentSchema = z.object({
  format: z.literal('amelia-taxonomy'),
  formatVersion: z.literal(1),
  name: z.string().min(1).max(200),
  description: z.string().optional(),
  levels: z.array(z.string().min(1).max(100)).max(12),
  version: z.number().int().positive().optional(),
  nodes: z
    .array(
      z.object({
        id: idSchema,
        parent: idSchema.nullable(),
        name: z.string().min(1).max(200),
        definition: z.string().max(10_000).default(''),
        includes: z.string().max(10_000).default(''),
        excludes: z.string().max(10_000).default(''),
        example: z.string().max(10_000).default(''),
        deprecated: z.boolean().default(false),
        mergedInto: idSchema.nullable().default(null),
      }),
    )
    .min(1)
    .max(10_000),
  /** Labels of other datasets and the node each maps to (e.g. `upfall`: activity number → node id). */
  mappings: z.record(z.string(), z.record(z.string(), idSchema)).default({}),
});
export type TaxonomyDocument = z.infer<typeof taxonomyDocumentSchema>;
export type TaxonomyDocumentInput = z.input<typeof taxonomyDocumentSchema>;

/** Problems that make a document unusable as a tree: unknown parents, cycles, duplicate ids. */
export function taxonomyDocumentProblems(doc: TaxonomyDocument): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const [i, n] of doc.nodes.entries()) {
    if (ids.has(n.id)) problems.push(`nodes[${i}]: the id "${n.id}" is used twice`);
    ids.add(n.id);
  }
  const parent = new Map(doc.nodes.map((n) => [n.id, n.parent]));
  for (const [i, n] of doc.nodes.entries()) {
    if (n.parent !== null && !ids.has(n.parent))
      problems.push(`nodes[${i}] ("${n.id}"): no node "${n.parent}" to be its parent`);
    if (n.mergedInto !== null && !ids.has(n.mergedInto))
      problems.push(`nodes[${i}] ("${n.id}"): merged into an unknown node "${n.mergedInto}"`);
    const seen = new Set<string>([n.id]);
    let cur = n.parent;
    while (cur !== null && cur !== undefined) {
      if (seen.has(cur)) {
        problems.push(`nodes[${i}] ("${n.id}"): its parents form a cycle`);
        break;
      }
      seen.add(cur);
      cur = parent.get(cur) ?? null;
    }
  }
  for (const [source, map] of Object.entries(doc.mappings)) {
    for (const [label, id] of Object.entries(map)) {
      if (!ids.has(id)) problems.push(`mappings.${source}.${label}: no node "${id}"`);
    }
  }
  return problems;
}
