import type { Segment } from '../../../../../shared/domain/annotation';
import type { TaxonomyTree } from '../../../../../shared/taxonomy/tree';
import type { LabelUsage } from './labelUsage';

export const QUICK_LABEL_COUNT = 9;

/**
 * The labels number keys 1–9 apply: the most used first (by this browser, then in this video), recent
 * ones breaking ties. Deprecated nodes take no new labels, so they are left out.
 */
export function quickLabels(
  usage: LabelUsage,
  tree: TaxonomyTree | null,
  segments: Record<string, Segment>,
): string[] {
  if (!tree) return [];
  const score = new Map<string, number>();
  for (const [id, n] of Object.entries(usage.counts)) score.set(id, (score.get(id) ?? 0) + n);
  for (const seg of Object.values(segments)) {
    if (seg.label) score.set(seg.label.nodeId, (score.get(seg.label.nodeId) ?? 0) + 0.5);
  }
  const recency = (id: string) => {
    const i = usage.recent.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...score.entries()]
    .filter(([id]) => {
      const node = tree.nodes.get(id);
      return node !== undefined && !node.deprecated;
    })
    .sort(
      ([a, sa], [b, sb]) =>
        sb - sa ||
        recency(a) - recency(b) ||
        (tree.nodes.get(a)?.name ?? '').localeCompare(tree.nodes.get(b)?.name ?? ''),
    )
    .slice(0, QUICK_LABEL_COUNT)
    .map(([id]) => id);
}
