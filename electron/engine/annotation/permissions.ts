import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Segment } from '../../../shared/domain/annotation';
import type { Role } from '../../../shared/domain/user';
import { canEditInState, isOpenPreLabel } from '../../../shared/review/states';

/** Who does something, as the services check it. */
export interface Acting {
  userId: string | null;
  role: Role;
}

function assignmentState(db: Database, videoId: string, userId: string): 'open' | 'submitted' | null {
  const r = db
    .prepare('SELECT state FROM assignments WHERE video_id = ? AND user_id = ?')
    .get(videoId, userId) as { state: 'open' | 'submitted' } | undefined;
  return r?.state ?? null;
}

/** Experts and admins see every video; annotators the videos assigned to them. */
export function canSeeVideo(db: Database, who: Acting, videoId: string): boolean {
  if (who.role !== 'annotator') return true;
  return who.userId !== null && assignmentState(db, videoId, who.userId) !== null;
}

export function requireVideoAccess(db: Database, who: Acting, videoId: string): void {
  if (!canSeeVideo(db, who, videoId)) {
    throw new AmeliaError('forbidden', 'This video is not assigned to you.', 'videoId');
  }
}

/**
 * What an annotator sees of a video's tubes: their own, final ones, a model's pre-labels of a video assigned
 * to them (a machine's guess, not another person's label: independence holds), and (once they have
 * submitted their own work, so that labelling stays independent) everyone's.
 */
export function canSeeSegment(db: Database, who: Acting, s: Segment): boolean {
  if (who.role !== 'annotator') return true;
  if (s.ownerId === who.userId || s.reviewState === 'final') return true;
  if (isOpenPreLabel(s)) return canSeeVideo(db, who, s.videoId);
  return who.userId !== null && assignmentState(db, s.videoId, who.userId) === 'submitted';
}

/** Boundaries, boxes and labels change only where the review state allows it for this person. */
export function requireSegmentEdit(who: Acting, s: Segment): void {
  const isOwner = s.ownerId === who.userId || isOpenPreLabel(s);
  if (!canEditInState(s.reviewState, who.role, isOwner)) {
    const why =
      who.role === 'annotator' && !isOwner
        ? 'it is another annotator’s tube'
        : `it is ${s.reviewState}${who.role === 'annotator' ? ' (submitted work is locked until it is returned to you)' : ''}`;
    throw new AmeliaError('forbidden', `You cannot change this tube: ${why}.`, s.id);
  }
}
