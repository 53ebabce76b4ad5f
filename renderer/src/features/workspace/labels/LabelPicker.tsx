import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { TaxonomyNode } from '../../../../../shared/domain/taxonomy';
import { pathLabel } from '../../../../../shared/taxonomy/tree';
import { useApp, useAppStore } from '../../../store/store';
import { Modal } from '../../../ui/Modal';
import { actorName } from '../segmentQueries';
import { applyLabel } from './applyLabel';
import { searchLabels, treeRows } from './labelSearch';
import { LabelText } from './LabelText';
import { NodeDefinition } from './NodeDefinition';

interface Row {
  key: string;
  node: TaxonomyNode;
  depth: number;
  /** Shown with its path (search results and recent labels). */
  withPath: boolean;
}

/**
 * Picks the selected segment's label: search, recent labels, the whole tree; the definition of the label
 * under the pointer or the cursor is shown beside, so everyone applies the same definitions.
 */
export function LabelPicker() {
  const store = useAppStore();
  const tree = useApp((s) => s.taxonomyTree);
  const recent = useApp((s) => s.labelUsage.recent);
  const segmentId = useApp((s) => s.selectedSegmentId);
  const segment = useApp((s) => (s.selectedSegmentId ? s.segments[s.selectedSegmentId] : undefined));
  const actor = useApp((s) => (segment ? s.actors[segment.actorId] : undefined));
  const close = useApp((s) => s.closePanel);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const rows = useMemo<Row[]>(() => {
    if (!tree) return [];
    if (query.trim()) {
      return searchLabels(tree, query).map((node) => ({
        key: `q:${node.id}`,
        node,
        depth: 0,
        withPath: true,
      }));
    }
    const recentRows = recent
      .map((id) => tree.nodes.get(id))
      .filter((n): n is TaxonomyNode => n !== undefined && !n.deprecated)
      .map((node) => ({ key: `r:${node.id}`, node, depth: 0, withPath: true }));
    const all = treeRows(tree).map(({ node, depth }) => ({
      key: `t:${node.id}`,
      node,
      depth,
      withPath: false,
    }));
    return [...recentRows, ...all];
  }, [tree, recent, query]);
  const recentCount = query.trim()
    ? 0
    : recent.filter((id) => tree?.nodes.get(id)?.deprecated === false).length;

  const selectable = (i: number) => rows[i] !== undefined && !rows[i].node.deprecated;
  // A new list (the query changed) starts at its first label that can be applied.
  const [rowsShown, setRowsShown] = useState(rows);
  if (rowsShown !== rows) {
    setRowsShown(rows);
    setActive(
      Math.max(
        0,
        rows.findIndex((r) => !r.node.deprecated),
      ),
    );
  }
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  if (!segment || !segmentId) {
    return (
      <Modal title="Label" onClose={close}>
        <p>Select a segment first (click it in the timeline, or PgUp / PgDn).</p>
      </Modal>
    );
  }

  async function pick(node: TaxonomyNode): Promise<void> {
    if (node.deprecated || !segmentId) return;
    close();
    await applyLabel(store.getState(), segmentId, node.id);
  }

  function move(delta: 1 | -1): void {
    let i = active;
    for (let n = 0; n < rows.length; n++) {
      i = (i + delta + rows.length) % rows.length;
      if (selectable(i)) break;
    }
    setActive(i);
  }

  function onKeyDown(e: ReactKeyboardEvent): void {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        move(1);
        return;
      case 'ArrowUp':
        e.preventDefault();
        move(-1);
        return;
      case 'Enter': {
        e.preventDefault();
        const row = rows[active];
        if (row) void pick(row.node);
        return;
      }
    }
  }

  const activeNode = rows[active]?.node ?? null;
  return (
    <Modal
      title={`Label: ${actor ? actorName(actor) : 'segment'}, frames ${segment.startFrame}–${segment.endFrame}`}
      onClose={close}
      wide
      className="picker"
    >
      <div className="picker-search">
        <input
          type="search"
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Search labels, definitions, examples…"
          aria-label="Search labels"
          spellCheck={false}
        />
        <span className="muted">
          now: <LabelText label={segment.label} />
        </span>
      </div>
      <div className="picker-body">
        <div className="picker-list" role="listbox" aria-label="Labels" ref={listRef}>
          {rows.length === 0 && <p className="muted">No label matches “{query}”.</p>}
          {rows.map((row, i) => {
            const header =
              !query.trim() && (i === 0 || i === recentCount) ? (
                <div className="picker-section" key={`h${i}`}>
                  {i < recentCount ? 'Recent' : 'All labels'}
                </div>
              ) : null;
            return (
              <div key={row.key}>
                {header}
                <div
                  role="option"
                  aria-selected={i === active}
                  aria-disabled={row.node.deprecated}
                  data-index={i}
                  data-node-id={row.node.id}
                  className={`picker-row${i === active ? ' active' : ''}${row.node.deprecated ? ' deprecated' : ''}`}
                  style={{ paddingLeft: 10 + row.depth * 16 }}
                  onPointerEnter={() => setActive(i)}
                  onClick={() => void pick(row.node)}
                  title={row.node.deprecated ? 'Deprecated: takes no new labels' : row.node.definition}
                >
                  <span className="picker-name">{row.node.name}</span>
                  {row.withPath && tree && row.node.parentId && (
                    <span className="picker-path">{pathLabel(tree, row.node.parentId)}</span>
                  )}
                </div>
              </div>
            );
          })}
        </div>
        <aside className="picker-def">
          <NodeDefinition node={activeNode} />
        </aside>
      </div>
      <div className="modal-foot">
        <span className="muted">
          <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> apply · <kbd>Esc</kbd> close
        </span>
        {segment.label && (
          <button
            type="button"
            onClick={() => {
              close();
              void applyLabel(store.getState(), segmentId, null);
            }}
          >
            Clear the label
          </button>
        )}
      </div>
    </Modal>
  );
}
