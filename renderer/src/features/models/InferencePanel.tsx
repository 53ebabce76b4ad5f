import { useState } from 'react';
import { formatTimecode } from '../../../../shared/frames/frameTimes';
import { useModels } from './modelsStore';
import { PersonTimeline } from './plots';

/** Run the selected model over videos; each run's per-person timeline, alerts, drift check and pre-labels. */
export function InferencePanel() {
  const videos = useModels((s) => s.videos);
  const runs = useModels((s) => s.runs);
  const detail = useModels((s) => s.detail);
  const jobs = useModels((s) => s.jobs);
  const infer = useModels((s) => s.infer);
  const makePreLabels = useModels((s) => s.makePreLabels);
  const cancelJob = useModels((s) => s.cancelJob);
  const [chosen, setChosen] = useState<string[]>([]);
  const [maxConfidence, setMaxConfidence] = useState('');
  const [made, setMade] = useState<Record<string, number>>({});
  if (!detail) return null;
  const names = detail.info.classes.map((c) => c.name);
  const active = Object.values(jobs).filter(
    (j) => j.kind === 'infer' && (j.state === 'queued' || j.state === 'running'),
  );
  return (
    <section className="models-panel" aria-label="Run on videos">
      <h3>Run on videos</h3>
      <div className="row">
        <select
          multiple
          size={Math.min(6, Math.max(2, videos.length))}
          value={chosen}
          aria-label="Videos"
          onChange={(e) => setChosen(Array.from(e.target.selectedOptions).map((o) => o.value))}
        >
          {videos.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} ({formatTimecode(v.durationSec)})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="primary"
          disabled={chosen.length === 0}
          onClick={() => void infer(chosen)}
        >
          Run {detail.info.name}
        </button>
      </div>
      {active.map((j) => (
        <div key={j.id} className="job-status">
          <span>
            Finding people and classifying: {j.done.toFixed(1)}/{j.total} videos
          </span>
          <progress max={j.total || 1} value={j.done} />
          <button type="button" className="link" onClick={() => void cancelJob(j.id)}>
            Cancel
          </button>
        </div>
      ))}
      {runs.map((r) => (
        <article key={r.id} className="run" aria-label={`Results for ${r.videoName}`}>
          <h4>
            {r.videoName} <span className="muted">{r.createdAt.slice(0, 16).replace('T', ' ')}</span>
          </h4>
          <p className="muted">
            {r.people} {r.people === 1 ? 'person' : 'people'}, {r.windows} windows
            {r.realTimeFactor !== null ? `, ${r.realTimeFactor.toFixed(2)} × real time` : ''} ·{' '}
            {r.outputs.json} · {r.outputs.csv}
          </p>
          {r.alerts.length > 0 && (
            <ul className="alerts" aria-label="Alerts">
              {r.alerts.map((a, i) => (
                <li key={i}>
                  <strong>{a.name}</strong>: person {a.person} at {formatTimecode(a.startSec)} (frames{' '}
                  {a.startFrame}–{a.endFrame}, p={a.peak.toFixed(2)})
                </li>
              ))}
            </ul>
          )}
          {r.drift.level !== 'none' &&
            r.drift.messages.map((m) => (
              <p key={m} className={r.drift.level === 'warning' ? 'warning' : 'muted'}>
                Drift: {m}
              </p>
            ))}
          <PersonTimeline run={r} names={names} />
          <div className="row">
            <label>
              Pre-labels for stretches up to confidence{' '}
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                placeholder="all"
                value={maxConfidence}
                onChange={(e) => setMaxConfidence(e.target.value)}
              />
            </label>
            <button
              type="button"
              onClick={() =>
                void makePreLabels(r.id, maxConfidence === '' ? null : Number(maxConfidence)).then((n) =>
                  setMade((m) => ({ ...m, [r.id]: n })),
                )
              }
            >
              Make pre-labels (least confident first)
            </button>
            {made[r.id] !== undefined && <span className="muted">{made[r.id]} made</span>}
            <span className="muted">
              {r.segments.filter((s) => s.segmentId !== null).length} of {r.segments.length} stretches are
              pre-labels
            </span>
          </div>
        </article>
      ))}
    </section>
  );
}
