import type { Database } from 'better-sqlite3';
import type { PoseBackend, PoseModel, TubePoseArrays, TubePoseSummary } from '../../../shared/domain/pose';
import { decodePoseArrays, encodePoseArrays, poseQuality } from '../../../shared/poses/encoding';
import type { Rect } from '../../../models/pose/types';

export interface ExtractionMeta {
  segmentId: string;
  videoId: string;
  model: PoseModel;
  modelVersion: string;
  backend: PoseBackend;
  startFrame: number;
  filtered: boolean;
  trackHash: string;
  cropMargin: number;
  frameWidth: number;
  frameHeight: number;
  jobId: string | null;
  extractedAt: string;
}

interface ExtractionRow {
  segment_id: string;
  video_id: string;
  model: string;
  model_version: string;
  backend: string;
  start_frame: number;
  frame_count: number;
  frames_with_pose: number;
  mean_visibility: number;
  filtered: number;
  track_hash: string;
  crop_margin: number;
  frame_width: number;
  frame_height: number;
  job_id: string | null;
  extracted_at: string;
}

export interface ExtractionRecord extends Omit<TubePoseSummary, 'stale'> {
  cropMargin: number;
  frameWidth: number;
  frameHeight: number;
  jobId: string | null;
}

const COLUMNS = `segment_id, video_id, model, model_version, backend, start_frame, frame_count, frames_with_pose,
  mean_visibility, filtered, track_hash, crop_margin, frame_width, frame_height, job_id, extracted_at`;

function toRecord(r: ExtractionRow): ExtractionRecord {
  return {
    segmentId: r.segment_id,
    videoId: r.video_id,
    model: r.model as PoseModel,
    modelVersion: r.model_version,
    backend: r.backend as PoseBackend,
    startFrame: r.start_frame,
    frameCount: r.frame_count,
    framesWithPose: r.frames_with_pose,
    meanVisibility: r.mean_visibility,
    filtered: r.filtered === 1,
    trackHash: r.track_hash,
    cropMargin: r.crop_margin,
    frameWidth: r.frame_width,
    frameHeight: r.frame_height,
    jobId: r.job_id,
    extractedAt: r.extracted_at,
  };
}

/** Stores (or replaces) a tube's poses for one model. */
export function writeExtraction(
  db: Database,
  meta: ExtractionMeta,
  arrays: TubePoseArrays,
): ExtractionRecord {
  const q = poseQuality(arrays);
  db.prepare(
    `INSERT INTO pose_extractions (${COLUMNS}, data)
     VALUES (@segmentId, @videoId, @model, @modelVersion, @backend, @startFrame, @frameCount, @framesWithPose,
       @meanVisibility, @filtered, @trackHash, @cropMargin, @frameWidth, @frameHeight, @jobId, @extractedAt, @data)
     ON CONFLICT (segment_id, model) DO UPDATE SET video_id = excluded.video_id, model_version = excluded.model_version,
       backend = excluded.backend, start_frame = excluded.start_frame, frame_count = excluded.frame_count,
       frames_with_pose = excluded.frames_with_pose, mean_visibility = excluded.mean_visibility,
       filtered = excluded.filtered, track_hash = excluded.track_hash, crop_margin = excluded.crop_margin,
       frame_width = excluded.frame_width, frame_height = excluded.frame_height, job_id = excluded.job_id,
       extracted_at = excluded.extracted_at, data = excluded.data`,
  ).run({
    ...meta,
    filtered: meta.filtered ? 1 : 0,
    frameCount: arrays.present.length,
    framesWithPose: q.framesWithPose,
    meanVisibility: q.meanVisibility,
    data: Buffer.from(encodePoseArrays(arrays)),
  });
  return getExtraction(db, meta.segmentId, meta.model) as ExtractionRecord;
}

