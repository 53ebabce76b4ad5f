import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EditEntry } from '../../../../shared/domain/edit';
import { pathLabel } from '../../../../shared/taxonomy/tree';
import { personName } from '../../store/peopleSlice';
import { useApp } from '../../store/store';
import type { AuditNames } from './auditFormat';
import { auditCsv, auditJson, describeChange, ownerOfChange } from './auditFormat';
import { downloadText } from './download';

/** How the audit log names people and labels, from the store's people and taxonomy. */
export function useAuditNames(): AuditNames {
  const users = useApp((s) => s.users);
  const tree = useApp((s) => s.taxonomyTree);
  return useMemo(
    () => ({
      person: (id) => personName(users, id),
      label: (id) => (tree?.nodes.has(id) ? pathLabel(tree, id) : id),
    }),
    [users, tree],
  );
}

/** An entry's changes to the tubes shown, each tube's lines marked with its owner where several are shown. */
function ChangeLines({
  entry,
  shown,
  names,
}: {
  entry: EditEntry;
  shown: ReadonlySet<string>;
  names: AuditNames;
}) {
  const changes = entry.changes.filter((c) => c.entity !== 'segment' || shown.has(c.id));
  const several = shown.size > 1;
  return (
    <ul className="change-lines">
      {changes.flatMap((c) => {
        const owner = several ? ownerOfChange(c) : null;
        const prefix = owner ? `${names.person(owner)}’s tube: ` : '';
        return describeChange(c, names).map((line, i) => <li key={`${c.id}-${i}`}>{prefix + line}</li>);
      })}
    </ul>
  );
}

/**
 * The audit log of some tubes (who changed what, when, from what to what), newest first, and its export as
 * CSV or JSON, made in the page from `edits.list`.
 */
export function AuditLog({ segmentIds, fileStem }: { segmentIds: readonly string[]; fileStem: string }) {
  const fetchAudit = useApp((s) => s.fetchAudit);
  const names = useAuditNames();
  const [entries, setEntries] = useState<EditEntry[] | null>(null);
  const key = segmentIds.join(',');
  const load = useCallback(() => {
    void fetchAudit(key ? key.split(',') : []).then((list) => setEntries(list ?? []));
  }, [fetchAudit, key]);
  // Newer changes reach the log as they happen (an edit of the open video, a review decision).
  const segments = useApp((s) => s.segments);
  const detail = useApp((s) => s.reviewDetail);
  useEffect(() => load(), [load, segments, detail]);
  const shown = useMemo(() => new Set(key.split(',')), [key]);

  return (
    <section className="audit" aria-label="Audit log">
      <div className="audit-bar">
        <h3>Audit log</h3>
        <span className="muted">{entries ? `${entries.length} entries` : 'loading…'}</span>
        <button type="button" onClick={load}>
          Reload
        </button>
        <button
          type="button"
          disabled={!entries}
          onClick={() =>
            entries && downloadText(`${fileStem}-audit.csv`, 'text/csv', auditCsv(entries, names))
          }
        >
          Export audit (CSV)
        </button>
        <button
          type="button"
          disabled={!entries}
          onClick={() =>
            entries && downloadText(`${fileStem}-audit.json`, 'application/json', auditJson(entries, names))
          }
        >
          Export audit (JSON)
        </button>
      </div>
      {entries && entries.length === 0 && <p className="muted">Nothing recorded.</p>}
      {entries && entries.length > 0 && (
        <table className="table audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Changes</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className={e.undone ? 'undone' : undefined} data-kind={e.kind}>
                <td className="nowrap" title={e.at}>
                  {new Date(e.at).toLocaleString()}
                </td>
                <td>{names.person(e.userId)}</td>
                <td>
                  {e.summary}
                  <span className="muted small"> · {e.kind}</span>
                  {e.undone && <span className="muted small"> (undone)</span>}
                </td>
                <td>
                  <ChangeLines entry={e} shown={shown} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
