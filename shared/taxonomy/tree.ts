import type { TaxonomyNode } from '../domain/taxonomy';

/** A taxonomy's nodes indexed for the questions the app asks of it. */
export interface TaxonomyTree {
  nodes: ReadonlyMap<string, TaxonomyNode>;
  /** Children of a node (roots under `null`), in their order. */
  childrenOf(parentId: string | null): TaxonomyNode[];
  /** 1 for a root (situation), 2 for its children, and so on. */
  levelOf(id: string): number;
  /** The node and its ancestors, root first. */
  pathOf(id: string): TaxonomyNode[];
  /** The node's ancestor at `level` (the node itself at its own level); null above the root. */
  ancestorAtLevel(id: string, level: number): TaxonomyNode | null;
  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean;
  maxLevel: number;
}

export function buildTree(list: readonly TaxonomyNode[]): TaxonomyTree {
  const nodes = new Map(list.map((n) => [n.id, n]));
  const children = new Map<string | null, TaxonomyNode[]>();
  for (const n of list) {
    const key = n.parentId !== null && nodes.has(n.parentId) ? n.parentId : null;
    const arr = children.get(key) ?? [];
    arr.push(n);
    children.set(key, arr);
  }
  for (const arr of children.values()) arr.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const pathCache = new Map<string, TaxonomyNode[]>();
  const pathOf = (id: string): TaxonomyNode[] => {
    const cached = pathCache.get(id);
    if (cached) return cached;
    const out: TaxonomyNode[] = [];
    const seen = new Set<string>();
    let cur = nodes.get(id);
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      out.unshift(cur);
      cur = cur.parentId !== null ? nodes.get(cur.parentId) : undefined;
    }
    pathCache.set(id, out);
    return out;
  };
  let maxLevel = 0;
  for (const n of list) maxLevel = Math.max(maxLevel, pathOf(n.id).length);
  return {
    nodes,
    childrenOf: (parentId) => children.get(parentId) ?? [],
    levelOf: (id) => pathOf(id).length,
    pathOf,
    ancestorAtLevel: (id, level) => pathOf(id)[level - 1] ?? null,
    isWithin: (id, ancestorId) => pathOf(id).some((n) => n.id === ancestorId),
    maxLevel,
  };
}

/** "Fall › Fall forward › Fall forward onto the hands". */
export function pathLabel(tree: TaxonomyTree, id: string): string {
  return tree
    .pathOf(id)
    .map((n) => n.name)
    .join(' › ');
}

/**
 * Nodes to offer in a list, each with its path, sorted by path: deprecated nodes only where `keep` names
 * them (a choice already made stays visible).
 */
export function nodeChoices(
  tree: TaxonomyTree,
  keep: readonly string[] = [],
): { id: string; path: string }[] {
  return [...tree.nodes.values()]
    .filter((n) => !n.deprecated || keep.includes(n.id))
    .map((n) => ({ id: n.id, path: pathLabel(tree, n.id) }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
