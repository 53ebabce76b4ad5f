import type { ImportFormat } from '../../../../shared/contract/api';
import type { TubeState } from '../../../../shared/dataset/manifest';
import type { Place } from './problems';

/** A moment as a file gives it: a frame number (of the video), or seconds from its first frame. */
export type When = { frame: number } | { sec: number };

export interface ParsedBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ParsedKeyframe {
  at: When;
  /** In the file's units (`ParsedTube.units`); ignored where `outside`. */
  box: ParsedBox;
  outside: boolean;
  place: Place;
}

/** One tube as read from a file, before it is placed on a video of the project. */
export interface ParsedTube {
  /** The file's video or sequence the tube belongs to. */
  source: string;
  /** The person within the source (a track, a person id): tubes of one person share an actor. */
  actor: string;
  actorName?: string;
  actorNumber?: number;
  actorColor?: string;
  /** The label as the file writes it (the key of the mapping); null: no label. */
  label: string | null;
  start: When;
  /** Inclusive where a frame; where a time, the moment the tube ends (its last frame starts before it). */
  end: When;
  /** The end is where the file's task stops rather than where the tube does (a CVAT track never outside). */
  endImplicit?: boolean;
  /** Where the file says the tube ends, where that is not where it starts (a CVAT outside shape). */
  endPlace?: Place;
  keyframes: ParsedKeyframe[];
  /** `pixels` of `frameSize` (the video's size where not given), or `normalised` to 0–1. */
  units: 'pixels' | 'normalised';
  frameSize?: { width: number; height: number };
  uncertain: boolean;
  note: string;
  state?: TubeState;
  /** A label's provenance where the file keeps it (amelia's manifest). */
  labelUserId?: string | null;
  labelAt?: string;
  place: Place;
}

export interface ParsedLabel {
  key: string;
  /** What it means, for people. */
  display: string;
}

export interface ParsedSource {
  key: string;
  /** SHA-256 of the video file (a manifest), to find it in the project. */
  contentHash?: string;
  durationSec?: number;
  frameCount?: number;
}

/** A proposal a format brings for its own labels (UR Fall's three). */
export interface BuiltInProposal {
  nodeId: string | null;
  reason: string;
}

/** A person the file names even where no tube of theirs is imported (a manifest keeps every actor). */
export interface ParsedActor {
  source: string;
  key: string;
  number: number;
  name: string | null;
  color: string;
}

export interface ParsedFile {
  format: ImportFormat;
  fileName: string;
  sources: ParsedSource[];
  tubes: ParsedTube[];
  labels: Map<string, ParsedLabel>;
  warnings: string[];
  /** Where the file names its videos by content (a manifest): no single video is asked for. */
  multiVideo: boolean;
  /** The key of the taxonomy's `mappings` for this format's labels (`upfall`, `urfall`…). */
  mappingKey: string;
  proposals?: Map<string, BuiltInProposal>;
  actors?: ParsedActor[];
}

export function addLabel(file: Pick<ParsedFile, 'labels'>, key: string, display = key): void {
  if (!file.labels.has(key)) file.labels.set(key, { key, display });
}
