import { AmeliaError } from '../../../shared/contract/envelope';
import type { Actor } from '../../../shared/domain/annotation';
import type { SplitFractions, SplitPlan } from '../../../models/classifier/dataset/split';
import { stratifiedGroupSplit } from '../../../models/classifier/dataset/split';
import type { VideoRecord } from '../store/videoRows';
import type { TrackSource } from './dataset';

/** A compiled recording pattern, with a message naming the field when it is not a valid expression. */
export function recordingRegex(pattern: string | null): RegExp | null {
  if (pattern === null) return null;
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw new AmeliaError(
      'invalid_request',
      `recordingPattern is not a regular expression: ${(err as Error).message}`,
      'recordingPattern',
    );
  }
}

/**
 * The recording a video belongs to: the pattern's first group (or whole match) on the video's file path,
 * so that the cameras of one scene are one recording; the video itself where there is no pattern or no match.
 */
export function recordingOf(video: Pick<VideoRecord, 'id' | 'sourcePath'>, pattern: RegExp | null): string {
  if (pattern) {
    const m = pattern.exec(video.sourcePath.replaceAll('\\', '/'));
    if (m) return `recording:${m[1] ?? m[0]}`;
  }
  return `video:${video.id}`;
}

/**
 * The person an actor is: people are matched across videos by their actor's name (case and spacing aside);
 * an unnamed actor is a person of their own.
 */
export function personOf(actor: Pick<Actor, 'id' | 'name'>): string {
  const name = actor.name.trim().replace(/\s+/g, ' ').toLowerCase();
  return name ? `person:${name}` : `actor:${actor.id}`;
}

export interface GroupedSplit extends SplitPlan {
  /** Group of each source (track). */
  groupOf: string[];
  groupedBy: 'recording-and-person' | 'recording';
}

function components(keys: readonly string[][]): string[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    let c = x;
    while (parent.get(c) !== r) {
      const next = parent.get(c) as string;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  for (const ks of keys) for (const k of ks) if (!parent.has(k)) parent.set(k, k);
  for (const ks of keys)
    for (let i = 1; i < ks.length; i++) parent.set(find(ks[i] as string), find(ks[0] as string));
  return keys.map((ks) => find(ks[0] as string));
}

/**
 * Splits tracks so that no recording and no person is in two splits: tracks sharing a recording or a person
 * are one group (connected through either), and groups are split stratified by class with the seed. Where
 * that leaves fewer than three groups (one person in every recording, as in a single-subject data set),
 * the tracks are grouped by recording only, and a warning says the test split does not measure new people.
 */
export function splitSources(
  sources: readonly TrackSource[],
  classCount: number,
  classNames: readonly string[],
  fractions: SplitFractions,
  seed: number,
  pattern: RegExp | null,
): GroupedSplit {
  const recordings = sources.map((s) => recordingOf(s.video, pattern));
  const people = sources.map((s) => personOf(s.actor));
  let groupOf = components(sources.map((_, i) => [recordings[i] as string, people[i] as string]));
  let groupedBy: GroupedSplit['groupedBy'] = 'recording-and-person';
  const warnings: string[] = [];
  const distinct = (xs: string[]) => new Set(xs).size;
  if (distinct(groupOf) < 3 && distinct(recordings) >= 3) {
    const named = [...new Set(people.filter((p) => p.startsWith('person:')).map((p) => p.slice(7)))];
    warnings.push(
      `Every recording shares its people (${named.length > 0 ? named.join(', ') : 'the same people'}): the splits keep recordings apart but not people, so the test scores do not measure how the model does on people it has not seen.`,
    );
    groupOf = recordings;
    groupedBy = 'recording';
  }
  const plan = stratifiedGroupSplit(
    sources.map((s, i) => ({ group: groupOf[i] as string, classCounts: s.classFrames })),
    classCount,
    fractions,
    seed,
    classNames,
  );
  return { ...plan, groupOf, groupedBy, warnings: [...warnings, ...plan.warnings] };
}
