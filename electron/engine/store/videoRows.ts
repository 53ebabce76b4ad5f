import type { Database } from 'better-sqlite3';
import type { ProxyState, Video } from '../../../shared/domain/video';
import { videoSchema } from '../../../shared/domain/video';

/** A video as the engine keeps it: the domain fields plus what only the Node side needs. */
export interface VideoRecord extends Video {
  sourceOwned: boolean;
  streamIndex: number;
  /** The constant rate, as a rational, at which frames are played (the proxy's rate). */
  rateText: string;
  firstFrameOffsetSec: number;
}

interface VideoRow {
  id: string;
  name: string;
  source_path: string;
  source_owned: number;
  content_hash: string;
  size_bytes: number;
  container: string;
  codec: string;
  pixel_format: string;
  stream_index: number;
  width: number;
  height: number;
  coded_width: number;
  coded_height: number;
  rotation: number;
  duration_sec: number;
  frame_count: number;
  fps: number;
  rate_text: string;
  variable_frame_rate: number;
  first_frame_offset_sec: number;
  warnings: string;
  proxy_job_state: string | null;
  proxy_reason: string | null;
  proxy_fps: number | null;
  poster_frame: number;
  thumbnail_frames: string;
  imported_at: string;
}

const COLUMNS = `id, name, source_path, source_owned, content_hash, size_bytes, container, codec, pixel_format,
  stream_index, width, height, coded_width, coded_height, rotation, duration_sec, frame_count, fps, rate_text,
  variable_frame_rate, first_frame_offset_sec, warnings, proxy_reason, proxy_fps, poster_frame,
  thumbnail_frames, imported_at`;

const SELECT = `SELECT ${COLUMNS},
  (SELECT state FROM jobs WHERE jobs.video_id = videos.id AND jobs.kind = 'proxy'
   ORDER BY created_at DESC, rowid DESC LIMIT 1) AS proxy_job_state
  FROM videos`;

/** A video's proxy state follows its latest proxy job, so the two can never disagree. */
function proxyStateOf(reason: string | null, jobState: string | null): ProxyState {
  if (reason === null) return 'not-needed';
  switch (jobState) {
    case 'queued':
      return 'queued';
    case 'running':
      return 'running';
    case 'done':
      return 'ready';
    default:
      return 'failed';
  }
}

function fromRow(row: VideoRow): VideoRecord {
  const video = videoSchema.parse({
    id: row.id,
    name: row.name,
    sourcePath: row.source_path,
    contentHash: row.content_hash,
    sizeBytes: row.size_bytes,
    container: row.container,
    codec: row.codec,
    pixelFormat: row.pixel_format,
    width: row.width,
    height: row.height,
    codedWidth: row.coded_width,
    codedHeight: row.coded_height,
    rotation: row.rotation,
    durationSec: row.duration_sec,
    frameCount: row.frame_count,
    fps: row.fps,
    variableFrameRate: row.variable_frame_rate === 1,
    importedAt: row.imported_at,
    warnings: JSON.parse(row.warnings) as unknown,
    proxyState: proxyStateOf(row.proxy_reason, row.proxy_job_state),
    proxyReason: row.proxy_reason,
    proxyFps: row.proxy_fps,
    thumbnailFrames: JSON.parse(row.thumbnail_frames) as unknown,
    posterFrame: row.poster_frame,
  });
  return {
    ...video,
    sourceOwned: row.source_owned === 1,
    streamIndex: row.stream_index,
    rateText: row.rate_text,
    firstFrameOffsetSec: row.first_frame_offset_sec,
  };
}

/** The domain view of a record (what crosses the contract). */
export function toVideo(r: VideoRecord): Video {
  const { sourceOwned: _o, streamIndex: _s, rateText: _r, firstFrameOffsetSec: _f, ...video } = r;
  return video;
}

export function encodeFrameTimes(times: Float64Array): Buffer {
  const buf = Buffer.alloc(times.length * 8);
  times.forEach((t, i) => buf.writeDoubleLE(t, i * 8));
  return buf;
}

export function decodeFrameTimes(buf: Buffer): Float64Array {
  const out = new Float64Array(buf.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = buf.readDoubleLE(i * 8);
  return out;
}

export function insertVideo(db: Database, v: VideoRecord, frameTimes: Float64Array): void {
  db.prepare(
    `INSERT INTO videos (${COLUMNS}, frame_times) VALUES (
      @id, @name, @source_path, @source_owned, @content_hash, @size_bytes, @container, @codec, @pixel_format,
      @stream_index, @width, @height, @coded_width, @coded_height, @rotation, @duration_sec, @frame_count, @fps,
      @rate_text, @variable_frame_rate, @first_frame_offset_sec, @warnings, @proxy_reason, @proxy_fps,
      @poster_frame, @thumbnail_frames, @imported_at, @frame_times)`,
  ).run({
    id: v.id,
    name: v.name,
    source_path: v.sourcePath,
    source_owned: v.sourceOwned ? 1 : 0,
    content_hash: v.contentHash,
    size_bytes: v.sizeBytes,
    container: v.container,
    codec: v.codec,
    pixel_format: v.pixelFormat,
    stream_index: v.streamIndex,
    width: v.width,
    height: v.height,
    coded_width: v.codedWidth,
    coded_height: v.codedHeight,
    rotation: v.rotation,
    duration_sec: v.durationSec,
    frame_count: v.frameCount,
    fps: v.fps,
    rate_text: v.rateText,
    variable_frame_rate: v.variableFrameRate ? 1 : 0,
    first_frame_offset_sec: v.firstFrameOffsetSec,
    warnings: JSON.stringify(v.warnings),
    proxy_reason: v.proxyReason,
    proxy_fps: v.proxyFps,
    poster_frame: v.posterFrame,
    thumbnail_frames: JSON.stringify(v.thumbnailFrames),
    imported_at: v.importedAt,
    frame_times: encodeFrameTimes(frameTimes),
  });
}

export function getVideo(db: Database, id: string): VideoRecord | null {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as VideoRow | undefined;
  return row ? fromRow(row) : null;
}

export function listVideos(db: Database): VideoRecord[] {
  const rows = db.prepare(`${SELECT} ORDER BY imported_at, name`).all() as VideoRow[];
  return rows.map(fromRow);
}

export function findVideoByHash(db: Database, contentHash: string): string | null {
  const row = db.prepare('SELECT id FROM videos WHERE content_hash = ?').get(contentHash) as
    { id: string } | undefined;
  return row?.id ?? null;
}

export function videoExists(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM videos WHERE id = ?').get(id) !== undefined;
}

export function getFrameTimes(db: Database, id: string): Float64Array | null {
  const row = db.prepare('SELECT frame_times FROM videos WHERE id = ?').get(id) as
    { frame_times: Buffer } | undefined;
  return row ? decodeFrameTimes(row.frame_times) : null;
}

export function setThumbnailFrames(db: Database, id: string, frames: number[]): void {
  db.prepare('UPDATE videos SET thumbnail_frames = ? WHERE id = ?').run(JSON.stringify(frames), id);
}

export function deleteVideo(db: Database, id: string): void {
  db.prepare('DELETE FROM videos WHERE id = ?').run(id);
}
