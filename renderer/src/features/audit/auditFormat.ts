import type { EditEntry, EntityChange } from '../../../../shared/domain/edit';

/** How people and labels are named in the audit log. */
export interface AuditNames {
  person(userId: string | null): string;
  /** A taxonomy node's full path. */
  label(nodeId: string): string;
}

type Fields = Record<string, unknown>;

function labelOf(v: unknown, names: AuditNames): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'object' && 'nodeId' in v && typeof v.nodeId === 'string') return names.label(v.nodeId);
  return String(JSON.stringify(v));
}

function keyframesOf(v: unknown): string {
  if (!Array.isArray(v)) return 'none';
  if (v.length === 0) return 'no box';
  const frames = v.map((k: unknown) =>
    typeof k === 'object' && k !== null && 'frame' in k ? String(k.frame) : '?',
  );
  return `${v.length} box keyframe${v.length === 1 ? '' : 's'} (${frames.join(', ')})`;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string') return v === '' ? '(empty)' : `"${v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Fields that change on every write and say nothing by themselves. */
const QUIET = new Set(['revision', 'updatedAt', 'id', 'videoId', 'createdAt']);

function describeField(key: string, before: unknown, after: unknown, names: AuditNames): string {
  switch (key) {
    case 'label':
      return `label: ${labelOf(before, names)} → ${labelOf(after, names)}`;
    case 'reviewState':
      return `review state: ${String(before ?? 'none')} → ${String(after ?? 'none')}`;
    case 'startFrame':
      return `start frame: ${text(before)} → ${text(after)}`;
    case 'endFrame':
      return `end frame: ${text(before)} → ${text(after)}`;
    case 'keyframes':
      return `boxes: ${keyframesOf(before)} → ${keyframesOf(after)}`;
    case 'ownerId':
      return `owner: ${names.person(before as string | null)} → ${names.person(after as string | null)}`;
    case 'actorId':
      return 'moved to another person in the video';
    default:
      return `${key}: ${text(before)} → ${text(after)}`;
  }
}

/** Whose version a changed tube is (its owner before or after the change), or null. */
export function ownerOfChange(change: EntityChange): string | null {
  const pick = (v: Record<string, unknown> | null) => (v && typeof v.ownerId === 'string' ? v.ownerId : null);
  return pick(change.after) ?? pick(change.before);
}

/** One change of an entry in words: what was made, removed, or which fields went from what to what. */
export function describeChange(change: EntityChange, names: AuditNames): string[] {
  const before = change.before as Fields | null;
  const after = change.after as Fields | null;
  if (change.entity === 'segment') {
    if (before === null && after !== null) {
      return [
        `made: frames ${text(after.startFrame)}–${text(after.endFrame)}, label ${labelOf(after.label, names)}, ${String(after.reviewState)}`,
      ];
    }
    if (after === null) return ['removed'];
  } else {
    if (before === null) return [`${change.entity} made`];
    if (after === null) return [`${change.entity} removed`];
  }
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((k) => !QUIET.has(k))
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]))
    .map((k) => describeField(k, before?.[k], after?.[k], names));
}

function csvCell(v: string | number | boolean | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const AUDIT_CSV_COLUMNS = [
  'edit',
  'at',
  'user_id',
  'user',
  'client',
  'video',
  'kind',
  'summary',
  'undone',
  'undo_of',
  'entity',
  'entity_id',
  'changes',
  'before',
  'after',
] as const;

/** The audit log as CSV: one row per changed entity of each entry (an entry without changes: one row). */
export function auditCsv(entries: readonly EditEntry[], names: AuditNames): string {
  const rows: string[] = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const common = [
      e.id,
      e.at,
      e.userId,
      names.person(e.userId),
      e.clientId,
      e.videoId,
      e.kind,
      e.summary,
      e.undone,
      e.refEditId,
    ];
    const changes = e.changes.length > 0 ? e.changes : [null];
    for (const c of changes) {
      const cells = c
        ? [
            c.entity,
            c.id,
            describeChange(c, names).join('; '),
            c.before === null ? null : JSON.stringify(c.before),
            c.after === null ? null : JSON.stringify(c.after),
          ]
        : [null, null, null, null, null];
      rows.push([...common, ...cells].map(csvCell).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** The audit log as JSON: the entries as the engine keeps them, with names and changes in words beside. */
export function auditJson(entries: readonly EditEntry[], names: AuditNames): string {
  return `${JSON.stringify(
    entries.map((e) => ({
      ...e,
      userName: names.person(e.userId),
      described: e.changes.map((c) => ({ entity: c.entity, id: c.id, lines: describeChange(c, names) })),
    })),
    null,
    2,
  )}\n`;
}
