import { useEffect, useMemo, useState } from 'react';
import type { ExportPlanSummary } from '../../../../shared/contract/methods/exports';
import type { ApiError, Envelope } from '../../../../shared/contract/envelope';
import type { User } from '../../../../shared/domain/user';
import { useApp } from '../../store/store';
import { Modal } from '../../ui/Modal';
import { JobProgress } from '../library/JobProgress';
import type { ExportForm } from './exportForm';
import { formProblems, initialExportForm, toExportOptions } from './exportForm';
import { ExportPlanView } from './ExportPlanView';
import { ExportSelectionFields } from './ExportSelectionFields';
import { ExportCardFields, ExportClassFields, ExportFormatFields } from './ExportOutputFields';
import './dataset.css';

const PREVIEW_DELAY_MS = 350;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** The finished export: where it is and what it holds. */
function ExportDone({ result }: { result: Record<string, unknown> }) {
  const n = (k: string) => (typeof result[k] === 'number' ? (result[k] as number) : 0);
  return (
    <p className="export-done" aria-label="Export written">
      Written to <code>{String(result.outDir ?? '')}</code>: {n('tubes')} tubes, {n('clips')} clips,{' '}
      {n('files')} files, {sizeText(n('bytes'))}.
    </p>
  );
}

/**
 * The dataset export: which tubes, the classes' level, splits, formats and privacy, with a live preview of
 * what would be written; then a job with progress and cancel. The folder appears only when it is complete.
 */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const projectDir = useApp((s) => s.system?.project.dir ?? null);
  const previewExport = useApp((s) => s.previewExport);
  const startExport = useApp((s) => s.startExport);
  const listPeople = useApp((s) => s.listPeople);
  const [form, setForm] = useState<ExportForm>(() => initialExportForm(projectDir, new Date()));
  const [people, setPeople] = useState<User[]>([]);
  const [answer, setAnswer] = useState<{ key: string; result: Envelope<ExportPlanSummary> } | null>(null);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useApp((s) => (jobId ? (s.jobs[jobId] ?? null) : null));
  const problems = useMemo(() => formProblems(form), [form]);
  const options = useMemo(() => toExportOptions(form), [form]);
  // Asked again when a job of this dialog ends: the folder it wrote is then taken.
  const key = problems.length > 0 ? '' : `${JSON.stringify(options)}|${job?.state ?? ''}`;
  const current = answer !== null && answer.key === key ? answer.result : null;
  const pending = key !== '' && current === null;
  const plan = current?.ok ? current.value : null;
  const error = startError ?? (current && !current.ok ? current.error : null);
  const folderProblem = plan?.folderProblem ?? null;
  const change = (patch: Partial<ExportForm>) => {
    setStartError(null);
    setForm((f) => ({ ...f, ...patch }));
  };

  useEffect(() => {
    void listPeople().then(setPeople);
  }, [listPeople]);
  useEffect(() => {
    if (key === '') return;
    let live = true;
    const timer = window.setTimeout(() => {
      void previewExport(options).then((result) => {
        if (live) setAnswer({ key, result });
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, options, previewExport]);

  const start = async () => {
    const r = await startExport(options);
    if (r.ok) setJobId(r.value);
    else setStartError(r.error);
  };
  const canStart =
    problems.length === 0 &&
    error === null &&
    folderProblem === null &&
    !pending &&
    plan !== null &&
    plan.tubes > 0;

  return (
    <Modal title="Export a dataset" onClose={onClose} wide className="export-dialog">
      <div className="export-body">
        <div className="export-form">
          <fieldset className="export-fields">
            <legend>Folder</legend>
            <label className="export-row">
              <span className="export-label">Write to</span>
              <input
                type="text"
                value={form.outDir}
                spellCheck={false}
                aria-label="Export folder"
                onChange={(e) => change({ outDir: e.target.value })}
              />
            </label>
            <label className="export-check">
              <input
                type="checkbox"
                checked={form.overwrite}
                onChange={(e) => change({ overwrite: e.target.checked })}
              />
              replace an earlier amelia export there (never any other folder)
            </label>
          </fieldset>
          <ExportSelectionFields form={form} change={change} people={people} />
          <ExportClassFields form={form} change={change} />
          <ExportFormatFields form={form} change={change} replace={setForm} />
          <ExportCardFields form={form} change={change} />
        </div>
        <aside className="export-side" aria-live="polite">
          <h3>Preview</h3>
          {problems.length > 0 && (
            <ul className="export-notes export-problems" aria-label="Problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {(error ?? folderProblem) && (
            <p className="export-error" role="alert">
              {error?.message ?? folderProblem}
            </p>
          )}
          {pending && problems.length === 0 && <p className="muted">counting…</p>}
          {plan && <ExportPlanView plan={plan} />}
          {job && <JobProgress job={job} />}
          {job?.state === 'done' && job.result && <ExportDone result={job.result} />}
        </aside>
      </div>
      <div className="modal-foot">
        <span className="muted">
          {plan && plan.tubes === 0
            ? 'Nothing to export: widen the selection.'
            : 'Nothing is written until you export.'}
        </span>
        <button type="button" onClick={onClose}>
          {job ? 'Close' : 'Cancel'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!canStart || (job !== null && (job.state === 'queued' || job.state === 'running'))}
          onClick={() => void start()}
        >
          Export
        </button>
      </div>
    </Modal>
  );
}