export function getExtraction(db: Database, segmentId: string, model?: PoseModel): ExtractionRecord | null {
  const row = (
    model
      ? db
          .prepare(`SELECT ${COLUMNS} FROM pose_extractions WHERE segment_id = ? AND model = ?`)
          .get(segmentId, model)
      : db
          .prepare(
            `SELECT ${COLUMNS} FROM pose_extractions WHERE segment_id = ? ORDER BY extracted_at DESC LIMIT 1`,
          )
          .get(segmentId)
  ) as ExtractionRow | undefined;
  return row ? toRecord(row) : null;
}

export function readExtractionData(db: Database, segmentId: string, model: PoseModel): Buffer | null {
  const row = db
    .prepare('SELECT data FROM pose_extractions WHERE segment_id = ? AND model = ?')
    .get(segmentId, model) as { data: Buffer } | undefined;
  return row?.data ?? null;
}

export function readExtractionArrays(
  db: Database,
  segmentId: string,
  model: PoseModel,
): TubePoseArrays | null {
  const data = readExtractionData(db, segmentId, model);
  return data ? decodePoseArrays(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) : null;
}

export function extractionsOfVideo(db: Database, videoId: string): ExtractionRecord[] {
  return (
    db
      .prepare(`SELECT ${COLUMNS} FROM pose_extractions WHERE video_id = ? ORDER BY segment_id, model`)
      .all(videoId) as ExtractionRow[]
  ).map(toRecord);
}

/* Whole-video tracks */

export interface TrackMeta {
  jobId: string;
  videoId: string;
  trackId: number;
  startFrame: number;
  meanScore: number;
  boxes: readonly Rect[];
  detected: Uint8Array;
  model: PoseModel;
  modelVersion: string;
  backend: PoseBackend;
  filtered: boolean;
  cropMargin: number;
  frameWidth: number;
  frameHeight: number;
  createdAt: string;
}

export interface TrackRecord {
  jobId: string;
  videoId: string;
  trackId: number;
  startFrame: number;
  frameCount: number;
  meanScore: number;
  framesWithPose: number;
  meanVisibility: number;
  model: PoseModel;
  modelVersion: string;
  backend: PoseBackend;
  filtered: boolean;
  cropMargin: number;
  frameWidth: number;
  frameHeight: number;
  segmentId: string | null;
  createdAt: string;
}

export function encodeBoxes(boxes: readonly Rect[], detected: Uint8Array): Buffer {
  const T = boxes.length;
  const buf = Buffer.alloc(T * 16 + T);
  boxes.forEach((b, t) => {
    buf.writeFloatLE(b.x, t * 16);
    buf.writeFloatLE(b.y, t * 16 + 4);
    buf.writeFloatLE(b.width, t * 16 + 8);
    buf.writeFloatLE(b.height, t * 16 + 12);
  });
  buf.set(detected, T * 16);
  return buf;
}

export function decodeBoxes(buf: Buffer, frames: number): { boxes: Rect[]; detected: Uint8Array } {
  const boxes: Rect[] = [];
  for (let t = 0; t < frames; t++) {
    boxes.push({
      x: buf.readFloatLE(t * 16),
      y: buf.readFloatLE(t * 16 + 4),
      width: buf.readFloatLE(t * 16 + 8),
      height: buf.readFloatLE(t * 16 + 12),
    });
  }
  return { boxes, detected: new Uint8Array(buf.subarray(frames * 16, frames * 17)) };
}

