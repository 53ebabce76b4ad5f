import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { datasetRequestSchema } from '../../../shared/contract/methods/models';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { DatasetSummary } from '../../../shared/domain/classifier';
import type { PoseModel } from '../../../shared/domain/pose';
import type { TaxonomyTree } from '../../../shared/taxonomy/tree';
import { DEFAULTS } from '../../../models/classifier/constants';
import type { SplitFractions } from '../../../models/classifier/dataset/split';
import { classCounts } from '../../../models/classifier/dataset/windowSet';
import type { ClassInfo, ClassifierConfig, SplitName } from '../../../models/classifier/types';
import { prepareTrack, windowsOf } from '../../../models/classifier/windows';
import { DEFAULTS as POSE_DEFAULTS } from '../../../models/pose/constants';
import { buildDataset } from './dataset';
import type { BuiltDataset } from './dataset';
import { recordingOf, recordingRegex, splitSources } from './splitting';
import type { GroupedSplit } from './splitting';

export type DatasetRequest = z.output<typeof datasetRequestSchema>;

export interface ResolvedDatasetRequest {
  level: number;
  poseModel: PoseModel;
  recordingPattern: string | null;
  seed: number;
  split: SplitFractions;
}

export function resolveDatasetRequest(r: DatasetRequest): ResolvedDatasetRequest {
  return {
    level: r.level ?? 1,
    poseModel: r.poseModel ?? POSE_DEFAULTS.model,
    recordingPattern: r.recordingPattern ?? null,
    seed: r.seed ?? DEFAULTS.seed,
    split: r.split ?? { ...DEFAULTS.split },
  };
}

export interface PlannedDataset {
  request: ResolvedDatasetRequest;
  built: BuiltDataset;
  split: GroupedSplit;
  /** Split of each track (in the dataset's order). */
  splits: SplitName[];
}

/** The dataset and its splits for a request; refuses one with fewer than two classes. */
export function planDataset(
  db: Database,
  request: ResolvedDatasetRequest,
  withPoses: boolean,
): PlannedDataset {
  const pattern = recordingRegex(request.recordingPattern);
  const built = buildDataset(db, { level: request.level, poseModel: request.poseModel, withPoses });
  if (built.classes.length < 2) {
    const skipped = [...built.skipped.entries()].map(([r, n]) => `${n} left out: ${r}`).join('; ');
    throw new AmeliaError(
      'invalid_request',
      `A classifier needs labelled tubes with ${request.poseModel} poses of at least two classes at the ${built.levelName} level; there ${
        built.classes.length === 1 ? `is one ("${built.classes[0]?.name}")` : 'are none'
      }.${skipped ? ` (${skipped}.)` : ''}`,
      'level',
    );
  }
  const split = splitSources(
    built.sources,
    built.classes.length,
    built.classes.map((c) => c.name),
    request.split,
    request.seed,
    pattern,
  );
  return { request, built, split, splits: split.items };
}

/** Indices of the classes that raise alerts: those within a critical node (falls, being on the floor). */
export function criticalClasses(classes: readonly ClassInfo[], tree: TaxonomyTree): number[] {
  return classes
    .map((c, i) =>
      DEFAULTS.criticalNodeIds.some((n) => tree.nodes.has(c.nodeId) && tree.isWithin(c.nodeId, n)) ? i : -1,
    )
    .filter((i) => i >= 0);
}

/** Windows of each class in each split, as training will cut them (needs the poses). */
export function windowCountsOf(p: PlannedDataset, config: ClassifierConfig): Record<SplitName, number[]> {
  const k = p.built.classes.length;
  const out: Record<SplitName, number[]> = { train: [], validation: [], test: [] };
  const prepared = p.built.tracks.map((t) => prepareTrack(t, config.frameRateHz));
  for (const s of ['train', 'validation', 'test'] as const) {
    const stride = s === 'train' ? config.strideFrames : config.evalStrideFrames;
    const refs = windowsOf(prepared, config, { stride, keepUnlabelled: false }).filter(
      (r) => p.splits[r.track] === s,
    );
    out[s] = classCounts(refs, k);
  }
  return out;
}

