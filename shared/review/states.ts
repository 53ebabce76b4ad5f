import { z } from 'zod';
import type { Role } from '../domain/user';

/** The review states of a tube. Only the allowed transitions below exist. */
export const reviewStateSchema = z.enum(['draft', 'submitted', 'agreed', 'disputed', 'returned', 'final']);
export type ReviewState = z.infer<typeof reviewStateSchema>;
export const REVIEW_STATES = reviewStateSchema.options;

export const reviewActionSchema = z.enum(['submit', 'agree', 'dispute', 'finalize', 'return']);
export type ReviewAction = z.infer<typeof reviewActionSchema>;

/** Who acts: a person by role, or the engine itself (comparing independent annotations). */
export type ReviewActor = Role | 'system';

interface Transition {
  action: ReviewAction;
  from: readonly ReviewState[];
  to: ReviewState;
  by: readonly ReviewActor[];
}

/**
 * The review loop. Annotators submit drafts (and returned work); the engine compares independent
 * annotations of the same person and time and marks them agreed or disputed; experts (and admins)
 * make a version final or return it to its annotator with a comment, also after a spot-check of an
 * agreed or final tube.
 */
export const REVIEW_TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', by: ['annotator', 'expert', 'admin'] },
  { action: 'agree', from: ['submitted'], to: 'agreed', by: ['system'] },
  { action: 'dispute', from: ['submitted'], to: 'disputed', by: ['system'] },
  { action: 'finalize', from: ['agreed', 'disputed'], to: 'final', by: ['expert', 'admin'] },
  { action: 'return', from: ['agreed', 'disputed', 'final'], to: 'returned', by: ['expert', 'admin'] },
];

export type TransitionCheck = { ok: true; to: ReviewState } | { ok: false; reason: string };

/** Where `action` by `by` takes a tube in `from`, or why it may not. */
export function reviewTransition(from: ReviewState, action: ReviewAction, by: ReviewActor): TransitionCheck {
  const t = REVIEW_TRANSITIONS.find((x) => x.action === action);
  if (!t) return { ok: false, reason: `no action "${action}"` };
  if (!t.from.includes(from)) {
    return {
      ok: false,
      reason: `a ${from} tube cannot be ${pastTense(action)} (only ${t.from.join(' or ')} ones can)`,
    };
  }
  if (!t.by.includes(by)) {
    return { ok: false, reason: `${by === 'system' ? 'the engine' : `an ${by}`} may not ${action} a tube` };
  }
  return { ok: true, to: t.to };
}

function pastTense(action: ReviewAction): string {
  switch (action) {
    case 'submit':
      return 'submitted';
    case 'agree':
      return 'marked agreed';
    case 'dispute':
      return 'marked disputed';
    case 'finalize':
      return 'made final';
    case 'return':
      return 'returned';
  }
}

/**
 * Whether someone may change a tube's boundaries, boxes or label in a state. Annotators change their own
 * work while it is a draft or returned to them (submitted work is locked for them); experts and admins
 * change final versions (that is how an expert edits the final one) and drafts.
 */
export function canEditInState(state: ReviewState, role: Role, isOwner: boolean): boolean {
  switch (role) {
    case 'annotator':
      return isOwner && (state === 'draft' || state === 'returned');
    case 'expert':
    case 'admin':
      return state === 'draft' || state === 'returned' || state === 'final';
  }
}

/** States whose tubes feed training and export: final, and agreed where the project says so. */
export function usableForTraining(state: ReviewState, agreedCountsAsFinal: boolean): boolean {
  return state === 'final' || (agreedCountsAsFinal && state === 'agreed');
}

/**
 * A model's pre-label nobody has taken over yet: whoever may see it may correct it, and confirming or
 * changing its label makes it theirs (then it counts for training and export).
 */
export function isOpenPreLabel(seg: { origin: string; reviewState: ReviewState }): boolean {
  return seg.origin === 'model' && seg.reviewState === 'draft';
}