export function writeTrack(db: Database, m: TrackMeta, arrays: TubePoseArrays): void {
  const q = poseQuality(arrays);
  db.prepare(
    `INSERT OR REPLACE INTO pose_tracks (job_id, video_id, track_id, start_frame, frame_count, mean_score, boxes, model,
       model_version, backend, frames_with_pose, mean_visibility, filtered, crop_margin, frame_width, frame_height, data,
       segment_id, created_at)
     VALUES (@jobId, @videoId, @trackId, @startFrame, @frameCount, @meanScore, @boxes, @model, @modelVersion, @backend,
       @framesWithPose, @meanVisibility, @filtered, @cropMargin, @frameWidth, @frameHeight, @data, NULL, @createdAt)`,
  ).run({
    jobId: m.jobId,
    videoId: m.videoId,
    trackId: m.trackId,
    startFrame: m.startFrame,
    frameCount: m.boxes.length,
    meanScore: m.meanScore,
    boxes: encodeBoxes(m.boxes, m.detected),
    model: m.model,
    modelVersion: m.modelVersion,
    backend: m.backend,
    framesWithPose: q.framesWithPose,
    meanVisibility: q.meanVisibility,
    filtered: m.filtered ? 1 : 0,
    cropMargin: m.cropMargin,
    frameWidth: m.frameWidth,
    frameHeight: m.frameHeight,
    data: Buffer.from(encodePoseArrays(arrays)),
    createdAt: m.createdAt,
  });
}

interface TrackRow {
  job_id: string;
  video_id: string;
  track_id: number;
  start_frame: number;
  frame_count: number;
  mean_score: number;
  model: string;
  model_version: string;
  backend: string;
  frames_with_pose: number;
  mean_visibility: number;
  filtered: number;
  crop_margin: number;
  frame_width: number;
  frame_height: number;
  segment_id: string | null;
  created_at: string;
}

const TRACK_COLUMNS = `job_id, video_id, track_id, start_frame, frame_count, mean_score, model, model_version, backend,
  frames_with_pose, mean_visibility, filtered, crop_margin, frame_width, frame_height, segment_id, created_at`;

function toTrack(r: TrackRow): TrackRecord {
  return {
    jobId: r.job_id,
    videoId: r.video_id,
    trackId: r.track_id,
    startFrame: r.start_frame,
    frameCount: r.frame_count,
    meanScore: r.mean_score,
    framesWithPose: r.frames_with_pose,
    meanVisibility: r.mean_visibility,
    model: r.model as PoseModel,
    modelVersion: r.model_version,
    backend: r.backend as PoseBackend,
    filtered: r.filtered === 1,
    cropMargin: r.crop_margin,
    frameWidth: r.frame_width,
    frameHeight: r.frame_height,
    segmentId: r.segment_id,
    createdAt: r.created_at,
  };
}

export function tracksOfVideo(db: Database, videoId: string, jobId?: string): TrackRecord[] {
  const rows = (
    jobId
      ? db
          .prepare(
            `SELECT ${TRACK_COLUMNS} FROM pose_tracks WHERE video_id = ? AND job_id = ? ORDER BY track_id`,
          )
          .all(videoId, jobId)
      : db
          .prepare(
            `SELECT ${TRACK_COLUMNS} FROM pose_tracks WHERE video_id = ? ORDER BY created_at, track_id`,
          )
          .all(videoId)
  ) as TrackRow[];
  return rows.map(toTrack);
}

/** A track of a job: the tracker numbers people in each video, so the video is part of its key. */
export interface TrackKey {
  jobId: string;
  videoId: string;
  trackId: number;
}

export function readTrackData(
  db: Database,
  key: TrackKey,
): { boxes: Rect[]; detected: Uint8Array; arrays: TubePoseArrays } | null {
  const row = db
    .prepare(
      'SELECT boxes, data, frame_count FROM pose_tracks WHERE job_id = ? AND video_id = ? AND track_id = ?',
    )
    .get(key.jobId, key.videoId, key.trackId) as
    { boxes: Buffer; data: Buffer; frame_count: number } | undefined;
  if (!row) return null;
  return {
    ...decodeBoxes(row.boxes, row.frame_count),
    arrays: decodePoseArrays(new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)),
  };
}

export function setTrackSegment(db: Database, key: TrackKey, segmentId: string): void {
  db.prepare('UPDATE pose_tracks SET segment_id = ? WHERE job_id = ? AND video_id = ? AND track_id = ?').run(
    segmentId,
    key.jobId,
    key.videoId,
    key.trackId,
  );
}
