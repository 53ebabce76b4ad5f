import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import { findOverlap } from '../../../shared/annotation/overlap';
import type { SegmentSpan } from '../../../shared/annotation/overlap';
import type { TaxonomyTree } from '../../../shared/taxonomy/tree';
import { buildTree, pathLabel } from '../../../shared/taxonomy/tree';
import type { VideoRecord } from '../store/videoRows';
import { getVideo } from '../store/videoRows';
import { getSegment, segmentSpansOfActor } from '../store/annotationRows';
import { getNode, listNodes } from '../store/taxonomyRows';

export function requireVideo(db: Database, videoId: string): VideoRecord {
  const v = getVideo(db, videoId);
  if (!v) throw new AmeliaError('not_found', `No video ${videoId} in this project.`, 'videoId');
  return v;
}

export function taxonomyTree(db: Database): TaxonomyTree {
  return buildTree(listNodes(db));
}

/** A frame range inside the video: 0 ≤ start ≤ end < frameCount. */
export function checkRange(video: VideoRecord, start: number, end: number): void {
  if (end < start) {
    throw new AmeliaError(
      'invalid_request',
      `A segment ends at or after its start (frames ${start}–${end}).`,
      'endFrame',
    );
  }
  if (end >= video.frameCount) {
    throw new AmeliaError(
      'invalid_request',
      `Frame ${end} is past the video's last frame (${video.frameCount - 1}).`,
      'endFrame',
    );
  }
}

/** A label must name a node that exists and is not deprecated (old labels keep deprecated nodes). */
export function checkLabel(db: Database, nodeId: string): void {
  const node = getNode(db, nodeId);
  if (!node) throw new AmeliaError('not_found', `No taxonomy node "${nodeId}".`, 'labelNodeId');
  if (node.deprecated) {
    const hint = node.mergedInto
      ? ` It was merged into "${getNode(db, node.mergedInto)?.name ?? node.mergedInto}".`
      : '';
    throw new AmeliaError(
      'invalid_request',
      `"${node.name}" is deprecated and takes no new labels.${hint}`,
      'labelNodeId',
    );
  }
}

function describeSpan(tree: TaxonomyTree, s: SegmentSpan): string {
  const label = s.labelNodeId ? `"${pathLabel(tree, s.labelNodeId)}"` : 'an unlabelled segment';
  return `${label} (frames ${s.startFrame}–${s.endFrame})`;
}

/**
 * The overlap rule: one actor's segments may not overlap on the same taxonomy level. Says which segment
 * is in the way and why.
 */
export function checkNoOverlap(
  db: Database,
  candidate: SegmentSpan,
  tree: TaxonomyTree = taxonomyTree(db),
): void {
  const other = findOverlap(
    segmentSpansOfActor(db, candidate.actorId, candidate.ownerId ?? null),
    candidate,
    (id) => tree.levelOf(id),
  );
  if (other) {
    const level =
      candidate.labelNodeId === null ? 'unlabelled segments' : `level ${tree.levelOf(candidate.labelNodeId)}`;
    throw new AmeliaError(
      'conflict',
      `This would overlap ${describeSpan(tree, other)} of the same person on the same taxonomy level (${level}). ` +
        'Shorten one of them, or label one at another level.',
      other.id,
    );
  }
}

/** Checks every segment of an actor against the others (after a change of levels, as a taxonomy move makes). */
export function checkActorHasNoOverlaps(db: Database, actorId: string, tree: TaxonomyTree): void {
  const owners = db.prepare('SELECT DISTINCT owner_id FROM segments WHERE actor_id = ?').all(actorId) as {
    owner_id: string | null;
  }[];
  for (const { owner_id } of owners) {
    for (const s of segmentSpansOfActor(db, actorId, owner_id)) checkNoOverlap(db, s, tree);
  }
}

/** People with segments labelled at or below any of `nodeIds` (whose levels change when those nodes move). */
function actorsLabelledWithin(db: Database, tree: TaxonomyTree, nodeIds: readonly string[]): string[] {
  if (nodeIds.length === 0) return [];
  const within = [...tree.nodes.keys()].filter((id) => nodeIds.some((n) => tree.isWithin(id, n)));
  if (within.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT DISTINCT actor_id FROM segments WHERE label_node_id IN (${within.map(() => '?').join(',')})`,
    )
    .all(...within) as { actor_id: string }[];
  return rows.map((r) => r.actor_id);
}

/**
 * The overlap rule after segments were written back or taxonomy nodes changed (an undo, a redo, an import):
 * each segment against the others of its person, and everyone labelled at or below the nodes.
 */
export function checkOverlapsAfterChange(
  db: Database,
  segmentIds: readonly string[],
  nodeIds: readonly string[],
): void {
  const tree = taxonomyTree(db);
  for (const id of segmentIds) {
    const s = getSegment(db, id);
    if (!s) continue;
    checkNoOverlap(
      db,
      {
        id,
        actorId: s.actorId,
        startFrame: s.startFrame,
        endFrame: s.endFrame,
        labelNodeId: s.label?.nodeId ?? null,
      },
      tree,
    );
  }
  for (const actorId of actorsLabelledWithin(db, tree, nodeIds)) checkActorHasNoOverlaps(db, actorId, tree);
}
