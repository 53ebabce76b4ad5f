import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Actor, Segment } from '../../../shared/domain/annotation';
import type { PoseModel } from '../../../shared/domain/pose';
import { BLAZEPOSE_KEYPOINT_COUNT } from '../../../shared/domain/pose';
import type { TaxonomyNode } from '../../../shared/domain/taxonomy';
import type { TaxonomyTree } from '../../../shared/taxonomy/tree';
import type { ClassInfo, PoseTrack } from '../../../models/classifier/types';
import { taxonomyTree } from '../annotation/rules';
import { trackHash } from '../poses/trackHash';
import { getActor } from '../store/annotationRows';
import { getExtraction, readExtractionArrays } from '../store/poseRows';
import { getTaxonomy } from '../store/taxonomyRows';
import { getFrameTimes, listVideos } from '../store/videoRows';
import type { VideoRecord } from '../store/videoRows';
import { trainingTubes } from './trainingTubes';

const K = BLAZEPOSE_KEYPOINT_COUNT;
/** Tubes of one person less than this far apart (seconds) are one track; farther, two. */
const JOIN_GAP_SEC = 1;

export interface DatasetOptions {
  level: number;
  poseModel: PoseModel;
  /** Read the pose arrays (false: only what a preview of the labels needs). */
  withPoses: boolean;
}

/** Where a track comes from, for splits, the dataset snapshot and the model card. */
export interface TrackSource {
  key: string;
  video: VideoRecord;
  actor: Actor;
  startFrame: number;
  endFrame: number;
  tubes: { segmentId: string; startFrame: number; endFrame: number; nodeId: string; classIndex: number }[];
  /** Labelled frames of each class. */
  classFrames: number[];
}

export interface BuiltDataset {
  level: number;
  levelName: string;
  taxonomyVersion: number;
  poseModel: PoseModel;
  classes: ClassInfo[];
  /** One per source; empty arrays where built without poses. */
  tracks: PoseTrack[];
  sources: TrackSource[];
  annotators: string[];
  tubesUsed: number;
  skipped: Map<string, number>;
}

/** Nodes in the order the taxonomy shows them (depth first, siblings in their order). */
function preorder(tree: TaxonomyTree): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (parent: string | null) => {
    for (const n of tree.childrenOf(parent)) {
      out.set(n.id, out.size);
      visit(n.id);
    }
  };
  visit(null);
  return out;
}

/** A label's node after merges (a merged node's labels count as the node it went into). */
function currentNode(tree: TaxonomyTree, id: string): TaxonomyNode | null {
  let node = tree.nodes.get(id) ?? null;
  const seen = new Set<string>();
  while (node?.mergedInto && !seen.has(node.id)) {
    seen.add(node.id);
    node = tree.nodes.get(node.mergedInto) ?? null;
  }
  return node;
}

/**
 * The labelled tubes with current poses, as one track per person and stretch of time (a person's tubes
 * closer than a second apart are joined; frames between them have no pose and no label), each frame
 * labelled with its tube's label taken up to `level` (finer labels count as their ancestor there; a tube
 * labelled above the level is left out). Where tubes of one person overlap (labels at different levels),
 * the more specific label wins.
 */
