import type { Database } from 'better-sqlite3';
import type { ExportOptions, ExportPlanSummary } from '../../../shared/contract/api';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { TubeState } from '../../../shared/dataset/manifest';
import { usableTubes } from '../review/usableTubes';
import type { Actor, Segment } from '../../../shared/domain/annotation';
import type { TubePoseSummary } from '../../../shared/domain/pose';
import type { Taxonomy, TaxonomyNode } from '../../../shared/domain/taxonomy';
import type { TaxonomyDocument } from '../../../shared/taxonomy/document';
import type { TaxonomyTree } from '../../../shared/taxonomy/tree';
import { buildTree } from '../../../shared/taxonomy/tree';
import { listActors, listSegments } from '../store/annotationRows';
import { getTaxonomy, taxonomyDocument } from '../store/taxonomyRows';
import type { VideoRecord } from '../store/videoRows';
import { listVideos } from '../store/videoRows';
import type { PoseReader } from './poseReader';
import { assignSplits } from './splits';

/** The user id written for edits made without signing in (the desktop app, the CLI). */
export const LOCAL_ANNOTATOR = 'local';

export interface PlanClass {
  index: number;
  node: TaxonomyNode;
  path: TaxonomyNode[];
}

export interface PlanVideo {
  /** Opaque key: `v001`… in the order of the videos' names. */
  key: string;
  record: VideoRecord;
  actors: Actor[];
  split: string | null;
}

export interface PlanTube {
  /** Opaque key: `v001-p1-t002` (video, person number, the person's tube number). */
  key: string;
  video: PlanVideo;
  actor: Actor;
  actorKey: string;
  segment: Segment;
  /** The class at the exported level (null for an unlabelled tube taken with `includeUnlabelled`). */
  cls: PlanClass | null;
  state: TubeState;
  annotators: string[];
  split: string | null;
  poses: TubePoseSummary | null;
  /** Files written for the tube, by format, relative to the dataset folder. */
  files: Record<string, string>;
}

export interface ExportPlan {
  options: ExportOptions;
  taxonomy: Taxonomy;
  document: TaxonomyDocument;
  tree: TaxonomyTree;
  classes: PlanClass[];
  videos: PlanVideo[];
  tubes: PlanTube[];
  /** The splits (`all` alone where the export has none). */
  parts: { name: string; weight: number }[];
  splitGroups: { recordings: string[]; items: number }[];
  leftOut: { reason: string; tubes: number }[];
  warnings: string[];
  annotators: { id: string; name: string | null; tubes: number }[];
}

/** The review state of a tube, as exports filter on and manifests carry it. */
export function tubeState(segment: Segment): TubeState {
  return segment.reviewState;
}

