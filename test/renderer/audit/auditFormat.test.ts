import { describe, expect, it } from 'vitest';
import type { AuditNames } from '../../../renderer/src/features/audit/auditFormat';
import {
  AUDIT_CSV_COLUMNS,
  auditCsv,
  auditJson,
  describeChange,
  ownerOfChange,
} from '../../../renderer/src/features/audit/auditFormat';
import type { EditEntry, EntityChange } from '../../../shared/domain/edit';

const names: AuditNames = {
  person: (id) => ({ u1: 'Ann', u2: 'Eve' })[id ?? ''] ?? 'nobody',
  label: (nodeId) => ({ fwd: 'Fall › Fall forward', back: 'Fall › Fall backward' })[nodeId] ?? nodeId,
};

const label = (nodeId: string) => ({ nodeId, taxonomyVersion: 1, userId: 'u1', at: 'x' });

function change(before: Record<string, unknown> | null, after: Record<string, unknown> | null): EntityChange {
  return { entity: 'segment', id: 's1', before, after };
}

function entry(over: Partial<EditEntry>): EditEntry {
  return {
    id: 1,
    at: '2026-11-28T11:00:00.000Z',
    userId: 'u1',
    clientId: 'c1',
    videoId: 'v1',
    kind: 'segment.update',
    summary: 'Change the label',
    refEditId: null,
    undone: false,
    changes: [],
    ...over,
  };
}

describe('audit log in words', () => {
  it('describes a new tube: frames, label and state', () => {
    expect(
      describeChange(
        change(null, { startFrame: 30, endFrame: 110, label: null, reviewState: 'draft' }),
        names,
      ),
    ).toEqual(['made: frames 30–110, label none, draft']);
    expect(describeChange(change({ startFrame: 1 }, null), names)).toEqual(['removed']);
  });

  it('lists only the fields that changed, labels by their full path, leaving out revisions', () => {
    const lines = describeChange(
      change(
        { label: label('back'), reviewState: 'returned', startFrame: 30, revision: 3, note: '' },
        { label: label('fwd'), reviewState: 'returned', startFrame: 28, revision: 4, note: 'look' },
      ),
      names,
    );
    expect(lines).toEqual([
      'label: Fall › Fall backward → Fall › Fall forward',
      'start frame: 30 → 28',
      'note: (empty) → "look"',
    ]);
  });

  it('counts box keyframes and names owners', () => {
    expect(
      describeChange(change({ keyframes: [] }, { keyframes: [{ frame: 60 }, { frame: 80 }] }), names),
    ).toEqual(['boxes: no box → 2 box keyframes (60, 80)']);
    expect(describeChange(change({ ownerId: 'u1' }, { ownerId: 'u2' }), names)).toEqual(['owner: Ann → Eve']);
    expect(ownerOfChange(change({ ownerId: 'u1' }, null))).toBe('u1');
    expect(ownerOfChange(change(null, { ownerId: 'u2' }))).toBe('u2');
    expect(ownerOfChange({ entity: 'actor', id: 'a', before: null, after: { name: 'x' } })).toBeNull();
  });

  it('writes CSV with one row per changed entity, quoting what needs it', () => {
    const csv = auditCsv(
      [
        entry({
          summary: 'Return for rework: "look", at frame 80',
          changes: [
            change({ reviewState: 'disputed' }, { reviewState: 'returned' }),
            { ...change({ reviewState: 'disputed' }, { reviewState: 'agreed' }), id: 's2' },
          ],
        }),
        entry({ id: 2, userId: null, kind: 'review.comment', summary: 'Comment', changes: [] }),
      ],
      names,
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(5); // header, two changes, one entry without changes, the final empty line
    expect(lines[1]).toContain(
      ',Ann,c1,v1,segment.update,"Return for rework: ""look"", at frame 80",false,,',
    );
    expect(lines[1]).toContain(',segment,s1,review state: disputed → returned,');
    expect(lines[2]).toContain(',segment,s2,review state: disputed → agreed,');
    expect(lines[3]).toBe('2,2026-11-28T11:00:00.000Z,,nobody,c1,v1,review.comment,Comment,false,,,,,,');
    expect(lines[4]).toBe('');
  });

  it('writes JSON with names and the changes in words beside the entries', () => {
    const parsed = JSON.parse(
      auditJson([entry({ changes: [change({ reviewState: 'agreed' }, { reviewState: 'final' })] })], names),
    ) as { userName: string; described: { lines: string[] }[]; kind: string }[];
    expect(parsed[0]?.userName).toBe('Ann');
    expect(parsed[0]?.kind).toBe('segment.update');
    expect(parsed[0]?.described[0]?.lines).toEqual(['review state: agreed → final']);
  });
});
