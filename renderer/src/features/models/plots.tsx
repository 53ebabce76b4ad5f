import type { Calibration } from '../../../../shared/classifier/calibration';
import { extent, linearScale, linePath, rowFractions, ticks } from '../../../../shared/classifier/plots';
import type { EpochReportDto, InferenceRun } from '../../../../shared/domain/classifier';

const W = 420;
const H = 220;
/** Margins: the y axis's label sits above the plot, clear of its top tick. */
const M = { left: 44, right: 12, top: 24, bottom: 30 };

/** A class's colour, the same in every plot. */
export function classColor(i: number): string {
  const palette = ['#e5484d', '#f5a524', '#5aa9e6', '#46a758', '#a78bfa', '#ec4899', '#14b8a6', '#9aa1ad'];
  return palette[i % palette.length] as string;
}

function Axes({
  x,
  y,
  xLabel,
  yLabel,
  wholeX = false,
}: {
  x: ReturnType<typeof linearScale>;
  y: ReturnType<typeof linearScale>;
  xLabel: string;
  yLabel: string;
  /** Only whole numbers on the x axis (epochs). */
  wholeX?: boolean;
}) {
  return (
    <g className="axes">
      {ticks(y.domain[0], y.domain[1], 4).map((v) => (
        <g key={`y${v}`}>
          <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className="grid-line" />
          <text x={M.left - 6} y={y(v) + 4} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      {ticks(x.domain[0], x.domain[1], 6)
        .filter((v) => !wholeX || Number.isInteger(v))
        .map((v) => (
          <text key={`x${v}`} x={x(v)} y={H - M.bottom + 14} textAnchor="middle">
            {v}
          </text>
        ))}
      <text x={(M.left + W - M.right) / 2} y={H - 2} textAnchor="middle" className="axis-label">
        {xLabel}
      </text>
      <text x={M.left - 30} y={M.top - 10} className="axis-label">
        {yLabel}
      </text>
    </g>
  );
}

/** Loss and accuracy (or macro-F1) per epoch, training and validation: the live training curves. */
export function TrainingCurves({ history }: { history: readonly EpochReportDto[] }) {
  const epochs = history.map((h) => h.epoch);
  const x = linearScale([Math.min(1, ...epochs), Math.max(2, ...epochs)], [M.left, W - M.right]);
  const lossMax = extent(history.flatMap((h) => [h.trainLoss, h.validationLoss]))[1];
  const yLoss = linearScale([0, Math.max(0.1, lossMax)], [H - M.bottom, M.top]);
  const yAcc = linearScale([0, 1], [H - M.bottom, M.top]);
  const series = [
    { name: 'training loss', color: '#e5484d', y: yLoss, get: (h: EpochReportDto) => h.trainLoss },
    { name: 'validation loss', color: '#f5a524', y: yLoss, get: (h: EpochReportDto) => h.validationLoss },
    { name: 'training accuracy', color: '#5aa9e6', y: yAcc, get: (h: EpochReportDto) => h.trainAccuracy },
    {
      name: 'validation macro-F1',
      color: '#46a758',
      y: yAcc,
      get: (h: EpochReportDto) => h.validationMacroF1,
    },
  ];
  return (
    <figure className="plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Training curves">
        <Axes x={x} y={yAcc} xLabel="epoch" yLabel="accuracy, F1 (0–1); loss scaled" wholeX />
        {series.map((s) => (
          <path
            key={s.name}
            d={linePath(
              history.map((h) => ({ x: h.epoch, y: s.get(h) })),
              x,
              s.y,
            )}
            stroke={s.color}
            fill="none"
            strokeWidth={2}
          />
        ))}
      </svg>
      <figcaption className="legend">
        {series.map((s) => (
          <span key={s.name}>
            <i style={{ background: s.color }} /> {s.name}
          </span>
        ))}
        <span className="muted">loss up to {lossMax.toFixed(2)}</span>
      </figcaption>
    </figure>
  );
}

/** The confusion matrix as a heat map: each row (true class) shaded by the fraction predicted as each class. */
export function ConfusionMatrix({ confusion, names }: { confusion: number[][]; names: string[] }) {
  const k = names.length;
  const cell = Math.min(56, 300 / Math.max(1, k));
  const left = 130;
  const top = 96;
  const frac = rowFractions(confusion);
  const size = { w: left + cell * k + 10, h: top + cell * k + 10 };
  return (
    <figure className="plot">
      <svg viewBox={`0 0 ${size.w} ${size.h}`} width={size.w} role="img" aria-label="Confusion matrix">
        {names.map((n, j) => (
          <text
            key={`c${j}`}
            transform={`translate(${left + cell * j + cell / 2},${top - 6}) rotate(-40)`}
            className="tick"
          >
            {n}
          </text>
        ))}
        {names.map((n, i) => (
          <text
            key={`r${i}`}
            x={left - 6}
            y={top + cell * i + cell / 2 + 4}
            textAnchor="end"
            className="tick"
          >
            {n}
          </text>
        ))}
        {confusion.map((row, i) =>
          row.map((count, j) => {
            const f = frac[i]?.[j] ?? 0;
            return (
              <g key={`${i}-${j}`}>
                <rect
                  x={left + cell * j}
                  y={top + cell * i}
                  width={cell - 2}
                  height={cell - 2}
                  fill={i === j ? `rgba(70,167,88,${0.15 + 0.85 * f})` : `rgba(229,72,77,${0.08 + 0.92 * f})`}
                >
                  <title>{`${names[i]} → ${names[j]}: ${count} (${(100 * f).toFixed(0)} % of the row)`}</title>
                </rect>
                <text
                  x={left + cell * j + cell / 2 - 1}
                  y={top + cell * i + cell / 2 + 4}
                  textAnchor="middle"
                  className="cell"
                >
                  {count}
                </text>
              </g>
            );
          }),
        )}
      </svg>
      <figcaption className="muted">
        Rows: true class; columns: predicted. Shade: share of the row.
      </figcaption>
    </figure>
  );
}

/** The reliability diagram: accuracy against confidence per bin, the diagonal for perfect calibration. */
export function ReliabilityDiagram({ calibration }: { calibration: Calibration }) {
  const x = linearScale([0, 1], [M.left, W - M.right]);
  const y = linearScale([0, 1], [H - M.bottom, M.top]);
  const maxCount = Math.max(1, ...calibration.bins.map((b) => b.count));
  return (
    <figure className="plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Reliability diagram">
        <Axes x={x} y={y} xLabel="confidence" yLabel="accuracy" />
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="diagonal" />
        {calibration.bins.map((b) => (
          <g key={b.lo}>
            <rect
              x={x(b.lo) + 1}
              width={x(b.hi) - x(b.lo) - 2}
              y={y(b.accuracy)}
              height={y(0) - y(b.accuracy)}
              fill="rgba(90,169,230,0.7)"
              opacity={b.count === 0 ? 0 : 0.35 + 0.65 * (b.count / maxCount)}
            >
              <title>{`confidence ${b.lo.toFixed(1)}–${b.hi.toFixed(1)}: ${b.count} windows, accuracy ${(100 * b.accuracy).toFixed(0)} %, mean confidence ${(100 * b.confidence).toFixed(0)} %`}</title>
            </rect>
          </g>
        ))}
      </svg>
      <figcaption className="muted">
        ECE {calibration.ece.toFixed(3)}, largest gap {calibration.mce.toFixed(3)}. Bars: accuracy of each
        confidence bin (opacity: how many windows); the diagonal is perfect calibration.
      </figcaption>
    </figure>
  );
}

/** Each person's situations over time (one lane each, opacity: confidence), alerts marked. */
export function PersonTimeline({ run, names }: { run: InferenceRun; names: string[] }) {
  const people = [...new Set(run.segments.map((s) => s.person))].sort((a, b) => a - b);
  const lane = 26;
  const left = 70;
  const width = 720;
  const duration = Math.max(run.durationSec, ...run.segments.map((s) => s.endSec), 0.001);
  const x = linearScale([0, duration], [left, width - 10]);
  const height = 30 + lane * people.length;
  return (
    <figure className="plot">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Timeline of ${run.videoName}`}>
        {ticks(0, duration, 8).map((t) => (
          <text key={t} x={x(t)} y={height - 4} textAnchor="middle" className="tick">
            {t}s
          </text>
        ))}
        {people.map((p, row) => (
          <g key={p}>
            <text x={4} y={18 + lane * row} className="tick">
              person {p}
            </text>
            {run.segments
              .filter((s) => s.person === p)
              .map((s) => {
                const ci = names.indexOf(s.name);
                return (
                  <rect
                    key={s.seq}
                    x={x(Math.max(0, s.startSec))}
                    y={6 + lane * row}
                    width={Math.max(1, x(s.endSec) - x(Math.max(0, s.startSec)))}
                    height={lane - 8}
                    fill={classColor(ci)}
                    opacity={0.3 + 0.7 * s.confidence}
                  >
                    <title>{`${s.name}: ${s.startSec.toFixed(1)}–${s.endSec.toFixed(1)} s, frames ${s.startFrame}–${s.endFrame}, p=${s.confidence.toFixed(2)}`}</title>
                  </rect>
                );
              })}
            {run.alerts
              .filter((a) => a.person === p)
              .map((a, i) => (
                <text
                  key={i}
                  x={x(Math.max(0, a.startSec))}
                  y={4 + lane * row + lane / 2}
                  className="alert-mark"
                >
                  ▲<title>{`Alert: ${a.name} at ${a.startSec.toFixed(1)} s (p=${a.peak.toFixed(2)})`}</title>
                </text>
              ))}
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        {names.map((n, i) => (
          <span key={n}>
            <i style={{ background: classColor(i) }} /> {n}
          </span>
        ))}
        <span className="muted">▲ alert</span>
      </figcaption>
    </figure>
  );
}
