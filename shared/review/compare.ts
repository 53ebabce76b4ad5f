import { temporalIoU } from './agreement';

/** One annotator's version of a tube, as the comparison needs it. */
export interface TubeVersion {
  segmentId: string;
  annotatorId: string;
  actorId: string;
  startFrame: number;
  endFrame: number;
  /** Node ids from the root to the label; null when unlabelled. */
  labelPath: readonly string[] | null;
  uncertain: boolean;
}

export type DisputeReason =
  | { kind: 'missing'; labelledBy: string[]; missingFor: string[] }
  | { kind: 'label'; level: number; labels: Record<string, string | null> }
  | { kind: 'depth'; labels: Record<string, string | null> }
  | { kind: 'unlabelled'; by: string[] }
  | { kind: 'boundary'; startDiff: number; endDiff: number; tolerance: number }
  | { kind: 'uncertain'; by: string[] };

/** The independent versions of one person's tube, as matched across annotators. */
export interface ComparedTube {
  actorId: string;
  versions: TubeVersion[];
  reasons: DisputeReason[];
  /** Higher is worse: the review queue lists the worst first. */
  severity: number;
  /** Mean temporal IoU of the matched pairs (null with one version). */
  meanIoU: number | null;
}

export interface CompareOptions {
  /** Boundaries further apart than this (frames) raise a dispute. */
  toleranceFrames: number;
  /** Two tubes overlapping less than this (temporal IoU) are not the same tube. */
  minIoU?: number;
}

/** How far two labels agree: the 1-based level where their paths first differ, or 'prefix'/'same'. */
export function divergence(
  a: readonly string[],
  b: readonly string[],
): { kind: 'same' } | { kind: 'prefix' } | { kind: 'level'; level: number } {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return { kind: 'level', level: i + 1 };
  return a.length === b.length ? { kind: 'same' } : { kind: 'prefix' };
}

export function severityOf(reasons: readonly DisputeReason[]): number {
  let s = 0;
  for (const r of reasons) {
    switch (r.kind) {
      case 'missing':
        s = Math.max(s, 100);
        break;
      case 'label':
        s = Math.max(s, 95 - 10 * r.level);
        break;
      case 'unlabelled':
        s = Math.max(s, 60);
        break;
      case 'depth':
        s = Math.max(s, 50);
        break;
      case 'boundary':
        s = Math.max(s, Math.min(45, 30 + Math.max(r.startDiff, r.endDiff) / Math.max(1, r.tolerance)));
        break;
      case 'uncertain':
        s = Math.max(s, 20);
        break;
    }
  }
  return s;
}

/**
 * Matches the annotators' tubes of each person one to one by temporal overlap (best first, the same label
 * depth preferred), then lists for each match why it is disputed: a label mismatch and the level where
 * the labels part, a boundary apart by more than the tolerance, a tube missing for some annotator, or an
 * "uncertain" flag. Matches with no reason are agreed.
 */
export function compareVersions(
  versions: readonly TubeVersion[],
  annotators: readonly string[],
  options: CompareOptions,
): ComparedTube[] {
  const minIoU = options.minIoU ?? 0.1;
  const byActor = new Map<string, TubeVersion[]>();
  for (const v of versions) byActor.set(v.actorId, [...(byActor.get(v.actorId) ?? []), v]);
  const out: ComparedTube[] = [];
  for (const [actorId, list] of byActor) {
    // Union-find over one-to-one matches between every pair of annotators.
    const parent = new Map(list.map((v) => [v.segmentId, v.segmentId]));
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r) as string;
      parent.set(x, r);
      return r;
    };
    for (let i = 0; i < annotators.length; i++) {
      for (let j = i + 1; j < annotators.length; j++) {
        const a = list.filter((v) => v.annotatorId === annotators[i]);
        const b = list.filter((v) => v.annotatorId === annotators[j]);
        const pairs: { x: TubeVersion; y: TubeVersion; score: number }[] = [];
        for (const x of a) {
          for (const y of b) {
            const iou = temporalIoU(
              { start: x.startFrame, end: x.endFrame },
              { start: y.startFrame, end: y.endFrame },
            );
            if (iou < minIoU) continue;
            const sameDepth = (x.labelPath?.length ?? 0) === (y.labelPath?.length ?? 0) ? 0.5 : 0;
            pairs.push({ x, y, score: iou + sameDepth });
          }
        }
        pairs.sort((p, q) => q.score - p.score);
        const used = new Set<string>();
        for (const p of pairs) {
          if (used.has(p.x.segmentId) || used.has(p.y.segmentId)) continue;
          used.add(p.x.segmentId);
          used.add(p.y.segmentId);
          parent.set(find(p.x.segmentId), find(p.y.segmentId));
        }
      }
    }
    const groups = new Map<string, TubeVersion[]>();
    for (const v of list) groups.set(find(v.segmentId), [...(groups.get(find(v.segmentId)) ?? []), v]);
    for (const group of groups.values())
      out.push(compareGroup(actorId, group, annotators, options.toleranceFrames));
  }
  return out.sort(
    (p, q) => q.severity - p.severity || (p.versions[0]?.startFrame ?? 0) - (q.versions[0]?.startFrame ?? 0),
  );
}

