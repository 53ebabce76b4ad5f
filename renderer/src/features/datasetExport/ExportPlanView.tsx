import type { ExportPlanSummary } from '../../../../shared/contract/methods/exports';

/** What the export would write: counts, classes per split, what is left out and why. */
export function ExportPlanView({ plan }: { plan: ExportPlanSummary }) {
  return (
    <div className="export-plan" aria-label="What the export will write">
      <p>
        <strong>{plan.tubes}</strong> tube{plan.tubes === 1 ? '' : 's'} from <strong>{plan.videos}</strong>{' '}
        video
        {plan.videos === 1 ? '' : 's'}, {plan.frames} frames; {plan.tubesWithPoses} with poses.
      </p>
      {plan.classes.length > 0 && (
        <table className="export-table">
          <thead>
            <tr>
              <th>class</th>
              {plan.splits.map((s) => (
                <th key={s.name}>{s.name}</th>
              ))}
              <th>all</th>
            </tr>
          </thead>
          <tbody>
            {plan.classes.map((c) => (
              <tr key={c.index}>
                <td title={c.path.join(' › ')}>{c.name}</td>
                {plan.splits.map((s) => (
                  <td key={s.name}>{s.classes[String(c.index)] ?? 0}</td>
                ))}
                <td>{c.tubes}</td>
              </tr>
            ))}
            {plan.splits.some((s) => (s.classes.unlabelled ?? 0) > 0) && (
              <tr>
                <td className="muted">no label</td>
                {plan.splits.map((s) => (
                  <td key={s.name}>{s.classes.unlabelled ?? 0}</td>
                ))}
                <td>{plan.splits.reduce((n, s) => n + (s.classes.unlabelled ?? 0), 0)}</td>
              </tr>
            )}
            <tr className="export-total">
              <td>videos · people · frames</td>
              {plan.splits.map((s) => (
                <td key={s.name}>
                  {s.videos} · {s.persons} · {s.frames}
                </td>
              ))}
              <td />
            </tr>
          </tbody>
        </table>
      )}
      {plan.leftOut.length > 0 && (
        <ul className="export-notes" aria-label="Left out">
          {plan.leftOut.map((l) => (
            <li key={l.reason}>
              {l.tubes} left out: {l.reason}
            </li>
          ))}
        </ul>
      )}
      {plan.warnings.length > 0 && (
        <ul className="export-notes export-warnings" aria-label="Warnings">
          {plan.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
