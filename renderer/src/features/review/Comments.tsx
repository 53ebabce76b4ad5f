import type { ResponseOf } from '../../../../shared/contract/api';
import { personName } from '../../store/peopleSlice';
import { useApp } from '../../store/store';

type Comment = ResponseOf<'review.get'>['comments'][number];

/** An item's thread: returns (to whom) and comments, oldest first. */
export function Comments({ comments }: { comments: readonly Comment[] }) {
  const users = useApp((s) => s.users);
  if (comments.length === 0) return <p className="muted">No comments yet.</p>;
  return (
    <ol className="comments" aria-label="Comments">
      {comments.map((c) => (
        <li key={c.id} className={`comment comment-${c.kind}`}>
          <div className="comment-head">
            <strong>{personName(users, c.userId)}</strong>
            <span className="muted">
              {c.kind === 'return' ? ` returned it to ${personName(users, c.toUserId)}` : ' commented'} ·{' '}
              {new Date(c.at).toLocaleString()}
            </span>
          </div>
          <p className="comment-text">{c.text}</p>
        </li>
      ))}
    </ol>
  );
}
