import type { Label } from '../../../../../shared/domain/annotation';
import { pathLabel } from '../../../../../shared/taxonomy/tree';
import { useApp } from '../../../store/store';

/** A segment's label as a path; a deprecated node stays readable, struck through and marked. */
export function LabelText({ label }: { label: Label | null }) {
  const tree = useApp((s) => s.taxonomyTree);
  if (!label) return <span className="label-none">unlabelled</span>;
  const node = tree?.nodes.get(label.nodeId);
  if (!tree || !node) return <span className="label-unknown">{label.nodeId}</span>;
  const merged = node.mergedInto ? tree.nodes.get(node.mergedInto) : undefined;
  return (
    <span
      className={node.deprecated ? 'label-text deprecated' : 'label-text'}
      title={
        node.deprecated ? `Deprecated${merged ? `: merged into "${merged.name}"` : ''}` : node.definition
      }
      data-node-id={node.id}
    >
      {node.deprecated ? <s>{pathLabel(tree, node.id)}</s> : pathLabel(tree, node.id)}
      {node.deprecated && (
        <span className="deprecated-mark"> (deprecated{merged ? ` → ${merged.name}` : ''})</span>
      )}
    </span>
  );
}
