import type { EngineContext } from '../context';
import type { EditMeta, EditOutcome } from '../annotation/editLog';
import { listEdits, redoLast, skipUndo, undoLast, undoState } from '../annotation/editLog';
import { createActor, removeActor, updateActor } from '../annotation/actors';
import { requireVideo } from '../annotation/rules';
import {
  createSegment,
  mergeSegments,
  removeKeyframe,
  removeSegment,
  setKeyframe,
  splitSegment,
  updateSegment,
} from '../annotation/segments';
import { listActors, listSegments } from '../store/annotationRows';
import {
  addNode,
  deprecateNode,
  importTaxonomy,
  mergeNodes,
  moveNode,
  updateNode,
} from '../taxonomy/taxonomyEdits';
import { getTaxonomy, taxonomyDocument, taxonomyDocumentAt, taxonomyHistory } from '../store/taxonomyRows';
import { AmeliaError } from '../../../shared/contract/envelope';
import { announceEdit } from './announce';
import type { HandlerGroup, Who } from './types';
import { canSeeSegment, requireVideoAccess } from '../annotation/permissions';

type AnnotationMethod =
  | `actors.${'list' | 'create' | 'update' | 'remove'}`
  | `segments.${'list' | 'create' | 'update' | 'setKeyframe' | 'removeKeyframe' | 'split' | 'merge' | 'remove'}`
  | `taxonomy.${'get' | 'history' | 'export' | 'addNode' | 'updateNode' | 'moveNode' | 'deprecateNode' | 'mergeNodes' | 'import'}`
  | `edits.${'undo' | 'redo' | 'state' | 'skipUndo' | 'list'}`;

/** Actors, segments, the taxonomy and the edit history: every write is one audited, undoable edit. */
export function annotationHandlers(ctx: EngineContext): HandlerGroup<AnnotationMethod> {
  const { db } = ctx;
  const meta = (who: Who, clientId: string): EditMeta => ({
    userId: who.userId,
    // Methods that edit are never public: the engine has resolved a role before it gets here.
    role: who.role ?? 'annotator',
    clientId,
    at: ctx.now().toISOString(),
  });
  /** Runs an edit, tells the clients, returns its value. */
  const edit = <T>(outcome: EditOutcome<T>): T => {
    announceEdit(ctx, outcome.entry);
    return outcome.value;
  };
  const taxonomy = <T>(outcome: EditOutcome<T>) => {
    edit(outcome);
    return getTaxonomy(db);
  };

  return {
    'actors.list': ({ videoId }, who) => {
      requireVideo(db, videoId);
      requireVideoAccess(db, meta(who, 'read'), videoId);
      return listActors(db, videoId);
    },
    'actors.create': ({ clientId, videoId, name }, who) =>
      edit(createActor(db, meta(who, clientId), ctx.newId(), videoId, name)),
    'actors.update': ({ clientId, actorId, name, color }, who) =>
      edit(updateActor(db, meta(who, clientId), actorId, { name, color })),
    'actors.remove': ({ clientId, actorId }, who) => ({
      actorId,
      removedSegments: edit(removeActor(db, meta(who, clientId), actorId)),
    }),

    'segments.list': ({ videoId }, who) => {
      requireVideo(db, videoId);
      const acting = meta(who, 'read');
      requireVideoAccess(db, acting, videoId);
      return listSegments(db, videoId).filter((s) => canSeeSegment(db, acting, s));
    },
    'segments.create': ({ clientId, ...input }, who) =>
      edit(createSegment(db, meta(who, clientId), ctx.newId(), input)),
    'segments.update': ({ clientId, segmentId, revision, ...patch }, who) =>
      edit(updateSegment(db, meta(who, clientId), segmentId, revision, patch)),
    'segments.setKeyframe': ({ clientId, segmentId, revision, keyframe }, who) =>
      edit(setKeyframe(db, meta(who, clientId), segmentId, revision, keyframe)),
    'segments.removeKeyframe': ({ clientId, segmentId, revision, frame }, who) =>
      edit(removeKeyframe(db, meta(who, clientId), segmentId, revision, frame)),
    'segments.split': ({ clientId, segmentId, revision, frame }, who) =>
      edit(splitSegment(db, meta(who, clientId), segmentId, revision, frame, ctx.newId())),
    'segments.merge': ({ clientId, segmentIds }, who) =>
      edit(mergeSegments(db, meta(who, clientId), segmentIds)),
    'segments.remove': ({ clientId, segmentId, revision }, who) => ({
      segmentId: edit(removeSegment(db, meta(who, clientId), segmentId, revision)),
    }),

    'taxonomy.get': () => getTaxonomy(db),
    'taxonomy.history': () => taxonomyHistory(db),
    'taxonomy.export': ({ version }) => {
      if (version === undefined) return taxonomyDocument(db);
      const doc = taxonomyDocumentAt(db, version);
      if (!doc) throw new AmeliaError('not_found', `The taxonomy has no version ${version}.`, 'version');
      return doc;
    },
    'taxonomy.addNode': ({ clientId, ...input }, who) => taxonomy(addNode(db, meta(who, clientId), input)),
    'taxonomy.updateNode': ({ clientId, nodeId, ...patch }, who) =>
      taxonomy(updateNode(db, meta(who, clientId), nodeId, patch)),
    'taxonomy.moveNode': ({ clientId, nodeId, parentId, index }, who) =>
      taxonomy(moveNode(db, meta(who, clientId), nodeId, parentId, index)),
    'taxonomy.deprecateNode': ({ clientId, nodeId, deprecated }, who) =>
      taxonomy(deprecateNode(db, meta(who, clientId), nodeId, deprecated)),
    'taxonomy.mergeNodes': ({ clientId, sourceId, targetId }, who) =>
      taxonomy(mergeNodes(db, meta(who, clientId), sourceId, targetId)),
    'taxonomy.import': ({ clientId, document }, who) =>
      taxonomy(importTaxonomy(db, meta(who, clientId), document)),

    'edits.undo': ({ clientId }, who) => {
      const entry = undoLast(db, { ...meta(who, clientId), clientId });
      announceEdit(ctx, entry);
      return { entry, ...undoState(db, clientId) };
    },
    'edits.redo': ({ clientId }, who) => {
      const entry = redoLast(db, { ...meta(who, clientId), clientId });
      announceEdit(ctx, entry);
      return { entry, ...undoState(db, clientId) };
    },
    'edits.state': ({ clientId }) => undoState(db, clientId),
    'edits.skipUndo': ({ clientId, editId }) => {
      const skipped = skipUndo(db, clientId, editId);
      return { skipped, ...undoState(db, clientId) };
    },
    'edits.list': ({ videoId, segmentId, limit }) =>
      listEdits(db, { ...(videoId ? { videoId } : {}), ...(segmentId ? { segmentId } : {}), limit }),
  };
}