/** What people are shown before training (and what the model card keeps). */
export function summarise(p: PlannedDataset, windows: Record<SplitName, number[]>): DatasetSummary {
  const { built, split, request } = p;
  const pattern = recordingRegex(request.recordingPattern);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const classes = built.classes.map((c, i) => {
    const sources = built.sources.filter((s) => (s.classFrames[i] ?? 0) > 0);
    const recordings = new Set(sources.map((s) => recordingOf(s.video, pattern))).size;
    const w = {
      train: windows.train[i] ?? 0,
      validation: windows.validation[i] ?? 0,
      test: windows.test[i] ?? 0,
    };
    return {
      ...c,
      tubes: built.sources.reduce((n, s) => n + s.tubes.filter((t) => t.classIndex === i).length, 0),
      recordings,
      windows: w,
      rare:
        w.train + w.validation + w.test < DEFAULTS.rareClassWindows ||
        recordings < DEFAULTS.rareClassRecordings,
    };
  });
  const warnings = [...split.warnings];
  for (const c of classes) {
    if (c.rare) {
      warnings.push(
        `"${c.name}" is very rare (${c.windows.train + c.windows.validation + c.windows.test} windows, ${c.recordings} recording${c.recordings === 1 ? '' : 's'}): its scores will be unreliable; label more of it.`,
      );
    }
  }
  const splitInfo = (s: SplitName) => ({
    groups: split.groupCounts[s],
    tracks: p.splits.filter((x) => x === s).length,
    windows: sum(windows[s]),
  });
  // Names told apart by their folders where file names repeat (camera clips of many trials).
  const tail = (path: string) => path.replaceAll('\\', '/').split('/').slice(-3).join('/');
  const names = built.sources.map((s) => s.video.name);
  const repeated = names.some(
    (n, i) =>
      names.indexOf(n) !== i && built.sources[names.indexOf(n)]?.video.id !== built.sources[i]?.video.id,
  );
  const videos = new Map(
    built.sources.map((s) => [s.video.id, repeated ? tail(s.video.sourcePath) : s.video.name]),
  );
  const people = [
    ...new Set(
      built.sources.map((s) =>
        s.actor.name.trim() ? s.actor.name.trim() : `${s.video.name} #${s.actor.number}`,
      ),
    ),
  ];
  return {
    level: built.level,
    levelName: built.levelName,
    taxonomyVersion: built.taxonomyVersion,
    poseModel: built.poseModel,
    classes,
    splits: { train: splitInfo('train'), validation: splitInfo('validation'), test: splitInfo('test') },
    groupedBy: split.groupedBy,
    recordingPattern: request.recordingPattern,
    seed: request.seed,
    videos: [...videos.entries()].map(([id, name]) => ({ id, name })),
    people: people.sort(),
    annotators: built.annotators,
    agreement: null,
    tubesUsed: built.tubesUsed,
    tubesSkipped: [...built.skipped.entries()].map(([reason, count]) => ({ reason, count })),
    rareRule: `fewer than ${DEFAULTS.rareClassWindows} windows or ${DEFAULTS.rareClassRecordings} recordings in all`,
    warnings,
  };
}

/** The dataset snapshot kept with a model: every track with where it comes from and its split. */
export function snapshotOf(p: PlannedDataset): unknown[] {
  const pattern = recordingRegex(p.request.recordingPattern);
  return p.built.sources.map((s, i) => ({
    key: s.key,
    split: p.splits[i],
    group: p.split.groupOf[i],
    recording: recordingOf(s.video, pattern),
    videoId: s.video.id,
    videoName: s.video.name,
    videoSha256: s.video.contentHash,
    actorId: s.actor.id,
    actorName: s.actor.name,
    startFrame: s.startFrame,
    endFrame: s.endFrame,
    tubes: s.tubes.map((t) => ({ ...t, className: p.built.classes[t.classIndex]?.name ?? '' })),
  }));
}