export function buildDataset(db: Database, options: DatasetOptions): BuiltDataset {
  const taxonomy = getTaxonomy(db);
  const tree = taxonomyTree(db);
  if (options.level > tree.maxLevel) {
    throw new AmeliaError(
      'invalid_request',
      `The taxonomy has ${tree.maxLevel} level${tree.maxLevel === 1 ? '' : 's'} (${taxonomy.levels.join(', ')}): there is no level ${options.level}.`,
      'level',
    );
  }
  const order = preorder(tree);
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const annotators = new Set<string>();
  const classIds = new Set<string>();

  interface Usable {
    segment: Segment;
    classNode: TaxonomyNode;
    depth: number;
  }
  const perVideo: { video: VideoRecord; usable: Usable[] }[] = [];
  for (const video of listVideos(db)) {
    const usable: Usable[] = [];
    for (const segment of trainingTubes(db, video.id)) {
      const label = segment.label;
      if (!label) continue;
      const node = currentNode(tree, label.nodeId);
      if (!node) {
        skip('its label is not in the taxonomy');
        continue;
      }
      const classNode = tree.ancestorAtLevel(node.id, options.level);
      if (!classNode || tree.levelOf(node.id) < options.level) {
        skip(`labelled above the ${taxonomy.levels[options.level - 1] ?? `level ${options.level}`} level`);
        continue;
      }
      const extraction = getExtraction(db, segment.id, options.poseModel);
      if (!extraction) {
        skip(`no ${options.poseModel} poses`);
        continue;
      }
      if (extraction.trackHash !== trackHash(segment)) {
        skip('poses older than the tube (its frames or boxes changed since): extract again');
        continue;
      }
      usable.push({ segment, classNode, depth: tree.levelOf(node.id) });
      classIds.add(classNode.id);
      annotators.add(label.userId ?? 'local');
    }
    if (usable.length > 0) perVideo.push({ video, usable });
  }

  const classes: ClassInfo[] = [...classIds]
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .map((id) => ({ nodeId: id, name: tree.nodes.get(id)?.name ?? id }));
  const classIndex = new Map(classes.map((c, i) => [c.nodeId, i]));

  const tracks: PoseTrack[] = [];
  const sources: TrackSource[] = [];
  let tubesUsed = 0;
  for (const { video, usable } of perVideo) {
    const times = getFrameTimes(db, video.id);
    if (!times) continue;
    const byActor = new Map<string, Usable[]>();
    for (const u of usable) byActor.set(u.segment.actorId, [...(byActor.get(u.segment.actorId) ?? []), u]);
    for (const [actorId, list] of byActor) {
      const actor = getActor(db, actorId);
      if (!actor) continue;
      list.sort((a, b) => a.segment.startFrame - b.segment.startFrame);
      // Stretches of this person's tubes, split where they are more than a second apart.
      const runs: Usable[][] = [];
      let runEnd = -Infinity;
      for (const u of list) {
        const gap = (times[u.segment.startFrame] ?? 0) - (times[Math.max(0, Math.floor(runEnd))] ?? 0);
        if (runs.length === 0 || (u.segment.startFrame > runEnd + 1 && gap > JOIN_GAP_SEC)) runs.push([u]);
        else (runs[runs.length - 1] as Usable[]).push(u);
        runEnd = Math.max(runEnd, u.segment.endFrame);
      }
      runs.forEach((run, r) => {
        const start = Math.min(...run.map((u) => u.segment.startFrame));
        const end = Math.max(...run.map((u) => u.segment.endFrame));
        const t = end - start + 1;
        const labels = new Int16Array(t).fill(-1);
        const depthAt = new Int16Array(t);
        const present = new Uint8Array(t);
        const image = new Float32Array(options.withPoses ? t * K * 3 : 0);
        const world = new Float32Array(options.withPoses ? t * K * 3 : 0);
        const classFrames = new Array<number>(classes.length).fill(0);
        for (const u of run) {
          const ci = classIndex.get(u.classNode.id) as number;
          for (let f = u.segment.startFrame; f <= u.segment.endFrame; f++) {
            const i = f - start;
            if (u.depth >= (depthAt[i] as number)) {
              labels[i] = ci;
              depthAt[i] = u.depth;
            }
          }
          tubesUsed++;
          if (!options.withPoses) continue;
          const arrays = readExtractionArrays(db, u.segment.id, options.poseModel);
          if (!arrays) continue;
          const frames = arrays.present.length;
          for (let j = 0; j < frames; j++) {
            const i = u.segment.startFrame + j - start;
            if (i < 0 || i >= t || arrays.present[j] !== 1) continue;
            present[i] = 1;
            for (let k = 0; k < K; k++) {
              image[(i * K + k) * 3] = arrays.image[(j * K + k) * 4] as number;
              image[(i * K + k) * 3 + 1] = arrays.image[(j * K + k) * 4 + 1] as number;
              image[(i * K + k) * 3 + 2] = arrays.image[(j * K + k) * 4 + 3] as number;
              for (let c = 0; c < 3; c++)
                world[(i * K + k) * 3 + c] = arrays.world[(j * K + k) * 3 + c] as number;
            }
          }
        }
        for (const l of labels) if (l >= 0) classFrames[l] = (classFrames[l] as number) + 1;
        const key = `${video.id}/${actorId}/${r}`;
        tracks.push({
          key,
          times: Float64Array.from({ length: t }, (_, i) => times[start + i] as number),
          frames: Int32Array.from({ length: t }, (_, i) => start + i),
          present,
          image,
          world: options.withPoses ? world : null,
          labels,
        });
        sources.push({
          key,
          video,
          actor,
          startFrame: start,
          endFrame: end,
          tubes: run.map((u) => ({
            segmentId: u.segment.id,
            startFrame: u.segment.startFrame,
            endFrame: u.segment.endFrame,
            nodeId: u.segment.label?.nodeId ?? u.classNode.id,
            classIndex: classIndex.get(u.classNode.id) as number,
          })),
          classFrames,
        });
      });
    }
  }
  return {
    level: options.level,
    levelName: taxonomy.levels[options.level - 1] ?? `level ${options.level}`,
    taxonomyVersion: taxonomy.version,
    poseModel: options.poseModel,
    classes,
    tracks,
    sources,
    annotators: [...annotators].sort(),
    tubesUsed,
    skipped,
  };
}
