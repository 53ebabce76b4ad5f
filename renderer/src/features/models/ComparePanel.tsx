import { useModels } from './modelsStore';

const f3 = (x: number | null) => (x === null ? '–' : x.toFixed(3));

/** The selected model beside another: each metric, its difference, and per-class F1. */
export function ComparePanel() {
  const models = useModels((s) => s.models);
  const selectedId = useModels((s) => s.selectedId);
  const compareWith = useModels((s) => s.compareWith);
  const comparison = useModels((s) => s.comparison);
  const compare = useModels((s) => s.compare);
  const others = models.filter((m) => m.id !== selectedId);
  return (
    <section className="models-panel" aria-label="Compare models">
      <h3>Compare</h3>
      <label>
        with{' '}
        <select value={compareWith ?? ''} onChange={(e) => void compare(e.target.value || null)}>
          <option value="">(another model)</option>
          {others.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {comparison && (
        <>
          <table className="metrics-table" aria-label="Comparison">
            <thead>
              <tr>
                <th>metric</th>
                <th>A: {comparison.a.info.name}</th>
                <th>B: {comparison.b.info.name}</th>
                <th>B − A</th>
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((r) => {
                const better =
                  r.delta === null || r.delta === 0
                    ? ''
                    : r.delta > 0 === r.higherIsBetter
                      ? 'better'
                      : 'worse';
                return (
                  <tr key={r.metric}>
                    <td>{r.metric}</td>
                    <td>{f3(r.a)}</td>
                    <td>{f3(r.b)}</td>
                    <td className={better}>
                      {r.delta === null ? '–' : `${r.delta > 0 ? '+' : ''}${r.delta.toFixed(3)}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <table className="metrics-table" aria-label="Per-class F1">
            <thead>
              <tr>
                <th>class</th>
                <th>F1 A</th>
                <th>F1 B</th>
              </tr>
            </thead>
            <tbody>
              {comparison.perClass.map((p) => (
                <tr key={p.nodeId}>
                  <td>{p.name}</td>
                  <td>{f3(p.f1A)}</td>
                  <td>{f3(p.f1B)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {comparison.notes.map((n) => (
            <p key={n} className="warning">
              {n}
            </p>
          ))}
        </>
      )}
    </section>
  );
}
