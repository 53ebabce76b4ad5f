import type { TaxonomyNode } from '../../../../../shared/domain/taxonomy';
import { pathLabel } from '../../../../../shared/taxonomy/tree';
import { useApp } from '../../../store/store';

/** A node's definition with what it includes and excludes and an example: the rules annotators share. */
export function NodeDefinition({ node }: { node: TaxonomyNode | null }) {
  const tree = useApp((s) => s.taxonomyTree);
  const levels = useApp((s) => s.taxonomy?.levels ?? []);
  if (!node || !tree) return <p className="muted">Point at a label to read its definition.</p>;
  const level = tree.levelOf(node.id);
  return (
    <div className="definition" aria-label="Definition">
      <p className="def-path">{pathLabel(tree, node.id)}</p>
      <p className="def-level muted">
        {levels[level - 1] ?? `level ${level}`}
        {node.deprecated && <span className="deprecated-mark"> · deprecated</span>}
      </p>
      <p>{node.definition || <span className="muted">No definition written.</span>}</p>
      {node.includes && (
        <p>
          <strong>Includes:</strong> {node.includes}
        </p>
      )}
      {node.excludes && (
        <p>
          <strong>Excludes:</strong> {node.excludes}
        </p>
      )}
      {node.example && (
        <p>
          <strong>Example:</strong> {node.example}
        </p>
      )}
    </div>
  );
}
