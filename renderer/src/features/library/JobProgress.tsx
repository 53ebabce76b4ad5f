import type { Job } from '../../../../shared/domain/job';
import { assertNever } from '../../../../shared/util/assertNever';
import { useApp } from '../../store/store';

const KIND_LABEL: Record<Job['kind'], string> = {
  proxy: 'Playback proxy',
  thumbnails: 'Thumbnails',
  export: 'Dataset export',
  poses: 'Poses',
  train: 'Training',
  infer: 'Situation inference',
};

function stateText(job: Job): string {
  switch (job.state) {
    case 'queued':
      return 'waiting';
    case 'running': {
      const rate =
        job.rate !== null && job.rate > 0
          ? ` · ${job.rate.toFixed(job.rate < 10 ? 1 : 0)} ${job.unit}/s`
          : '';
      const eta = job.etaSec !== null ? ` · ${Math.ceil(job.etaSec)} s left` : '';
      return `${job.done}/${job.total} ${job.unit}${rate}${eta}`;
    }
    case 'done':
      return 'done';
    case 'failed':
      return `failed: ${job.error ?? 'unknown error'}`;
    case 'cancelled':
      return 'cancelled';
    default:
      return assertNever(job.state, 'job state');
  }
}

export function JobProgress({ job }: { job: Job }) {
  const cancel = useApp((s) => s.cancelJob);
  const retry = useApp((s) => s.retryJob);
  const label = KIND_LABEL[job.kind];
  return (
    <div className={`job job-${job.state}`} aria-label={`${label} job`} data-state={job.state}>
      <div className="job-line">
        <span className="job-kind">{label}</span>
        <span className="job-state">{stateText(job)}</span>
        {(job.state === 'queued' || job.state === 'running') && (
          <button type="button" className="link" onClick={() => void cancel(job.id)}>
            Cancel
          </button>
        )}
        {(job.state === 'failed' || job.state === 'cancelled') && (
          <button type="button" className="link" onClick={() => void retry(job.id)}>
            Run again
          </button>
        )}
      </div>
      {job.state !== 'done' && (
        <progress
          max={job.total || 1}
          value={job.state === 'queued' ? 0 : job.done}
          aria-label={`${label} progress`}
        />
      )}
    </div>
  );
}
