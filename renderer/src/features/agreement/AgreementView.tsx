import { useEffect, useState } from 'react';
import type { AgreementReport } from '../../../../shared/contract/api';
import { pathLabel } from '../../../../shared/taxonomy/tree';
import { useApp } from '../../store/store';
import { measureText, percentText } from './agreementFormat';
import { ConfusionHeatmap } from './ConfusionHeatmap';

type Measure = AgreementReport['percentAgreement'];

function MeasureCell({ m, percent }: { m: Measure; percent?: boolean }) {
  return (
    <td>
      {percent ? percentText(m.value) : measureText(m)}
      {m.value === null && m.note && <div className="measure-note">{m.note}</div>}
    </td>
  );
}

function LevelReport({ report }: { report: AgreementReport }) {
  const tree = useApp((s) => s.taxonomyTree);
  const [pairIndex, setPairIndex] = useState(0);
  const name = (id: string) => report.annotators.find((a) => a.id === id)?.name ?? id;
  // Cells are named by the node's own name (its path in the tooltip); "(none)" and "(unlabelled)" as they are.
  const categoryName = (c: string) => {
    const node = tree?.nodes.get(c);
    return node && tree ? { short: node.name, full: pathLabel(tree, c) } : { short: c, full: c };
  };
  const pair = report.pairs[Math.min(pairIndex, report.pairs.length - 1)];
  return (
    <>
      <table className="table" aria-label="Agreement over all annotators">
        <thead>
          <tr>
            <th>Matched tubes</th>
            <th>Percent agreement</th>
            <th>Fleiss’ κ</th>
            <th>Krippendorff’s α</th>
            <th>Mean temporal IoU</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{report.items}</td>
            <MeasureCell m={report.percentAgreement} percent />
            <MeasureCell m={report.fleissKappa} />
            <MeasureCell m={report.krippendorffAlpha} />
            <td>{report.meanTemporalIoU === null ? '—' : report.meanTemporalIoU.toFixed(2)}</td>
          </tr>
        </tbody>
      </table>
      <h3>Pairs of annotators</h3>
      {report.pairs.length === 0 ? (
        <p className="muted">No two annotators labelled the same video independently yet.</p>
      ) : (
        <table className="table" aria-label="Agreement per pair">
          <thead>
            <tr>
              <th>Pair</th>
              <th>Matched tubes</th>
              <th>Cohen’s κ</th>
              <th>Percent agreement</th>
              <th>Mean temporal IoU</th>
            </tr>
          </thead>
          <tbody>
            {report.pairs.map((p, i) => (
              <tr
                key={`${p.a}-${p.b}`}
                className={i === pairIndex ? 'clickable selected' : 'clickable'}
                onClick={() => setPairIndex(i)}
              >
                <td>
                  {name(p.a)} – {name(p.b)}
                </td>
                <td>{p.items}</td>
                <MeasureCell m={p.cohensKappa} />
                <MeasureCell m={p.percentAgreement} percent />
                <td>{p.meanTemporalIoU === null ? '—' : p.meanTemporalIoU.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pair && (
        <>
          <h3>
            Confusion: {name(pair.a)} – {name(pair.b)}
            {report.pairs.length > 1 && <span className="muted small"> (pick a pair above)</span>}
          </h3>
          <ConfusionHeatmap
            confusion={pair.confusion}
            rowName={name(pair.a)}
            columnName={name(pair.b)}
            categoryName={categoryName}
          />
        </>
      )}
    </>
  );
}

function rate(v: number | null): string {
  return percentText(v);
}

function AnnotatorTable() {
  const stats = useApp((s) => s.annotatorStats);
  const load = useApp((s) => s.loadAnnotatorStats);
  useEffect(() => {
    void load();
  }, [load]);
  if (!stats) return <p className="muted">Loading…</p>;
  if (stats.length === 0) return <p className="muted">Nobody has made tubes yet.</p>;
  return (
    <table className="table" aria-label="Annotators">
      <thead>
        <tr>
          <th>Name</th>
          <th>Role</th>
          <th>Tubes</th>
          <th>Frames</th>
          <th>Submitted</th>
          <th>Dispute rate</th>
          <th>Rework rate</th>
          <th>Agreement with final</th>
        </tr>
      </thead>
      <tbody>
        {stats.map((s) => (
          <tr key={s.userId} aria-label={s.name}>
            <td>{s.name}</td>
            <td>
              <span className={`role-badge role-${s.role}`}>{s.role}</span>
            </td>
            <td>{s.tubes}</td>
            <td>{s.frames}</td>
            <td>{s.submitted}</td>
            <td>{rate(s.disputeRate)}</td>
            <td>{rate(s.reworkRate)}</td>
            <td>{rate(s.agreementWithFinal)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Inter-annotator agreement per taxonomy level, and each annotator's figures (experts and admins). */
export function AgreementView() {
  const taxonomy = useApp((s) => s.taxonomy);
  const agreement = useApp((s) => s.agreement);
  const loadAgreement = useApp((s) => s.loadAgreement);
  const [level, setLevel] = useState(1);
  const levels = taxonomy?.levels.length ? taxonomy.levels : ['level 1'];
  useEffect(() => {
    void loadAgreement(level);
  }, [level, loadAgreement]);
  const report = agreement[level];
  return (
    <section className="page" aria-label="Agreement">
      <h2>Agreement</h2>
      <div className="tabs" role="tablist" aria-label="Taxonomy level">
        {levels.map((name, i) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={level === i + 1}
            className={level === i + 1 ? 'tab selected' : 'tab'}
            onClick={() => setLevel(i + 1)}
          >
            {i + 1}. {name}
          </button>
        ))}
      </div>
      <p className="muted small">
        Over the tubes of videos labelled independently by two or more annotators, matched one to one; labels
        compared at level {level} ({levels[level - 1]}): a label deeper down counts as its ancestor at this
        level; “(none)” is a tube one annotator made and another did not.
      </p>
      {report ? <LevelReport key={level} report={report} /> : <p className="muted">Computing…</p>}
      <h2>Annotators</h2>
      <AnnotatorTable />
    </section>
  );
}
