import { useEffect, useMemo, useRef, useState } from 'react';
import type { Segment } from '../../../../shared/domain/annotation';
import { playbackSourceOf } from '../../../../shared/domain/video';
import { pathLabel } from '../../../../shared/taxonomy/tree';
import type { ReviewDetail } from '../../store/reviewSlice';
import { personName } from '../../store/peopleSlice';
import { useApp } from '../../store/store';
import { AuditLog } from '../audit/AuditLog';
import { hrefOf, navigate } from '../shell/route';
import { actorName } from '../workspace/segmentQueries';
import { Comments } from './Comments';
import { ReviewPlayer } from './ReviewPlayer';
import type { VersionLane } from './versionLayout';
import { FINAL_COLOR, versionColor } from './versionLayout';

/** Each annotator's version, and the expert's final one where it is a copy of its own. */
function lanesOf(detail: ReviewDetail, name: (id: string | null) => string): VersionLane[] {
  const byId = new Map(detail.segments.map((s) => [s.id, s]));
  const lanes: VersionLane[] = [];
  detail.item.versions.forEach((v, i) => {
    const segment = byId.get(v.segmentId);
    if (segment)
      lanes.push({
        key: v.segmentId,
        name: name(v.annotatorId),
        color: versionColor(i),
        segment,
        final: false,
      });
  });
  const finalId = detail.item.finalSegmentId;
  const final = finalId ? byId.get(finalId) : undefined;
  if (final && !detail.item.versions.some((v) => v.segmentId === final.id))
    lanes.push({
      key: final.id,
      name: `Final (${name(final.ownerId)})`,
      color: FINAL_COLOR,
      segment: final,
      final: true,
    });
  return lanes;
}

function FullLabel({ segment }: { segment: Segment }) {
  const tree = useApp((s) => s.taxonomyTree);
  if (!segment.label) return <span className="label-none">unlabelled</span>;
  const id = segment.label.nodeId;
  return (
    <span className="label-text" data-node-id={id}>
      {tree?.nodes.has(id) ? pathLabel(tree, id) : id}
    </span>
  );
}

function VersionCard({
  lane,
  annotatorId,
  canDecide,
  canReturn,
  onReturn,
}: {
  lane: VersionLane;
  annotatorId: string | null;
  canDecide: boolean;
  canReturn: boolean;
  onReturn: (annotatorId: string) => void;
}) {
  const finalize = useApp((s) => s.finalizeReview);
  const notify = useApp((s) => s.notify);
  const s = lane.segment;
  const frames = s.endFrame - s.startFrame + 1;
  return (
    <article
      className={`version-card${lane.final ? ' version-final' : ''}`}
      style={{ borderTopColor: lane.color }}
      aria-label={`Version of ${lane.name}`}
      data-segment-id={s.id}
    >
      <h4>
        <span className="swatch" style={{ background: lane.color }} /> {lane.name}
        <span className={`state-tag state-${s.reviewState}`}>{s.reviewState}</span>
      </h4>
      <dl className="meta">
        <dt>Label</dt>
        <dd aria-label="Label">
          <FullLabel segment={s} />
        </dd>
        <dt>Frames</dt>
        <dd aria-label="Frames">
          {s.startFrame}–{s.endFrame} ({frames} frame{frames === 1 ? '' : 's'})
        </dd>
        <dt>Boxes</dt>
        <dd>
          {s.keyframes.length === 0
            ? 'none'
            : `${s.keyframes.length} keyframe${s.keyframes.length === 1 ? '' : 's'} (${s.keyframes.map((k) => k.frame).join(', ')})`}
        </dd>
        <dt>Uncertain</dt>
        <dd>{s.uncertain ? 'yes' : 'no'}</dd>
        {s.note && (
          <>
            <dt>Note</dt>
            <dd className="note-text">{s.note}</dd>
          </>
        )}
      </dl>
      {!lane.final && (
        <div className="version-actions">
          <button
            type="button"
            className="primary"
            disabled={!canDecide}
            onClick={() =>
              void finalize(s.id, false).then((f) => {
                if (f) notify('info', `Made final: ${lane.name}’s version.`);
              })
            }
          >
            Accept this version
          </button>
          <button
            type="button"
            disabled={!canDecide}
            title="Copy this version into a final one of your own and open it in the workspace"
            onClick={() =>
              void finalize(s.id, true).then((f) => {
                if (f) navigate({ kind: 'video', videoId: f.videoId, frame: f.startFrame, segmentId: f.id });
              })
            }
          >
            Make a final version to edit
          </button>
          {annotatorId && (
            <button type="button" disabled={!canReturn} onClick={() => onReturn(annotatorId)}>
              Return to {lane.name}
            </button>
          )}
        </div>
      )}
      {lane.final && (
        <div className="version-actions">
          <a
            className="button"
            href={hrefOf({ kind: 'video', videoId: s.videoId, frame: s.startFrame, segmentId: s.id })}
          >
            Edit the final version
          </a>
        </div>
      )}
    </article>
  );
}

function FinalBanner({ detail, lanes }: { detail: ReviewDetail; lanes: readonly VersionLane[] }) {
  const users = useApp((s) => s.users);
  const item = detail.item;
  if (item.state !== 'final') return null;
  const lane = lanes.find((l) => l.segment.id === item.finalSegmentId);
  return (
    <div className="final-banner" role="status" aria-label="Final state">
      <strong>Final.</strong>{' '}
      {lane ? (
        <>
          {lane.final ? 'An expert’s final version' : `${lane.name}’s version was accepted`}:{' '}
          <FullLabel segment={lane.segment} />, frames {lane.segment.startFrame}–{lane.segment.endFrame}.
        </>
      ) : (
        'The final tube is no longer there.'
      )}
      <span className="muted"> Decided {new Date(item.updatedAt).toLocaleString()}</span>
      {lane && lane.segment.ownerId && lane.final && (
        <span className="muted"> by {personName(users, lane.segment.ownerId)}</span>
      )}
    </div>
  );
}

