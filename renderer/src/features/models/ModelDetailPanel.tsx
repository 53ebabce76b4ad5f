import { useModels } from './modelsStore';
import { ConfusionMatrix, ReliabilityDiagram, TrainingCurves } from './plots';
import { MarkdownView } from './MarkdownView';
import type { SplitEvaluation } from '../../../../shared/domain/classifier';
import { RemoveModel } from './RemoveModel';

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)} %`;
const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));

function EvaluationView({ e, names }: { e: SplitEvaluation; names: string[] }) {
  return (
    <>
      <table className="metrics-table" aria-label="Test metrics">
        <tbody>
          <tr>
            <th>top-1 accuracy</th>
            <td>{pct(e.metrics.accuracy)}</td>
            <th>mean class accuracy</th>
            <td>{pct(e.metrics.meanClassAccuracy)}</td>
            <th>macro-F1</th>
            <td>{f3(e.metrics.macroF1)}</td>
            <th>ECE</th>
            <td>{f3(e.calibration.ece)}</td>
          </tr>
        </tbody>
      </table>
      <table className="metrics-table" aria-label="Per-class metrics">
        <thead>
          <tr>
            <th>class</th>
            <th>precision</th>
            <th>recall</th>
            <th>F1</th>
            <th>windows</th>
          </tr>
        </thead>
        <tbody>
          {e.metrics.perClass.map((c, i) => (
            <tr key={i}>
              <td>{names[i]}</td>
              <td>{f3(c.precision)}</td>
              <td>{f3(c.recall)}</td>
              <td>{f3(c.f1)}</td>
              <td>{c.support}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {e.events && (
        <table className="metrics-table" aria-label="Critical events">
          <thead>
            <tr>
              <th>critical class</th>
              <th>events</th>
              <th>found</th>
              <th>event recall</th>
              <th>alerts</th>
            </tr>
          </thead>
          <tbody>
            {e.events.perClass.map((c) => (
              <tr key={c.classIndex}>
                <td>{names[c.classIndex]}</td>
                <td>{c.events}</td>
                <td>{c.detected}</td>
                <td>{pct(c.recall)}</td>
                <td>{c.alerts}</td>
              </tr>
            ))}
            <tr>
              <td colSpan={5}>
                False alarms: {e.events.falseAlarms} in {(e.events.hours * 60).toFixed(1)} min (
                {e.events.falseAlarmsPerHour === null ? '–' : e.events.falseAlarmsPerHour.toFixed(1)} an hour)
              </td>
            </tr>
          </tbody>
        </table>
      )}
      <div className="plots">
        <ConfusionMatrix confusion={e.metrics.confusion} names={names} />
        <ReliabilityDiagram calibration={e.calibration} />
      </div>
    </>
  );
}

/** A model: its curves, test metrics, confusion matrix, reliability diagram and card. */
export function ModelDetailPanel() {
  const detail = useModels((s) => s.detail);
  const card = useModels((s) => s.card);
  if (!detail) return <p className="muted">Opening…</p>;
  const names = detail.info.classes.map((c) => c.name);
  const test = detail.metrics.test;
  return (
    <section className="models-panel" aria-label="Model">
      <div className="row">
        <h3>{detail.info.name}</h3>
        <span className="muted">
          {detail.info.architecture} · {detail.info.parameterCount} parameters · {detail.info.levelName} level
          · taxonomy v{detail.info.taxonomyVersion} · best epoch {detail.info.bestEpoch} of{' '}
          {detail.info.epochsRun}
        </span>
        <RemoveModel modelId={detail.info.id} name={detail.info.name} />
      </div>
      {detail.warnings.concat(detail.dataset.warnings).map((w) => (
        <p key={w} className="warning">
          {w}
        </p>
      ))}
      <TrainingCurves history={detail.history} />
      <h4>Held-out test split</h4>
      {test ? (
        <EvaluationView e={test} names={names} />
      ) : (
        <p className="muted">No test split was held out.</p>
      )}
      <h4>Model card</h4>
      {card ? <MarkdownView markdown={card} /> : <p className="muted">Loading the card…</p>}
    </section>
  );
}
