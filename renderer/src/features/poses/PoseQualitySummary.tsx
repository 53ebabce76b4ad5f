import type { TubePoseSummary } from '../../../../shared/domain/pose';
import { presenceShare } from './geometry';

export interface PoseQualitySummaryProps {
  /** One tube's summary, or several (a video's). */
  summaries: readonly TubePoseSummary[];
  /** Names the tubes for people (e.g. "person 2, frames 10–80"); the id otherwise. */
  tubeLabel?: (segmentId: string) => string;
  /** Offered where a tube changed since its poses were made (stale). */
  onReextract?: (segmentId: string) => void;
}

function percent(v: number): string {
  return `${Math.round(v * 100)} %`;
}

/** Per tube: frames with a pose, mean visibility, model and backend, and whether the poses are stale. */
export function PoseQualitySummary({ summaries, tubeLabel, onReextract }: PoseQualitySummaryProps) {
  if (summaries.length === 0) return <p className="pose-quality-empty">No poses extracted yet.</p>;
  return (
    <table className="pose-quality" aria-label="Pose quality">
      <thead>
        <tr>
          <th>Tube</th>
          <th>Frames with a pose</th>
          <th>Mean visibility</th>
          <th>Model</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {summaries.map((s) => {
          const share = presenceShare(s);
          return (
            <tr key={`${s.segmentId}-${s.model}`} data-stale={s.stale}>
              <td>{tubeLabel ? tubeLabel(s.segmentId) : s.segmentId.slice(0, 8)}</td>
              <td title={`${s.framesWithPose} of ${s.frameCount} frames`}>
                <meter min={0} max={1} low={0.8} optimum={1} value={share} /> {percent(share)}
              </td>
              <td>
                <meter min={0} max={1} low={0.5} optimum={1} value={s.meanVisibility} />{' '}
                {s.meanVisibility.toFixed(2)}
              </td>
              <td title={`${s.modelVersion}, ${s.backend}${s.filtered ? ', filtered' : ''}`}>
                {s.model.replace('blazepose-', '')} · {s.backend}
              </td>
              <td>
                {s.stale ? (
                  <>
                    <span className="pose-stale">tube changed since</span>
                    {onReextract && (
                      <button type="button" className="link" onClick={() => onReextract(s.segmentId)}>
                        Re-extract
                      </button>
                    )}
                  </>
                ) : (
                  <span className="pose-current">current</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
