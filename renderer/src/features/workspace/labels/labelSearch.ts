import type { TaxonomyNode } from '../../../../../shared/domain/taxonomy';
import type { TaxonomyTree } from '../../../../../shared/taxonomy/tree';
import { pathLabel } from '../../../../../shared/taxonomy/tree';

/** Lower case, without accents: what search compares. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Every node in tree order, with its depth (0 for a situation). */
export function treeRows(tree: TaxonomyTree): { node: TaxonomyNode; depth: number }[] {
  const out: { node: TaxonomyNode; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const n of tree.childrenOf(parentId)) {
      out.push({ node: n, depth });
      walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * Nodes matching every word of the query, best first: the name itself, a name that starts with it, a name
 * that holds it, a path that holds it, then definitions and examples that do.
 */
export function searchLabels(tree: TaxonomyTree, query: string): TaxonomyNode[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: { node: TaxonomyNode; score: number; order: number }[] = [];
  treeRows(tree).forEach(({ node }, order) => {
    const name = fold(node.name);
    const path = fold(pathLabel(tree, node.id));
    const text = fold(`${node.definition} ${node.includes} ${node.example}`);
    // The whole name typed is the best match of all.
    let score = name === words.join(' ') ? 10 : 0;
    for (const w of words) {
      if (name.startsWith(w) || name.includes(` ${w}`)) score += 4;
      else if (name.includes(w)) score += 3;
      else if (path.includes(w)) score += 2;
      else if (text.includes(w)) score += 1;
      else return;
    }
    scored.push({ node, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((x) => x.node);
}
