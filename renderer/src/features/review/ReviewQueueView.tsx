import { useEffect, useMemo } from 'react';
import type { ItemState } from '../../store/reviewSlice';
import { ITEM_STATES } from '../../store/reviewSlice';
import { personName } from '../../store/peopleSlice';
import { useApp } from '../../store/store';
import { hrefOf, navigate } from '../shell/route';
import { actorName } from '../workspace/segmentQueries';

const STATE_HINT: Record<ItemState, string> = {
  disputed: 'the annotators disagree',
  agreed: 'spot checks',
  returned: 'back with annotators',
  final: 'decided',
};

function StatesFilter() {
  const states = useApp((s) => s.reviewStates);
  const setStates = useApp((s) => s.setReviewStates);
  return (
    <fieldset className="states-filter" aria-label="States">
      <legend>Show</legend>
      {ITEM_STATES.map((st) => (
        <label key={st} className="check">
          <input
            type="checkbox"
            checked={states.includes(st)}
            onChange={(e) =>
              setStates(
                e.target.checked
                  ? ITEM_STATES.filter((x) => x === st || states.includes(x))
                  : states.filter((x) => x !== st),
              )
            }
          />
          {st} <span className="muted">({STATE_HINT[st]})</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Severity as a number and a bar (100 is a tube missing for someone). */
function Severity({ value }: { value: number }) {
  return (
    <span className="severity" title={`severity ${value.toFixed(0)} of 100`}>
      <span className="severity-bar">
        <span style={{ width: `${Math.min(100, Math.max(0, value))}%` }} />
      </span>
      {value.toFixed(0)}
    </span>
  );
}

/** Experts' queue: review items worst first, each with its reasons in words. */
export function ReviewQueueView() {
  const queue = useApp((s) => s.reviewQueue);
  const states = useApp((s) => s.reviewStates);
  const users = useApp((s) => s.users);
  const actors = useApp((s) => s.reviewActors);
  const loadReviewQueue = useApp((s) => s.loadReviewQueue);
  const loadReviewActors = useApp((s) => s.loadReviewActors);
  const loadUsers = useApp((s) => s.loadUsers);
  useEffect(() => {
    void loadReviewQueue();
    void loadUsers();
  }, [loadReviewQueue, loadUsers]);
  const videoIds = useMemo(() => (queue ?? []).map((i) => i.videoId), [queue]);
  useEffect(() => {
    void loadReviewActors(videoIds);
  }, [loadReviewActors, videoIds]);

  return (
    <section className="page" aria-label="Review queue">
      <div className="page-bar">
        <h2>Review</h2>
        <span className="muted">
          {queue ? `${queue.length} item${queue.length === 1 ? '' : 's'}, worst first` : 'loading…'}
        </span>
        <a className="page-bar-link" href={hrefOf({ kind: 'agreement' })}>
          Agreement →
        </a>
      </div>
      <StatesFilter />
      {queue && queue.length === 0 && (
        <p className="empty">
          {states.length === 0
            ? 'Pick the states to list.'
            : `No ${states.join(' or ')} items. Items appear when everyone assigned to a video has submitted.`}
        </p>
      )}
      {queue && queue.length > 0 && (
        <table className="table queue-table">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Video</th>
              <th>Person</th>
              <th>State</th>
              <th>Why</th>
              <th>Annotators</th>
              <th>tIoU</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((item) => {
              const actor = actors[item.actorId];
              return (
                <tr
                  key={item.id}
                  className="clickable"
                  data-item-id={item.id}
                  aria-label={`Review item: ${item.videoName}`}
                  onClick={() => navigate({ kind: 'reviewItem', itemId: item.id })}
                >
                  <td>
                    <Severity value={item.severity} />
                  </td>
                  <td>
                    <a
                      href={hrefOf({ kind: 'reviewItem', itemId: item.id })}
                      onClick={(e) => e.stopPropagation()}
                    >
                      {item.videoName}
                    </a>
                  </td>
                  <td>
                    {actor && <span className="swatch" style={{ background: actor.color }} />}{' '}
                    {actor ? actorName(actor) : '…'}
                  </td>
                  <td>
                    <span className={`state-tag state-${item.state}`}>{item.state}</span>
                  </td>
                  <td>
                    {item.reasonText.length === 0 ? (
                      <span className="muted">no disagreement</span>
                    ) : (
                      <ul className="reasons">
                        {item.reasonText.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{item.versions.map((v) => personName(users, v.annotatorId)).join(', ')}</td>
                  <td>{item.meanIoU === null ? '—' : item.meanIoU.toFixed(2)}</td>
                  <td className="nowrap">{new Date(item.updatedAt).toLocaleString()}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
