import { describe, expect, it } from 'vitest';
import type { TubeVersion } from '../../../shared/review/compare';
import { compareVersions, describeReason, divergence } from '../../../shared/review/compare';

function v(
  id: string,
  annotatorId: string,
  start: number,
  end: number,
  label: string[] | null,
  uncertain = false,
): TubeVersion {
  return {
    segmentId: id,
    annotatorId,
    actorId: 'p1',
    startFrame: start,
    endFrame: end,
    labelPath: label,
    uncertain,
  };
}

const FALL_FWD = ['fall', 'fall-forward', 'fall-forward-hands'];
const FALL_FWD_KNEES = ['fall', 'fall-forward', 'fall-forward-knees'];
const FALL_BACK = ['fall', 'fall-backward', 'fall-backward-onto-back'];
const WALK = ['locomotion', 'walking', 'walk'];

describe('comparing independent annotations', () => {
  it('agrees when labels match and boundaries are within the tolerance', () => {
    const [t] = compareVersions(
      [v('a', 'ann', 10, 50, FALL_FWD), v('b', 'bob', 12, 49, FALL_FWD)],
      ['ann', 'bob'],
      {
        toleranceFrames: 3,
      },
    );
    expect(t?.reasons).toEqual([]);
    expect(t?.severity).toBe(0);
    expect(t?.meanIoU).toBeCloseTo(38 / 41, 6);
  });

  it('names the level where two labels part', () => {
    expect(divergence(FALL_FWD, FALL_FWD_KNEES)).toEqual({ kind: 'level', level: 3 });
    expect(divergence(FALL_FWD, FALL_BACK)).toEqual({ kind: 'level', level: 2 });
    expect(divergence(FALL_FWD, WALK)).toEqual({ kind: 'level', level: 1 });
    expect(divergence(FALL_FWD, FALL_FWD.slice(0, 2))).toEqual({ kind: 'prefix' });
    const [t] = compareVersions(
      [v('a', 'ann', 0, 20, FALL_FWD), v('b', 'bob', 0, 20, FALL_BACK)],
      ['ann', 'bob'],
      {
        toleranceFrames: 2,
      },
    );
    expect(t?.reasons).toEqual([
      { kind: 'label', level: 2, labels: { ann: 'fall-forward-hands', bob: 'fall-backward-onto-back' } },
    ]);
  });

  it('raises boundary differences beyond the tolerance, missing tubes and uncertain flags, worst first', () => {
    const out = compareVersions(
      [
        v('a1', 'ann', 0, 30, WALK),
        v('b1', 'bob', 8, 30, WALK, true),
        v('a2', 'ann', 100, 140, FALL_FWD),
        v('a3', 'ann', 200, 210, WALK),
        v('b3', 'bob', 200, 210, FALL_FWD),
      ],
      ['ann', 'bob'],
      { toleranceFrames: 5 },
    );
    expect(out.map((t) => t.reasons.map((r) => r.kind))).toEqual([
      ['missing'],
      ['label'],
      ['boundary', 'uncertain'],
    ]);
    expect(out[0]?.reasons[0]).toEqual({ kind: 'missing', labelledBy: ['ann'], missingFor: ['bob'] });
    expect(out[2]?.reasons[0]).toEqual({ kind: 'boundary', startDiff: 8, endDiff: 0, tolerance: 5 });
    const names = (id: string) => ({ ann: 'Ann', bob: 'Bob' })[id] ?? id;
    expect(describeReason(out[2]?.reasons[1] ?? { kind: 'uncertain', by: [] }, names, (n) => n)).toBe(
      'Marked uncertain by Bob',
    );
  });

  it('matches one to one by overlap, so two short tubes are not both matched to one long one', () => {
    const out = compareVersions(
      [v('a', 'ann', 0, 100, WALK), v('b1', 'bob', 0, 60, WALK), v('b2', 'bob', 61, 100, WALK)],
      ['ann', 'bob'],
      { toleranceFrames: 3 },
    );
    expect(out).toHaveLength(2);
    expect(out.filter((t) => t.reasons.some((r) => r.kind === 'missing'))).toHaveLength(1);
  });

  it('compares three annotators, and keeps people apart', () => {
    const other = { ...v('c9', 'cat', 0, 10, WALK), actorId: 'p2' };
    const out = compareVersions(
      [v('a', 'ann', 0, 10, WALK), v('b', 'bob', 0, 10, WALK), v('c', 'cat', 0, 11, WALK), other],
      ['ann', 'bob', 'cat'],
      { toleranceFrames: 2 },
    );
    const p1 = out.find((t) => t.actorId === 'p1');
    expect(p1?.versions.map((x) => x.annotatorId)).toEqual(['ann', 'bob', 'cat']);
    expect(p1?.reasons).toEqual([]);
    expect(out.find((t) => t.actorId === 'p2')?.reasons[0]).toMatchObject({
      kind: 'missing',
      missingFor: ['ann', 'bob'],
    });
  });

  it('flags a label given at another depth, and a missing label', () => {
    const [d] = compareVersions(
      [v('a', 'ann', 0, 9, FALL_FWD), v('b', 'bob', 0, 9, ['fall'])],
      ['ann', 'bob'],
      { toleranceFrames: 1 },
    );
    expect(d?.reasons.map((r) => r.kind)).toEqual(['depth']);
    const [u] = compareVersions([v('a', 'ann', 0, 9, FALL_FWD), v('b', 'bob', 0, 9, null)], ['ann', 'bob'], {
      toleranceFrames: 1,
    });
    expect(u?.reasons.map((r) => r.kind)).toEqual(['unlabelled']);
  });
});
