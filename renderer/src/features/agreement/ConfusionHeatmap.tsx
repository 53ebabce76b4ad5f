import type { AgreementReport } from '../../../../shared/contract/api';
import { heatColor, heatTextColor } from './agreementFormat';

type Confusion = AgreementReport['pairs'][number]['confusion'];

const CELL = 44;
const LABEL_W = 210;
const HEAD_H = 150;

function short(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A pair's confusion matrix as a heatmap: rows are the first annotator's labels, columns the second's. */
export function ConfusionHeatmap({
  confusion,
  rowName,
  columnName,
  categoryName,
}: {
  confusion: Confusion;
  rowName: string;
  columnName: string;
  categoryName: (category: string) => { short: string; full: string };
}) {
  const n = confusion.categories.length;
  if (n === 0) return <p className="muted">Nothing compared for this pair at this level.</p>;
  const max = Math.max(0, ...confusion.counts.flat());
  // Column labels lean to the right of their column: room for them beyond the last one.
  const width = LABEL_W + n * CELL + 130;
  const height = HEAD_H + n * CELL + 8;
  return (
    <figure className="heatmap">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Confusion matrix: ${rowName} (rows) against ${columnName} (columns)`}
      >
        <text x={4} y={HEAD_H - 8} className="hm-axis">
          {rowName} ↓ · {columnName} →
        </text>
        {confusion.categories.map((c, j) => {
          const x = LABEL_W + j * CELL + CELL / 2;
          return (
            <text
              key={`col-${c}`}
              x={x}
              y={HEAD_H - 6}
              transform={`rotate(-50 ${x} ${HEAD_H - 6})`}
              className="hm-label"
            >
              <title>{categoryName(c).full}</title>
              {short(categoryName(c).short)}
            </text>
          );
        })}
        {confusion.categories.map((c, i) => (
          <g key={`row-${c}`}>
            <text x={LABEL_W - 6} y={HEAD_H + i * CELL + CELL / 2 + 4} textAnchor="end" className="hm-label">
              <title>{categoryName(c).full}</title>
              {short(categoryName(c).short)}
            </text>
            {confusion.categories.map((d, j) => {
              const count = confusion.counts[i]?.[j] ?? 0;
              return (
                <g key={`cell-${c}-${d}`} data-row={c} data-column={d} data-count={count}>
                  <rect
                    x={LABEL_W + j * CELL}
                    y={HEAD_H + i * CELL}
                    width={CELL - 2}
                    height={CELL - 2}
                    rx={3}
                    fill={heatColor(count, max)}
                    stroke={i === j ? 'rgba(230, 232, 236, 0.5)' : 'none'}
                  >
                    <title>
                      {categoryName(c).full} / {categoryName(d).full}: {count}
                    </title>
                  </rect>
                  <text
                    x={LABEL_W + j * CELL + (CELL - 2) / 2}
                    y={HEAD_H + i * CELL + CELL / 2 + 3}
                    textAnchor="middle"
                    className="hm-count"
                    fill={heatTextColor(count, max)}
                  >
                    {count}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="muted small">
        {confusion.total} matched tube{confusion.total === 1 ? '' : 's'}; the diagonal (outlined) is where
        they agree.
      </figcaption>
    </figure>
  );
}
