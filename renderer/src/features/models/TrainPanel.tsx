import { useState } from 'react';
import type { EpochReportDto } from '../../../../shared/domain/classifier';
import { epochReportSchema } from '../../../../shared/domain/classifier';
import { latestTrainJob } from './modelsSlice';
import type { TrainForm } from './modelsSlice';
import { useModels } from './modelsStore';
import { TrainingCurves } from './plots';

function historyOf(result: Record<string, unknown> | null): EpochReportDto[] {
  const raw = Array.isArray(result?.history) ? (result.history as unknown[]) : [];
  return raw.flatMap((h) => {
    const p = epochReportSchema.safeParse(h);
    return p.success ? [p.data] : [];
  });
}

/** Train a model: the settings, the class counts first (very rare classes flagged), then live curves. */
export function TrainPanel() {
  const levels = useModels((s) => s.levels);
  const preview = useModels((s) => s.preview);
  const previewing = useModels((s) => s.previewing);
  const previewDataset = useModels((s) => s.previewDataset);
  const train = useModels((s) => s.train);
  const cancelJob = useModels((s) => s.cancelJob);
  const posesJob = useModels((s) => s.posesJob);
  const jobs = useModels((s) => s.jobs);
  const [level, setLevel] = useState(1);
  const [architecture, setArchitecture] = useState<'tcn' | 'stgcn'>('stgcn');
  const [epochs, setEpochs] = useState(40);
  const [name, setName] = useState('');
  const [pattern, setPattern] = useState('');
  const form: TrainForm = {
    level,
    architecture,
    epochs,
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(pattern.trim() ? { recordingPattern: pattern.trim() } : {}),
  };
  const job = latestTrainJob(jobs);
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  const history = job ? historyOf(job.result) : [];
  return (
    <section className="models-panel" aria-label="Train a model">
      <h3>Train a model</h3>
      <div className="form-grid">
        <label>
          Level
          <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
            {(levels.length > 0 ? levels : ['situation']).map((l, i) => (
              <option key={l} value={i + 1}>
                {i + 1}. {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Architecture
          <select
            value={architecture}
            onChange={(e) => setArchitecture(e.target.value === 'stgcn' ? 'stgcn' : 'tcn')}
          >
            <option value="stgcn">graph convolution (ST-GCN)</option>
            <option value="tcn">temporal CNN (faster to train)</option>
          </select>
        </label>
        <label>
          Epochs (at most)
          <input
            type="number"
            min={1}
            max={1000}
            value={epochs}
            onChange={(e) => setEpochs(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <label>
          Name
          <input type="text" value={name} placeholder="optional" onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="wide">
          Recording pattern
          <input
            type="text"
            value={pattern}
            placeholder="optional: a regular expression on file paths; equal matches are one recording"
            onChange={(e) => setPattern(e.target.value)}
          />
        </label>
      </div>
      <div className="row">
        <button type="button" onClick={() => void previewDataset(form)} disabled={previewing}>
          {previewing ? 'Counting…' : 'Show class counts'}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void train(form)}
          disabled={running || preview === null}
        >
          Train
        </button>
        {running && job && (
          <button type="button" onClick={() => void cancelJob(job.id)}>
            Cancel training
          </button>
        )}
      </div>
      {posesJob && (posesJob.state === 'queued' || posesJob.state === 'running') && (
        <div className="job-status" aria-label="Pose extraction" data-state={posesJob.state}>
          <p>
            Extracting the poses of the labelled tubes first: {posesJob.done} of {posesJob.total}{' '}
            {posesJob.unit}
            {posesJob.etaSec !== null ? `, about ${Math.ceil(posesJob.etaSec)} s left` : ''}; the class counts
            follow.
          </p>
          <progress max={posesJob.total || 1} value={posesJob.done} />
          <button type="button" onClick={() => void cancelJob(posesJob.id)}>
            Cancel
          </button>
        </div>
      )}
      {preview && (
        <div className="preview">
          <table className="metrics-table" aria-label="Class counts">
            <thead>
              <tr>
                <th>class</th>
                <th>tubes</th>
                <th>recordings</th>
                <th>train</th>
                <th>validation</th>
                <th>test</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {preview.classes.map((c) => (
                <tr key={c.nodeId} className={c.rare ? 'rare' : ''}>
                  <td>{c.name}</td>
                  <td>{c.tubes}</td>
                  <td>{c.recordings}</td>
                  <td>{c.windows.train}</td>
                  <td>{c.windows.validation}</td>
                  <td>{c.windows.test}</td>
                  <td>{c.rare ? 'very rare' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Windows per split; splits by{' '}
            {preview.groupedBy === 'recording' ? 'recording' : 'recording and person'}, seed {preview.seed}.
            Very rare: {preview.rareRule}.
          </p>
          {preview.warnings.map((w) => (
            <p key={w} className="warning">
              {w}
            </p>
          ))}
        </div>
      )}
      {job && (
        <div className="job-status" aria-label="Training progress" data-state={job.state}>
          <p>
            {String(job.result?.name ?? 'Training')}: {job.state}
            {job.state === 'running' ? ` · epoch ${history.length} of ${job.total}` : ''}
            {job.error && job.state === 'failed' ? ` · ${job.error}` : ''}
          </p>
          {job.state === 'running' && <progress max={job.total || 1} value={job.done} />}
          {history.length > 0 && <TrainingCurves history={history} />}
        </div>
      )}
    </section>
  );
}
