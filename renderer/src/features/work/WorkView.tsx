import { useEffect, useState } from 'react';
import type { WorkQueue } from '../../store/reviewSlice';
import { useApp } from '../../store/store';
import { Modal } from '../../ui/Modal';
import { Comments } from '../review/Comments';
import { hrefOf } from '../shell/route';
import { LabelText } from '../workspace/labels/LabelText';

type AssignedVideo = WorkQueue['assignments'][number];
type ReturnedItem = WorkQueue['returned'][number];

/** Asks before submitting: submitted tubes are locked until an expert returns them. */
function SubmitDialog({ work, onClose }: { work: AssignedVideo; onClose: () => void }) {
  const submitWork = useApp((s) => s.submitWork);
  const notify = useApp((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const r = await submitWork(work.videoId);
    setBusy(false);
    if (!r) return;
    onClose();
    notify(
      'info',
      `Submitted ${r.submitted} tube${r.submitted === 1 ? '' : 's'} of ${work.videoName}. ${
        r.compared
          ? 'Everyone assigned has submitted: the tubes were compared, and any disagreement goes to an expert.'
          : 'The comparison runs once everyone assigned to it has submitted.'
      }`,
    );
  };
  return (
    <Modal title={`Submit ${work.videoName}?`} onClose={onClose}>
      <p>
        You are submitting your {work.tubes} tube{work.tubes === 1 ? '' : 's'} of{' '}
        <strong>{work.videoName}</strong> for review.
      </p>
      <p>
        Submitted tubes are <strong>locked</strong>: you cannot change them until an expert returns them to
        you. Where others label this video too, you then see their tubes, and the comparison runs once
        everyone has submitted.
      </p>
      <div className="modal-foot">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
          {busy ? 'Submitting…' : 'Submit and lock'}
        </button>
      </div>
    </Modal>
  );
}

function AssignedRow({ work }: { work: AssignedVideo }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr aria-label={work.videoName} data-video-id={work.videoId} data-state={work.state}>
      <td>
        <a href={hrefOf({ kind: 'video', videoId: work.videoId })}>{work.videoName}</a>
      </td>
      <td>
        <span className={`state-tag state-${work.state}`}>
          {work.state === 'open' ? 'to do' : 'submitted'}
        </span>
      </td>
      <td aria-label="Tubes">{work.tubes}</td>
      <td className="nowrap">{work.submittedAt ? new Date(work.submittedAt).toLocaleString() : '—'}</td>
      <td>
        <div className="row-actions">
          <a className="button" href={hrefOf({ kind: 'video', videoId: work.videoId })}>
            Open
          </a>
          {work.state === 'open' && (
            <button type="button" className="primary" onClick={() => setConfirming(true)}>
              Submit…
            </button>
          )}
        </div>
        {confirming && <SubmitDialog work={work} onClose={() => setConfirming(false)} />}
      </td>
    </tr>
  );
}

function ReturnedCard({ item }: { item: ReturnedItem }) {
  const first = item.segments[0];
  return (
    <li
      className="returned"
      aria-label={`Returned: ${item.videoName}, frames ${item.startFrame}–${item.endFrame}`}
    >
      <div className="returned-head">
        <strong>{item.videoName}</strong>
        <span className="muted">
          frames {item.startFrame}–{item.endFrame}
        </span>
        <a
          className="button primary"
          href={hrefOf({
            kind: 'video',
            videoId: item.videoId,
            frame: item.startFrame,
            ...(first ? { segmentId: first.id } : {}),
          })}
        >
          Open at frames {item.startFrame}–{item.endFrame}
        </a>
      </div>
      {item.segments.length === 0 ? (
        <p className="muted">You made no tube here: the expert asks you to look at these frames.</p>
      ) : (
        <ul className="returned-tubes">
          {item.segments.map((s) => (
            <li key={s.id}>
              Your tube {s.startFrame}–{s.endFrame}: <LabelText label={s.label} />{' '}
              <span className={`state-tag state-${s.reviewState}`}>{s.reviewState}</span>
            </li>
          ))}
        </ul>
      )}
      <Comments comments={item.comments} />
    </li>
  );
}

/** An annotator's inbox: assigned videos to label and submit, and work returned with the expert's comments. */
export function WorkView() {
  const queue = useApp((s) => s.workQueue);
  const loadWorkQueue = useApp((s) => s.loadWorkQueue);
  const loadUsers = useApp((s) => s.loadUsers);
  useEffect(() => {
    void loadWorkQueue();
    void loadUsers();
  }, [loadWorkQueue, loadUsers]);
  if (!queue) return <p className="ws-message">Loading your work…</p>;
  return (
    <section className="page" aria-label="My work">
      <h2>My work</h2>
      <section aria-label="Returned to you">
        <h3>
          Returned to you{' '}
          {queue.returned.length > 0 && <span className="count-badge">{queue.returned.length}</span>}
        </h3>
        {queue.returned.length === 0 ? (
          <p className="muted">Nothing returned.</p>
        ) : (
          <ul className="returned-list">
            {queue.returned.map((r) => (
              <ReturnedCard key={r.itemId} item={r} />
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Assigned videos">
        <h3>Assigned videos</h3>
        {queue.assignments.length === 0 ? (
          <p className="muted">Nothing is assigned to you yet: an admin assigns videos.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Video</th>
                <th>State</th>
                <th>Your tubes</th>
                <th>Submitted</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {queue.assignments.map((a) => (
                <AssignedRow key={a.id} work={a} />
              ))}
            </tbody>
          </table>
        )}
        <p className="muted small">
          Label a video in its workspace, then submit it here. Submitting locks your tubes until an expert
          returns them; where several people label a video independently, you see only your own tubes until
          you have submitted.
        </p>
      </section>
    </section>
  );
}
