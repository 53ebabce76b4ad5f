import type { Segment } from '../../../../shared/domain/annotation';
import type { Role } from '../../../../shared/domain/user';
import type { ReviewState } from '../../../../shared/review/states';
import { canEditInState, isOpenPreLabel } from '../../../../shared/review/states';

/** What a review state means, for people. */
export function stateMeaning(state: ReviewState): string {
  switch (state) {
    case 'draft':
      return 'being labelled';
    case 'submitted':
      return 'submitted, waiting for the other annotators';
    case 'agreed':
      return 'the annotators agree';
    case 'disputed':
      return 'the annotators disagree: an expert decides';
    case 'returned':
      return 'returned to its annotator for rework';
    case 'final':
      return 'final';
  }
}

/**
 * Why someone may not change a tube, or null where they may (the rule of `canEditInState`; the engine
 * applies the same one and refuses the edit anyway).
 */
export function lockReason(
  seg: Pick<Segment, 'reviewState' | 'ownerId' | 'origin'>,
  role: Role,
  userId: string | null,
): string | null {
  const isOwner = seg.ownerId === userId || isOpenPreLabel(seg);
  if (canEditInState(seg.reviewState, role, isOwner)) return null;
  if (role === 'annotator') {
    if (!isOwner) return 'This is another annotator’s tube: you can look, not change it.';
    return `This tube is ${seg.reviewState}: submitted work is locked until an expert returns it to you.`;
  }
  return `This tube is ${seg.reviewState}: decide it in the review queue (accept a version, make a final version to edit, or return it).`;
}
