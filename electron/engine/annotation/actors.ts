import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Actor } from '../../../shared/domain/annotation';
import {
  actorColor,
  deleteActor,
  getActor,
  nextActorNumber,
  segmentsOfActor,
  writeActor,
} from '../store/annotationRows';
import type { EditMeta, EditOutcome } from './editLog';
import { applyEdit } from './editLog';
import { requireVideo } from './rules';
import { requireSegmentEdit, requireVideoAccess } from './permissions';

export function requireActor(db: Database, actorId: string): Actor {
  const a = getActor(db, actorId);
  if (!a) throw new AmeliaError('not_found', `No actor ${actorId}.`, 'actorId');
  return a;
}

function actorName(a: Actor): string {
  return a.name ? `${a.name} (#${a.number})` : `person ${a.number}`;
}

export function createActor(
  db: Database,
  meta: EditMeta,
  id: string,
  videoId: string,
  name?: string,
): EditOutcome<Actor> {
  requireVideo(db, videoId);
  requireVideoAccess(db, meta, videoId);
  return applyEdit(db, meta, 'actor.create', 'Add a person', videoId, (t) => {
    const number = nextActorNumber(db, videoId);
    const actor: Actor = {
      id,
      videoId,
      number,
      name: name?.trim() ?? '',
      color: actorColor(number),
      createdAt: meta.at,
    };
    t.touch('actor', id);
    writeActor(db, actor);
    return actor;
  });
}

export function updateActor(
  db: Database,
  meta: EditMeta,
  actorId: string,
  patch: { name?: string | undefined; color?: string | undefined },
): EditOutcome<Actor> {
  const actor = requireActor(db, actorId);
  requireVideoAccess(db, meta, actor.videoId);
  return applyEdit(db, meta, 'actor.update', `Change ${actorName(actor)}`, actor.videoId, (t) => {
    t.touch('actor', actorId);
    const next: Actor = {
      ...actor,
      name: patch.name?.trim() ?? actor.name,
      color: patch.color ?? actor.color,
    };
    writeActor(db, next);
    return next;
  });
}

/** Removes an actor with its segments; the edit keeps them all, so undo brings them back. */
export function removeActor(db: Database, meta: EditMeta, actorId: string): EditOutcome<string[]> {
  const actor = requireActor(db, actorId);
  requireVideoAccess(db, meta, actor.videoId);
  return applyEdit(db, meta, 'actor.remove', `Remove ${actorName(actor)}`, actor.videoId, (t) => {
    const segments = segmentsOfActor(db, actorId);
    // Removing a person removes their tubes: only where every one of them may be changed by this person.
    for (const s of segments) requireSegmentEdit(meta, s);
    for (const s of segments) t.touch('segment', s.id);
    t.touch('actor', actorId);
    deleteActor(db, actorId);
    return segments.map((s) => s.id);
  });
}
