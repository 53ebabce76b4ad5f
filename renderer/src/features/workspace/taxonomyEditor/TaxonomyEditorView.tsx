import { useMemo, useRef, useState } from 'react';
import type { TaxonomyVersion } from '../../../../../shared/domain/taxonomy';
import { useApp } from '../../../store/store';
import { fold, treeRows } from '../labels/labelSearch';
import { downloadJson, exportFileName, parseTaxonomyFile } from './importExport';
import { NodeEditor } from './NodeEditor';

/** The project's taxonomy: edit, move, deprecate and merge nodes; import and export it as JSON. */
export function TaxonomyEditorView() {
  const taxonomy = useApp((s) => s.taxonomy);
  const tree = useApp((s) => s.taxonomyTree);
  const add = useApp((s) => s.addTaxonomyNode);
  const importTaxonomy = useApp((s) => s.importTaxonomy);
  const exportTaxonomy = useApp((s) => s.exportTaxonomy);
  const history = useApp((s) => s.taxonomyHistory);
  const notify = useApp((s) => s.notify);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [rootName, setRootName] = useState('');
  const [versions, setVersions] = useState<TaxonomyVersion[] | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const rows = useMemo(() => {
    if (!tree) return [];
    const all = treeRows(tree);
    const q = fold(filter.trim());
    return q ? all.filter(({ node }) => fold(`${node.name} ${node.definition}`).includes(q)) : all;
  }, [tree, filter]);

  if (!taxonomy || !tree) return <p>Loading the taxonomy…</p>;
  const node = selected ? tree.nodes.get(selected) : undefined;

  return (
    <section className="taxonomy-editor" aria-label="Taxonomy editor">
      <div className="library-bar">
        <h2>Taxonomy: {taxonomy.name}</h2>
        <span className="count">
          version {taxonomy.version} · {taxonomy.nodes.length} nodes · levels {taxonomy.levels.join(' › ')}
        </span>
        <div className="import">
          <button
            type="button"
            onClick={() =>
              void exportTaxonomy().then((doc) => {
                if (doc) downloadJson(exportFileName(doc.name, doc.version), doc);
              })
            }
          >
            Export JSON
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import JSON…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            aria-label="Taxonomy file to import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              void file.text().then((text) => {
                const parsed = parseTaxonomyFile(text);
                if (!parsed.ok) notify('error', parsed.message);
                else
                  void importTaxonomy(parsed.document).then((ok) => {
                    if (ok)
                      notify(
                        'info',
                        `Imported “${parsed.document.name}” (${parsed.document.nodes.length} nodes).`,
                      );
                  });
              });
            }}
          />
          <button type="button" onClick={() => void history().then(setVersions)}>
            History
          </button>
        </div>
      </div>
      <div className="tx-body">
        <div className="tx-tree">
          <input
            type="search"
            value={filter}
            placeholder="Filter nodes"
            aria-label="Filter nodes"
            onChange={(e) => setFilter(e.target.value)}
          />
          <ul aria-label="Taxonomy nodes">
            {rows.map(({ node: n, depth }) => (
              <li key={n.id}>
                <button
                  type="button"
                  className={`tx-node${n.id === selected ? ' selected' : ''}${n.deprecated ? ' deprecated' : ''}`}
                  style={{ paddingLeft: 8 + depth * 16 }}
                  onClick={() => setSelected(n.id)}
                  data-node-id={n.id}
                  title={n.definition}
                >
                  {n.deprecated ? <s>{n.name}</s> : n.name}
                  {n.deprecated && <span className="deprecated-mark"> deprecated</span>}
                </button>
              </li>
            ))}
          </ul>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              const name = rootName.trim();
              if (!name) return;
              void add(null, name).then((id) => {
                setRootName('');
                if (id) setSelected(id);
              });
            }}
          >
            <input
              type="text"
              value={rootName}
              placeholder="New top-level node"
              aria-label="Name of a new top-level node"
              onChange={(e) => setRootName(e.target.value)}
            />
            <button type="submit" disabled={rootName.trim() === ''}>
              Add
            </button>
          </form>
        </div>
        <div className="tx-detail">
          {node ? (
            <NodeEditor key={`${node.id}:${taxonomy.version}`} node={node} onSelect={setSelected} />
          ) : (
            <p className="muted">
              Choose a node to edit its definition, move it, deprecate it or merge it into another. Labels
              follow every change: a renamed node keeps its labels, a merged node’s labels move to the target.
            </p>
          )}
          {versions && (
            <div className="tx-history">
              <h3>History</h3>
              <ol reversed>
                {[...versions].reverse().map((v) => (
                  <li key={v.version}>
                    <strong>v{v.version}</strong> {v.summary}{' '}
                    <span className="muted">{new Date(v.at).toLocaleString()}</span>
                  </li>
                ))}
              </ol>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
