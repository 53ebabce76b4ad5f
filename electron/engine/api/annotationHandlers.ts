import type { EngineContext } from '../context';
import type { EditMeta, EditOutcome } from '../annotation/editLog';
import { listEdits, redoLast, undoLast, undoState } from '../annotation/editLog';
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
import type { Caller, HandlerGroup } from './types';

type AnnotationMethod =
  | `actors.${'list' | 'create' | 'update' | 'remove'}`
  | `segments.${'list' | 'create' | 'update' | 'setKeyframe' | 'removeKeyframe' | 'split' | 'merge' | 'remove'}`
  | `taxonomy.${'get' | 'history' | 'export' | 'addNode' | 'updateNode' | 'moveNode' | 'deprecateNode' | 'mergeNodes' | 'import'}`
  | `edits.${'undo' | 'redo' | 'state' | 'list'}`;

/** Actors, segments, the taxonomy and the edit history: every write is one audited, undoable edit. */
export function annotationHandlers(ctx: EngineContext): HandlerGroup<AnnotationMethod> {
  const { db } = ctx;
  const meta = (caller: Caller, clientId: string): EditMeta => ({
    userId: caller.userId,
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
    'actors.list': ({ videoId }) => {
      requireVideo(db, videoId);
      return listActors(db, videoId);
    },
    'actors.create': ({ clientId, videoId, name }, caller) =>
      edit(createActor(db, meta(caller, clientId), ctx.newId(), videoId, name)),
    'actors.update': ({ clientId, actorId, name, color }, caller) =>
      edit(updateActor(db, meta(caller, clientId), actorId, { name, color })),
    'actors.remove': ({ clientId, actorId }, caller) => ({
      actorId,
      removedSegments: edit(removeActor(db, meta(caller, clientId), actorId)),
    }),

    'segments.list': ({ videoId }) => {
      requireVideo(db, videoId);
      return listSegments(db, videoId);
    },
    'segments.create': ({ clientId, ...input }, caller) =>
      edit(createSegment(db, meta(caller, clientId), ctx.newId(), input)),
    'segments.update': ({ clientId, segmentId, revision, ...patch }, caller) =>
      edit(updateSegment(db, meta(caller, clientId), segmentId, revision, patch)),
    'segments.setKeyframe': ({ clientId, segmentId, revision, keyframe }, caller) =>
      edit(setKeyframe(db, meta(caller, clientId), segmentId, revision, keyframe)),
    'segments.removeKeyframe': ({ clientId, segmentId, revision, frame }, caller) =>
      edit(removeKeyframe(db, meta(caller, clientId), segmentId, revision, frame)),
    'segments.split': ({ clientId, segmentId, revision, frame }, caller) =>
      edit(splitSegment(db, meta(caller, clientId), segmentId, revision, frame, ctx.newId())),
    'segments.merge': ({ clientId, segmentIds }, caller) =>
      edit(mergeSegments(db, meta(caller, clientId), segmentIds)),
    'segments.remove': ({ clientId, segmentId, revision }, caller) => ({
      segmentId: edit(removeSegment(db, meta(caller, clientId), segmentId, revision)),
    }),

    'taxonomy.get': () => getTaxonomy(db),
    'taxonomy.history': () => taxonomyHistory(db),
    'taxonomy.export': ({ version }) => {
      if (version === undefined) return taxonomyDocument(db);
      const doc = taxonomyDocumentAt(db, version);
      if (!doc) throw new AmeliaError('not_found', `The taxonomy has no version ${version}.`, 'version');
      return doc;
    },
    'taxonomy.addNode': ({ clientId, ...input }, caller) =>
      taxonomy(addNode(db, meta(caller, clientId), input)),
    'taxonomy.updateNode': ({ clientId, nodeId, ...patch }, caller) =>
      taxonomy(updateNode(db, meta(caller, clientId), nodeId, patch)),
    'taxonomy.moveNode': ({ clientId, nodeId, parentId, index }, caller) =>
      taxonomy(moveNode(db, meta(caller, clientId), nodeId, parentId, index)),
    'taxonomy.deprecateNode': ({ clientId, nodeId, deprecated }, caller) =>
      taxonomy(deprecateNode(db, meta(caller, clientId), nodeId, deprecated)),
    'taxonomy.mergeNodes': ({ clientId, sourceId, targetId }, caller) =>
      taxonomy(mergeNodes(db, meta(caller, clientId), sourceId, targetId)),
    'taxonomy.import': ({ clientId, document }, caller) =>
      taxonomy(importTaxonomy(db, meta(caller, clientId), document)),

    'edits.undo': ({ clientId }, caller) => {
      const entry = undoLast(db, { ...meta(caller, clientId), clientId });
      announceEdit(ctx, entry);
      return { entry, ...undoState(db, clientId) };
    },
    'edits.redo': ({ clientId }, caller) => {
      const entry = redoLast(db, { ...meta(caller, clientId), clientId });
      announceEdit(ctx, entry);
      return { entry, ...undoState(db, clientId) };
    },
    'edits.state': ({ clientId }) => undoState(db, clientId),
    'edits.list': ({ videoId, segmentId, limit }) =>
      listEdits(db, { ...(videoId ? { videoId } : {}), ...(segmentId ? { segmentId } : {}), limit }),
  };
}
