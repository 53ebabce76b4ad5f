import type { AppStore } from '../../../store/types';

/** Labels a segment (null clears it): one edit; the engine refuses a label that breaks the overlap rule. */
export async function applyLabel(s: AppStore, segmentId: string, nodeId: string | null): Promise<boolean> {
  const name = nodeId ? (s.taxonomyTree?.nodes.get(nodeId)?.name ?? nodeId) : null;
  const ok = await s.updateSegment(
    segmentId,
    { labelNodeId: nodeId },
    name ? `label the segment "${name}"` : 'clear the label',
  );
  if (ok && nodeId) s.noteLabelUse(nodeId);
  return ok;
}
