import { useMemo, useState } from 'react';
import type { TaxonomyNode } from '../../../../../shared/domain/taxonomy';
import { pathLabel } from '../../../../../shared/taxonomy/tree';
import { useApp } from '../../../store/store';

type TextField = 'name' | 'definition' | 'includes' | 'excludes' | 'example';
const TEXT_FIELDS: readonly { key: TextField; label: string; rows: number }[] = [
  { key: 'name', label: 'Name', rows: 1 },
  { key: 'definition', label: 'Definition', rows: 3 },
  { key: 'includes', label: 'Includes', rows: 2 },
  { key: 'excludes', label: 'Excludes', rows: 2 },
  { key: 'example', label: 'Example', rows: 2 },
];

/** One node: its texts, and where it sits (add a child, move, deprecate, merge). Keyed by node and taxonomy version. */
export function NodeEditor({ node, onSelect }: { node: TaxonomyNode; onSelect: (id: string) => void }) {
  const tree = useApp((s) => s.taxonomyTree);
  const levels = useApp((s) => s.taxonomy?.levels ?? []);
  const update = useApp((s) => s.updateTaxonomyNode);
  const add = useApp((s) => s.addTaxonomyNode);
  const move = useApp((s) => s.moveTaxonomyNode);
  const deprecate = useApp((s) => s.deprecateTaxonomyNode);
  const merge = useApp((s) => s.mergeTaxonomyNodes);
  const [draft, setDraft] = useState<Record<TextField, string>>(node);
  const [childName, setChildName] = useState('');
  const [parentId, setParentId] = useState<string>(node.parentId ?? '');
  const [mergeTarget, setMergeTarget] = useState('');
  const [confirmMerge, setConfirmMerge] = useState(false);

  const others = useMemo(() => {
    if (!tree) return [];
    return [...tree.nodes.values()]
      .filter((n) => !tree.isWithin(n.id, node.id))
      .map((n) => ({ node: n, path: pathLabel(tree, n.id) }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }, [tree, node.id]);

  if (!tree) return null;
  const siblings = tree.childrenOf(node.parentId);
  const index = siblings.findIndex((n) => n.id === node.id);
  const level = tree.levelOf(node.id);
  const changed = TEXT_FIELDS.some(({ key }) => draft[key] !== node[key]);
  const mergedInto = node.mergedInto ? tree.nodes.get(node.mergedInto) : undefined;

  const save = () => {
    const patch: Partial<Record<TextField, string>> = {};
    for (const { key } of TEXT_FIELDS) if (draft[key] !== node[key]) patch[key] = draft[key];
    if (Object.keys(patch).length > 0) void update(node.id, patch);
  };

  return (
    <div className="node-editor" aria-label={`Node ${node.name}`} data-node-id={node.id}>
      <p className="def-path">
        {pathLabel(tree, node.id)}{' '}
        <span className="muted">
          · {levels[level - 1] ?? `level ${level}`} · id <code>{node.id}</code>
        </span>
      </p>
      {node.deprecated && (
        <p className="deprecated-note" role="note">
          Deprecated: old labels keep it (struck through), new labels cannot use it
          {mergedInto ? `; merged into “${mergedInto.name}”` : ''}.
        </p>
      )}
      <form
        className="node-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {TEXT_FIELDS.map(({ key, label, rows }) => (
          <label key={key} className="field field-wide">
            <span>{label}</span>
            {rows === 1 ? (
              <input
                type="text"
                value={draft[key]}
                aria-label={label}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              />
            ) : (
              <textarea
                rows={rows}
                value={draft[key]}
                aria-label={label}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              />
            )}
          </label>
        ))}
        <div className="row">
          <button type="submit" className="primary" disabled={!changed || draft.name.trim() === ''}>
            Save
          </button>
          <button type="button" disabled={!changed} onClick={() => setDraft(node)}>
            Revert
          </button>
        </div>
      </form>

      <h3>Place</h3>
      <div className="row">
        <button
          type="button"
          disabled={index <= 0}
          onClick={() => void move(node.id, node.parentId, index - 1)}
        >
          ↑ Up
        </button>
        <button
          type="button"
          disabled={index < 0 || index >= siblings.length - 1}
          onClick={() => void move(node.id, node.parentId, index + 1)}
        >
          ↓ Down
        </button>
        <label className="field">
          <span>Parent</span>
          <select value={parentId} aria-label="New parent" onChange={(e) => setParentId(e.target.value)}>
            <option value="">(top level)</option>
            {others.map(({ node: n, path }) => (
              <option key={n.id} value={n.id}>
                {path}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={parentId === (node.parentId ?? '')}
          onClick={() => void move(node.id, parentId === '' ? null : parentId)}
        >
          Move
        </button>
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const name = childName.trim();
          if (!name) return;
          void add(node.id, name).then((id) => {
            setChildName('');
            if (id) onSelect(id);
          });
        }}
      >
        <input
          type="text"
          value={childName}
          placeholder="Name of a new child"
          aria-label="Name of a new child node"
          onChange={(e) => setChildName(e.target.value)}
        />
        <button type="submit" disabled={childName.trim() === ''}>
          Add child
        </button>
      </form>

      <h3>Retire</h3>
      <div className="row">
        <button type="button" onClick={() => void deprecate(node.id, !node.deprecated)}>
          {node.deprecated ? 'Restore' : 'Deprecate'}
        </button>
        <label className="field">
          <span>Merge into</span>
          <select
            value={mergeTarget}
            aria-label="Merge into"
            onChange={(e) => {
              setMergeTarget(e.target.value);
              setConfirmMerge(false);
            }}
          >
            <option value="">(choose a node)</option>
            {others
              .filter(({ node: n }) => !n.deprecated && n.id !== node.id)
              .map(({ node: n, path }) => (
                <option key={n.id} value={n.id}>
                  {path}
                </option>
              ))}
          </select>
        </label>
        {confirmMerge ? (
          <>
            <button type="button" className="danger" onClick={() => void merge(node.id, mergeTarget)}>
              Merge: labels and children move
            </button>
            <button type="button" onClick={() => setConfirmMerge(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" disabled={mergeTarget === ''} onClick={() => setConfirmMerge(true)}>
            Merge…
          </button>
        )}
      </div>
    </div>
  );
}