/** The expert's view of one review item: the versions side by side, on the frame and on a timeline. */
export function ReviewItemView({ itemId }: { itemId: string }) {
  const detail = useApp((s) => s.reviewDetail);
  const error = useApp((s) => s.reviewDetailError);
  const frameTimes = useApp((s) => s.reviewFrameTimes);
  const video = useApp((s) => (s.reviewDetail ? s.videos[s.reviewDetail.item.videoId] : undefined));
  const actor = useApp((s) => (s.reviewDetail ? s.reviewActors[s.reviewDetail.item.actorId] : undefined));
  const users = useApp((s) => s.users);
  const openReviewItem = useApp((s) => s.openReviewItem);
  const returnReview = useApp((s) => s.returnReview);
  const commentReview = useApp((s) => s.commentReview);
  const notify = useApp((s) => s.notify);
  const loadUsers = useApp((s) => s.loadUsers);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void openReviewItem(itemId);
    void loadUsers();
    return () => void openReviewItem(null);
  }, [itemId, openReviewItem, loadUsers]);

  const lanes = useMemo(
    () => (detail && detail.item.id === itemId ? lanesOf(detail, (id) => personName(users, id)) : []),
    [detail, itemId, users],
  );

  if (error)
    return (
      <div className="ws-message" role="alert">
        <p>
          Cannot open this review item: {error}
          {/no such review item/i.test(error) &&
            ' Items are compared again when returned work is resubmitted: the new one is in the queue.'}
        </p>
        <a href={hrefOf({ kind: 'review' })}>← Review queue</a>
      </div>
    );
  if (!detail || detail.item.id !== itemId || !video || !frameTimes || frameTimes.videoId !== video.id)
    return <p className="ws-message">Opening the review item…</p>;

  const item = detail.item;
  const canDecide = item.state === 'agreed' || item.state === 'disputed';
  const canReturn = item.state !== 'returned';
  const needComment = (): string | null => {
    const text = comment.trim();
    if (!text) {
      setCommentError('Write what to look at first: the comment goes with the return.');
      commentRef.current?.focus();
      return null;
    }
    setCommentError(null);
    return text;
  };
  const doReturn = (annotatorId: string | null) => {
    const text = needComment();
    if (!text) return;
    void returnReview(annotatorId, text).then((ok) => {
      if (!ok) return;
      setComment('');
      notify(
        'info',
        `Returned to ${annotatorId ? personName(users, annotatorId) : 'the annotators'} with your comment.`,
      );
    });
  };

  return (
    <section
      className="page review-item"
      aria-label="Review item"
      data-item-id={item.id}
      data-state={item.state}
    >
      <div className="page-bar">
        <a href={hrefOf({ kind: 'review' })}>← Review queue</a>
        <h2>
          {item.videoName}
          <span className="muted"> · {actor ? actorName(actor) : 'a person'}</span>
        </h2>
        <span className={`state-tag state-${item.state}`} aria-label="Item state">
          {item.state}
        </span>
        <span className="muted">
          severity {item.severity.toFixed(0)}
          {item.meanIoU !== null && ` · mean tIoU ${item.meanIoU.toFixed(2)}`}
        </span>
        <a
          className="page-bar-link"
          href={hrefOf({ kind: 'video', videoId: item.videoId, frame: lanes[0]?.segment.startFrame ?? 0 })}
        >
          Open the video in the workspace
        </a>
      </div>
      {item.reasonText.length > 0 ? (
        <ul className="reasons reasons-big" aria-label="Reasons">
          {item.reasonText.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">The versions agree{item.state === 'agreed' ? ': a spot check.' : '.'}</p>
      )}
      <FinalBanner detail={detail} lanes={lanes} />
      <div className="review-body">
        <ReviewPlayer
          key={`${video.id}-${playbackSourceOf(video) ?? 'none'}`}
          video={video}
          times={frameTimes.times}
          lanes={lanes}
        />
        <div className="versions" aria-label="Versions">
          {lanes.map((lane) => (
            <VersionCard
              key={lane.key}
              lane={lane}
              annotatorId={item.versions.find((v) => v.segmentId === lane.segment.id)?.annotatorId ?? null}
              canDecide={canDecide}
              canReturn={canReturn}
              onReturn={doReturn}
            />
          ))}
        </div>
      </div>
      <section className="decision" aria-label="Comment and return">
        <h3>Comment</h3>
        <textarea
          ref={commentRef}
          value={comment}
          rows={3}
          aria-label="Comment"
          placeholder="What the annotators should look at (goes with a return, or stays on the item as a comment)"
          onChange={(e) => setComment(e.target.value)}
        />
        {commentError && (
          <p className="form-error" role="alert">
            {commentError}
          </p>
        )}
        <div className="decision-actions">
          <button type="button" disabled={!canReturn} onClick={() => doReturn(null)}>
            Return to all annotators
          </button>
          <button
            type="button"
            onClick={() => {
              const text = needComment();
              if (text) void commentReview(text).then((ok) => ok && setComment(''));
            }}
          >
            Add comment
          </button>
          {!canReturn && <span className="muted">Returned: waiting for the annotators to resubmit.</span>}
        </div>
        <Comments comments={detail.comments} />
      </section>
      <AuditLog segmentIds={lanes.map((l) => l.segment.id)} fileStem={`review-${item.id.slice(0, 8)}`} />
    </section>
  );
}