function compareGroup(
  actorId: string,
  group: TubeVersion[],
  annotators: readonly string[],
  tolerance: number,
): ComparedTube {
  const reasons: DisputeReason[] = [];
  const present = [...new Set(group.map((v) => v.annotatorId))];
  const missing = annotators.filter((a) => !present.includes(a));
  if (missing.length > 0) reasons.push({ kind: 'missing', labelledBy: present, missingFor: missing });
  const labels = Object.fromEntries(group.map((v) => [v.annotatorId, v.labelPath?.at(-1) ?? null]));
  const unlabelled = group.filter((v) => v.labelPath === null).map((v) => v.annotatorId);
  if (unlabelled.length > 0 && unlabelled.length < group.length)
    reasons.push({ kind: 'unlabelled', by: unlabelled });
  const labelled = group.filter((v) => v.labelPath !== null);
  let worstLevel: number | null = null;
  let depth = false;
  for (let i = 0; i < labelled.length; i++) {
    for (let j = i + 1; j < labelled.length; j++) {
      const d = divergence(labelled[i]?.labelPath ?? [], labelled[j]?.labelPath ?? []);
      if (d.kind === 'level') worstLevel = worstLevel === null ? d.level : Math.min(worstLevel, d.level);
      if (d.kind === 'prefix') depth = true;
    }
  }
  if (worstLevel !== null) reasons.push({ kind: 'label', level: worstLevel, labels });
  else if (depth) reasons.push({ kind: 'depth', labels });
  if (group.length > 1) {
    const starts = group.map((v) => v.startFrame);
    const ends = group.map((v) => v.endFrame);
    const startDiff = Math.max(...starts) - Math.min(...starts);
    const endDiff = Math.max(...ends) - Math.min(...ends);
    if (startDiff > tolerance || endDiff > tolerance)
      reasons.push({ kind: 'boundary', startDiff, endDiff, tolerance });
  }
  const uncertain = group.filter((v) => v.uncertain).map((v) => v.annotatorId);
  if (uncertain.length > 0) reasons.push({ kind: 'uncertain', by: uncertain });
  let iouSum = 0;
  let pairs = 0;
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const a = group[i] as TubeVersion;
      const b = group[j] as TubeVersion;
      iouSum += temporalIoU(
        { start: a.startFrame, end: a.endFrame },
        { start: b.startFrame, end: b.endFrame },
      );
      pairs++;
    }
  }
  return {
    actorId,
    versions: [...group].sort(
      (a, b) => annotators.indexOf(a.annotatorId) - annotators.indexOf(b.annotatorId),
    ),
    reasons,
    severity: severityOf(reasons),
    meanIoU: pairs > 0 ? iouSum / pairs : null,
  };
}

/** A sentence for each reason, for the review queue. */
export function describeReason(
  r: DisputeReason,
  names: (annotatorId: string) => string,
  nodeName: (nodeId: string) => string,
): string {
  const people = (ids: string[]) => ids.map(names).join(', ');
  switch (r.kind) {
    case 'missing':
      return `No tube from ${people(r.missingFor)} here (${people(r.labelledBy)} made one)`;
    case 'label':
      return `Labels part at level ${r.level}: ${Object.entries(r.labels)
        .map(([a, n]) => `${names(a)}: ${n === null ? 'none' : nodeName(n)}`)
        .join('; ')}`;
    case 'depth':
      return `Labelled at different depths: ${Object.entries(r.labels)
        .map(([a, n]) => `${names(a)}: ${n === null ? 'none' : nodeName(n)}`)
        .join('; ')}`;
    case 'unlabelled':
      return `No label from ${people(r.by)}`;
    case 'boundary':
      return `Boundaries differ by ${r.startDiff} frames at the start and ${r.endDiff} at the end (tolerance ${r.tolerance})`;
    case 'uncertain':
      return `Marked uncertain by ${people(r.by)}`;
  }
}
