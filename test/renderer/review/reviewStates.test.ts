import { describe, expect, it } from 'vitest';
import { lockReason, stateMeaning } from '../../../renderer/src/features/review/reviewStates';
import { REVIEW_STATES } from '../../../shared/review/states';

describe('review states in words', () => {
  it('lets an annotator change only their own draft or returned tubes', () => {
    expect(
      lockReason({ reviewState: 'draft', ownerId: 'ann', origin: 'manual' }, 'annotator', 'ann'),
    ).toBeNull();
    expect(
      lockReason({ reviewState: 'returned', ownerId: 'ann', origin: 'manual' }, 'annotator', 'ann'),
    ).toBeNull();
    expect(
      lockReason({ reviewState: 'submitted', ownerId: 'ann', origin: 'manual' }, 'annotator', 'ann'),
    ).toBe('This tube is submitted: submitted work is locked until an expert returns it to you.');
    expect(
      lockReason({ reviewState: 'draft', ownerId: 'bob', origin: 'manual' }, 'annotator', 'ann'),
    ).toMatch(/another annotator’s tube/);
  });

  it('lets an annotator correct a model’s pre-label of their video, until it is taken over', () => {
    expect(
      lockReason({ reviewState: 'draft', ownerId: 'eve', origin: 'model' }, 'annotator', 'ann'),
    ).toBeNull();
    expect(
      lockReason({ reviewState: 'submitted', ownerId: 'eve', origin: 'model' }, 'annotator', 'ann'),
    ).toMatch(/another annotator’s tube/);
  });

  it('sends experts and admins to the review queue for tubes under review', () => {
    for (const role of ['expert', 'admin'] as const) {
      expect(lockReason({ reviewState: 'final', ownerId: 'eve', origin: 'manual' }, role, 'eve')).toBeNull();
      expect(lockReason({ reviewState: 'disputed', ownerId: 'ann', origin: 'manual' }, role, 'eve')).toMatch(
        /decide it in the review queue/,
      );
    }
  });

  it('has a meaning for every state', () => {
    for (const s of REVIEW_STATES) expect(stateMeaning(s).length).toBeGreaterThan(0);
  });
});
