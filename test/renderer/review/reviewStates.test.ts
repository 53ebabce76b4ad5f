import { describe, expect, it } from 'vitest';
import { lockReason, stateMeaning } from '../../../renderer/src/features/review/reviewStates';
import { REVIEW_STATES } from '../../../shared/review/states';

describe('review states in words', () => {
  it('lets an annotator change only their own draft or returned tubes', () => {
    expect(lockReason({ reviewState: 'draft', ownerId: 'ann' }, 'annotator', 'ann')).toBeNull();
    expect(lockReason({ reviewState: 'returned', ownerId: 'ann' }, 'annotator', 'ann')).toBeNull();
    expect(lockReason({ reviewState: 'submitted', ownerId: 'ann' }, 'annotator', 'ann')).toBe(
      'This tube is submitted: submitted work is locked until an expert returns it to you.',
    );
    expect(lockReason({ reviewState: 'draft', ownerId: 'bob' }, 'annotator', 'ann')).toMatch(
      /another annotator’s tube/,
    );
  });

  it('sends experts and admins to the review queue for tubes under review', () => {
    for (const role of ['expert', 'admin'] as const) {
      expect(lockReason({ reviewState: 'final', ownerId: 'eve' }, role, 'eve')).toBeNull();
      expect(lockReason({ reviewState: 'disputed', ownerId: 'ann' }, role, 'eve')).toMatch(
        /decide it in the review queue/,
      );
    }
  });

  it('has a meaning for every state', () => {
    for (const s of REVIEW_STATES) expect(stateMeaning(s).length).toBeGreaterThan(0);
  });
});