function annotatorsOf(db: Database, segment: Segment): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT e.user_id AS user_id FROM edits e JOIN edit_entities x ON x.edit_id = e.id
       WHERE x.entity = 'segment' AND x.entity_id = ?`,
    )
    .all(segment.id) as { user_id: string | null }[];
  const ids = new Set(rows.map((r) => r.user_id ?? LOCAL_ANNOTATOR));
  if (segment.label) ids.add(segment.label.userId ?? LOCAL_ANNOTATOR);
  return [...ids].sort();
}

function userNames(db: Database): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Nodes in the order the tree shows them (parents before children, siblings in order). */
function treeOrder(tree: TaxonomyTree): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (parent: string | null) => {
    for (const n of tree.childrenOf(parent)) {
      order.set(n.id, order.size);
      walk(n.id);
    }
  };
  walk(null);
  return order;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Who a tube shows, for keeping people out of two splits: a named person across videos, else the actor. */
function personKey(actor: Actor): string {
  const name = actor.name.trim().toLowerCase();
  return name.length > 0 ? `name:${name}` : `actor:${actor.id}`;
}

/**
 * Which tubes an export takes, their classes, keys and splits: everything an export writes is decided
 * here, before a file is written, from the project as it is now.
 */
export function buildExportPlan(db: Database, options: ExportOptions, poses: PoseReader): ExportPlan {
  const sel = options.selection;
  const taxonomy = getTaxonomy(db);
  const tree = buildTree(taxonomy.nodes);
  for (const [i, id] of (sel.labels ?? []).entries()) {
    if (!tree.nodes.has(id))
      throw new AmeliaError('not_found', `No taxonomy node "${id}".`, `selection.labels.${i}`);
  }
  if (options.level !== null && options.level > tree.maxLevel) {
    throw new AmeliaError(
      'invalid_request',
      `The taxonomy has ${tree.maxLevel} level${tree.maxLevel === 1 ? '' : 's'}; there is no level ${options.level}.`,
      'level',
    );
  }
  let videos = listVideos(db);
  if (sel.videoIds) {
    const byId = new Map(videos.map((v) => [v.id, v]));
    videos = sel.videoIds.map((id, i) => {
      const v = byId.get(id);
      if (!v)
        throw new AmeliaError('not_found', `No video ${id} in this project.`, `selection.videoIds.${i}`);
      return v;
    });
    videos = [...new Map(videos.map((v) => [v.id, v])).values()];
  }
  videos.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.contentHash < b.contentHash ? -1 : 1,
  );

  const names = userNames(db);
  const order = treeOrder(tree);
  const leftOut = new Map<string, number>();
  const leave = (reason: string) => leftOut.set(reason, (leftOut.get(reason) ?? 0) + 1);
  const from = sel.changedFrom ? Date.parse(sel.changedFrom) : -Infinity;
  const to = sel.changedTo ? Date.parse(sel.changedTo) : Infinity;
  const width = Math.max(3, String(videos.length).length);

  const planVideos: PlanVideo[] = [];
  const picked: {
    video: PlanVideo;
    actor: Actor;
    segment: Segment;
    classNode: TaxonomyNode | null;
    annotators: string[];
  }[] = [];
  for (const [vi, record] of videos.entries()) {
    const actors = listActors(db, record.id);
    const byActor = new Map(actors.map((a) => [a.id, a]));
    const video: PlanVideo = { key: `v${pad(vi + 1, width)}`, record, actors, split: null };
    let any = false;
    // Without a filter by state, the project's rule decides (every labelled tube, or reviewed ones only);
    // unlabelled tubes are kept here and left out below unless asked for.
    const usable = sel.states ? null : new Set(usableTubes(db, record.id).map((s) => s.id));
    for (const segment of listSegments(db, record.id)) {
      const actor = byActor.get(segment.actorId);
      if (!actor) continue;
      if (sel.states && !sel.states.includes(tubeState(segment))) continue;
      if (usable && segment.label !== null && !usable.has(segment.id)) {
        leave('not reviewed yet, or another version of a reviewed tube');
        continue;
      }
      const changed = Date.parse(segment.updatedAt);
      if (changed < from || changed > to) continue;
      const nodeId = segment.label?.nodeId ?? null;
      if (sel.labels && (nodeId === null || !sel.labels.some((l) => tree.isWithin(nodeId, l)))) continue;
      const annotators = annotatorsOf(db, segment);
      if (sel.annotators && !annotators.some((a) => sel.annotators?.includes(a))) continue;
      let classNode: TaxonomyNode | null = null;
      if (nodeId === null) {
        if (!sel.includeUnlabelled) {
          leave('no label');
          continue;
        }
      } else if (!tree.nodes.has(nodeId)) {
        leave('labelled with a node the taxonomy no longer has');
        continue;
      } else if (options.level === null) {
        classNode = tree.nodes.get(nodeId) ?? null;
      } else {
        classNode = tree.ancestorAtLevel(nodeId, options.level);
        if (!classNode || tree.levelOf(nodeId) < options.level) {
          leave(
            `labelled above level ${options.level} (${taxonomy.levels[options.level - 1] ?? 'that level'})`,
          );
          continue;
        }
      }
      picked.push({ video, actor, segment, classNode, annotators });
      any = true;
    }
    if (any) planVideos.push(video);
  }
  if (picked.length === 0) {
    const why = [...leftOut.entries()].map(([r, n]) => `${n} ${r}`).join(', ');
    throw new AmeliaError(
      'invalid_request',
      `Nothing to export: no tube matches the selection${why ? ` (left out: ${why})` : ''}.`,
      'selection',
    );
  }

  // Classes: those the tubes have, in the taxonomy's order.
  const classNodes = [
    ...new Map(
      picked.filter((p) => p.classNode !== null).map((p) => [p.classNode?.id, p.classNode as TaxonomyNode]),
    ).values(),
  ].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const classes: PlanClass[] = classNodes.map((node, index) => ({ index, node, path: tree.pathOf(node.id) }));
  const classOf = new Map(classes.map((c) => [c.node.id, c]));

  // Keys: per video, per person, tubes in frame order.
  const tubeCount = new Map<string, number>();
  picked.sort(
    (a, b) =>
      a.video.key.localeCompare(b.video.key) ||
      a.actor.number - b.actor.number ||
      a.segment.startFrame - b.segment.startFrame ||
      a.segment.endFrame - b.segment.endFrame,
  );
  const tubes: PlanTube[] = picked.map((p) => {
    const actorKey = `${p.video.key}-p${p.actor.number}`;
    const n = (tubeCount.get(actorKey) ?? 0) + 1;
    tubeCount.set(actorKey, n);
    return {
      key: `${actorKey}-t${pad(n, 3)}`,
      video: p.video,
      actor: p.actor,
      actorKey,
      segment: p.segment,
      cls: p.classNode ? (classOf.get(p.classNode.id) ?? null) : null,
      state: tubeState(p.segment),
      annotators: p.annotators,
      split: null,
      poses: poses.summary(p.segment.id),
      files: {},
    };
  });

  const warnings: string[] = [];
  let parts: { name: string; weight: number }[];
  let splitGroups: { recordings: string[]; items: number }[] = [];
  if (options.splits) {
    parts = options.splits.parts.map((p) => ({ name: p.name, weight: p.weight }));
    const assignment = assignSplits(
      tubes.map((t) => ({
        recording: t.video.record.contentHash,
        persons: [personKey(t.actor)],
        classKey: t.cls ? String(t.cls.index) : 'unlabelled',
      })),
      parts,
      options.splits.seed,
      options.splits.stratify,
    );
    tubes.forEach((t, i) => {
      t.split = assignment.splitOf[i] ?? null;
      t.video.split = t.split;
    });
    splitGroups = assignment.groups;
    warnings.push(...assignment.notes);
  } else {
    parts = [{ name: 'all', weight: 1 }];
    for (const t of tubes) {
      t.split = 'all';
      t.video.split = 'all';
    }
  }

  const withPoses = tubes.filter((t) => t.poses !== null).length;
  const wantsPoses = options.formats.includes('pyskl') || options.formats.includes('coco');
  if (wantsPoses && withPoses === 0)
    warnings.push(
      'No tube has poses yet (pose extraction has not run or is not available): the skeleton files hold no tubes and the COCO file no keypoints.',
    );
  else if (wantsPoses && withPoses < tubes.length)
    warnings.push(
      `${tubes.length - withPoses} of ${tubes.length} tubes have no poses: the skeleton files leave them out.`,
    );
  const stale = tubes.filter((t) => t.poses?.stale === true).length;
  if (wantsPoses && stale > 0)
    warnings.push(
      `${stale} tubes have poses older than their boxes (stale): they are left out of the pose files until re-extracted.`,
    );
  const noBox = tubes.filter((t) => t.segment.keyframes.length === 0).length;
  if (noBox > 0 && options.formats.includes('clips'))
    warnings.push(
      noBox === 1
        ? '1 tube has no box: its clip shows the whole frame.'
        : `${noBox} tubes have no box: their clips show the whole frame.`,
    );
  const unlabelled = tubes.filter((t) => t.cls === null).length;
  if (unlabelled > 0)
    warnings.push(
      `${unlabelled} tubes have no label: the manifest and CVAT keep them, the class formats leave them out.`,
    );

  const annotatorTubes = new Map<string, number>();
  for (const t of tubes)
    for (const a of t.annotators) annotatorTubes.set(a, (annotatorTubes.get(a) ?? 0) + 1);

  return {
    options,
    taxonomy,
    document: taxonomyDocument(db),
    tree,
    classes,
    videos: planVideos,
    tubes,
    parts,
    splitGroups,
    leftOut: [...leftOut.entries()].map(([reason, n]) => ({ reason, tubes: n })),
    warnings,
    annotators: [...annotatorTubes.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([id, n]) => ({ id, name: names.get(id) ?? null, tubes: n })),
  };
}

export function tubeFrames(t: PlanTube): number {
  return t.segment.endFrame - t.segment.startFrame + 1;
}

/** The plan in numbers, for the preview and the job's result. */
export function summarisePlan(plan: ExportPlan): ExportPlanSummary {
  return {
    videos: plan.videos.length,
    tubes: plan.tubes.length,
    frames: plan.tubes.reduce((s, t) => s + tubeFrames(t), 0),
    tubesWithPoses: plan.tubes.filter((t) => t.poses !== null && !t.poses.stale).length,
    classes: plan.classes.map((c) => ({
      index: c.index,
      nodeId: c.node.id,
      name: c.node.name,
      path: c.path.map((n) => n.name),
      tubes: plan.tubes.filter((t) => t.cls === c).length,
    })),
    splits: plan.parts.map((p) => {
      const tubes = plan.tubes.filter((t) => t.split === p.name);
      const classes: Record<string, number> = {};
      for (const t of tubes) {
        const k = t.cls ? String(t.cls.index) : 'unlabelled';
        classes[k] = (classes[k] ?? 0) + 1;
      }
      return {
        name: p.name,
        weight: p.weight,
        videos: new Set(tubes.map((t) => t.video.key)).size,
        persons: new Set(tubes.map((t) => personKey(t.actor))).size,
        tubes: tubes.length,
        frames: tubes.reduce((s, t) => s + tubeFrames(t), 0),
        classes,
      };
    }),
    leftOut: plan.leftOut,
    warnings: plan.warnings,
  };
}
