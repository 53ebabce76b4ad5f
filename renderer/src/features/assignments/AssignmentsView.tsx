import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { personName } from '../../store/peopleSlice';
import { useApp } from '../../store/store';

function toggle(list: readonly string[], id: string, on: boolean): string[] {
  return on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
}

function intIn(text: string, min: number, max: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** Picks videos and annotators, the share labelled independently by several, and a seed. */
function AssignForm() {
  const videos = useApp((s) => s.videos);
  const order = useApp((s) => s.videoOrder);
  const users = useApp((s) => s.users);
  const createAssignments = useApp((s) => s.createAssignments);
  const notify = useApp((s) => s.notify);
  const workers = useMemo(() => users.filter((u) => !u.disabled && u.role !== 'admin'), [users]);
  const [videoIds, setVideoIds] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [overlap, setOverlap] = useState('0');
  const [perOverlap, setPerOverlap] = useState('2');
  const [seed, setSeed] = useState('1');
  const [busy, setBusy] = useState(false);
  const overlapPct = intIn(overlap, 0, 100);
  const per = intIn(perOverlap, 2, 20);
  const seedN = intIn(seed, -2_147_483_648, 2_147_483_647);
  const valid =
    videoIds.length > 0 && userIds.length > 0 && overlapPct !== null && per !== null && seedN !== null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    const made = await createAssignments({
      videoIds,
      userIds,
      overlapShare: overlapPct / 100,
      annotatorsPerOverlap: per,
      seed: seedN,
    });
    setBusy(false);
    if (made !== null) {
      notify('info', `${made} assignment${made === 1 ? '' : 's'} made.`);
      setVideoIds([]);
    }
  };

  return (
    <form className="assign-form" aria-label="Assign videos" onSubmit={(e) => void submit(e)}>
      <fieldset className="pick-list" aria-label="Videos to assign">
        <legend>
          Videos{' '}
          <button
            type="button"
            className="link"
            onClick={() => setVideoIds(videoIds.length === order.length ? [] : [...order])}
          >
            {videoIds.length === order.length && order.length > 0 ? 'none' : 'all'}
          </button>
        </legend>
        {order.length === 0 && <p className="muted">No videos in the project yet.</p>}
        {order.map((id) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={videoIds.includes(id)}
              onChange={(e) => setVideoIds(toggle(videoIds, id, e.target.checked))}
            />
            {videos[id]?.name ?? id}
          </label>
        ))}
      </fieldset>
      <fieldset className="pick-list" aria-label="Annotators">
        <legend>Annotators</legend>
        {workers.length === 0 && <p className="muted">Nobody to assign to: add annotators in People.</p>}
        {workers.map((u) => (
          <label key={u.id} className="check">
            <input
              type="checkbox"
              checked={userIds.includes(u.id)}
              onChange={(e) => setUserIds(toggle(userIds, u.id, e.target.checked))}
            />
            {u.name} <span className="muted">({u.role})</span>
          </label>
        ))}
      </fieldset>
      <div className="assign-options">
        <DigitsField label="Overlap share (%)" value={overlap} onChange={setOverlap} />
        <DigitsField label="Annotators per overlap" value={perOverlap} onChange={setPerOverlap} />
        <DigitsField label="Seed" value={seed} onChange={setSeed} signed />
        <button type="submit" className="primary" disabled={!valid || busy}>
          Assign {videoIds.length} video{videoIds.length === 1 ? '' : 's'}
        </button>
      </div>
      <p className="muted small">
        Each video goes to one annotator in turn; the overlap share of them (chosen by the seed: the same seed
        assigns the same) goes to {per ?? 'several'} annotators each, who label it independently and are then
        compared.
      </p>
    </form>
  );
}

/** Assignments (admins): who labels which video, and how far they are. */
/** A labelled text field that keeps only digits (and a minus sign where `signed`). */
function DigitsField(p: { label: string; value: string; onChange: (v: string) => void; signed?: boolean }) {
  return (
    <label className="field">
      <span>{p.label}</span>
      <input
        type="text"
        inputMode="numeric"
        aria-label={p.label}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value.replace(p.signed ? /[^0-9-]/g : /[^0-9]/g, ''))}
      />
    </label>
  );
}

export function AssignmentsView() {
  const assignments = useApp((s) => s.assignments);
  const loaded = useApp((s) => s.assignmentsLoaded);
  const users = useApp((s) => s.users);
  const videos = useApp((s) => s.videos);
  const loadAssignments = useApp((s) => s.loadAssignments);
  const loadUsers = useApp((s) => s.loadUsers);
  const removeAssignment = useApp((s) => s.removeAssignment);
  const loadVideos = useApp((s) => s.loadVideos);
  useEffect(() => {
    void loadAssignments();
    void loadUsers();
    void loadVideos();
  }, [loadAssignments, loadUsers, loadVideos]);
  const rows = useMemo(
    () =>
      [...assignments].sort(
        (a, b) =>
          (videos[a.videoId]?.name ?? a.videoId).localeCompare(videos[b.videoId]?.name ?? b.videoId) ||
          personName(users, a.userId).localeCompare(personName(users, b.userId)),
      ),
    [assignments, videos, users],
  );
  return (
    <section className="page" aria-label="Assignments">
      <h2>Assignments</h2>
      <AssignForm />
      <h3>Assigned {loaded ? `(${assignments.length})` : ''}</h3>
      {loaded && assignments.length === 0 ? (
        <p className="muted">Nothing assigned yet.</p>
      ) : (
        <table className="table" aria-label="Assignment list">
          <thead>
            <tr>
              <th>Video</th>
              <th>Annotator</th>
              <th>State</th>
              <th>Assigned</th>
              <th>Submitted</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} data-assignment-id={a.id}>
                <td>{videos[a.videoId]?.name ?? a.videoId}</td>
                <td>{personName(users, a.userId)}</td>
                <td>
                  <span className={`state-tag state-${a.state}`}>{a.state}</span>
                </td>
                <td className="nowrap">{new Date(a.createdAt).toLocaleString()}</td>
                <td className="nowrap">{a.submittedAt ? new Date(a.submittedAt).toLocaleString() : '—'}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Remove the assignment of ${videos[a.videoId]?.name ?? a.videoId} to ${personName(users, a.userId)}`}
                    onClick={() => void removeAssignment(a.id)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
