import { describe, expect, it } from 'vitest';
import type { ReviewAction, ReviewActor, ReviewState } from '../../../shared/review/states';
import {
  REVIEW_STATES,
  canEditInState,
  reviewTransition,
  usableForTraining,
} from '../../../shared/review/states';

/** The whole table, written out: every (state, action, actor) that is allowed, and where it leads. */
const ALLOWED: Record<string, ReviewState> = {
  'draft submit annotator': 'submitted',
  'draft submit expert': 'submitted',
  'draft submit admin': 'submitted',
  'returned submit annotator': 'submitted',
  'returned submit expert': 'submitted',
  'returned submit admin': 'submitted',
  'submitted agree system': 'agreed',
  'submitted dispute system': 'disputed',
  'agreed finalize expert': 'final',
  'agreed finalize admin': 'final',
  'disputed finalize expert': 'final',
  'disputed finalize admin': 'final',
  'agreed return expert': 'returned',
  'agreed return admin': 'returned',
  'disputed return expert': 'returned',
  'disputed return admin': 'returned',
  'final return expert': 'returned',
  'final return admin': 'returned',
};

const ACTIONS: ReviewAction[] = ['submit', 'agree', 'dispute', 'finalize', 'return'];
const ACTORS: ReviewActor[] = ['annotator', 'expert', 'admin', 'system'];

describe('review state machine', () => {
  const cases = REVIEW_STATES.flatMap((s) => ACTIONS.flatMap((a) => ACTORS.map((by) => [s, a, by] as const)));

  it.each(cases)('%s –%s→ by %s: exactly as the table says', (state, action, by) => {
    const result = reviewTransition(state, action, by);
    const expected = ALLOWED[`${state} ${action} ${by}`];
    if (expected) expect(result).toEqual({ ok: true, to: expected });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
    }
  });

  it('says why a transition is refused: the state, or the role', () => {
    const wrongState = reviewTransition('final', 'submit', 'annotator');
    expect(wrongState.ok ? '' : wrongState.reason).toMatch(/a final tube cannot be submitted/);
    const wrongRole = reviewTransition('disputed', 'finalize', 'annotator');
    expect(wrongRole.ok ? '' : wrongRole.reason).toMatch(/an annotator may not finalize/);
  });

  it('locks submitted work for its annotator until it is returned', () => {
    expect(canEditInState('draft', 'annotator', true)).toBe(true);
    expect(canEditInState('returned', 'annotator', true)).toBe(true);
    for (const s of ['submitted', 'agreed', 'disputed', 'final'] as const)
      expect(canEditInState(s, 'annotator', true)).toBe(false);
    expect(canEditInState('draft', 'annotator', false)).toBe(false);
    expect(canEditInState('final', 'expert', false)).toBe(true);
    expect(canEditInState('disputed', 'expert', false)).toBe(false);
  });

  it('feeds training with final tubes, and agreed ones only where the project says so', () => {
    expect(usableForTraining('final', false)).toBe(true);
    expect(usableForTraining('agreed', false)).toBe(false);
    expect(usableForTraining('agreed', true)).toBe(true);
    expect(usableForTraining('disputed', true)).toBe(false);
  });
});
