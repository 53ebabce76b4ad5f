import type { Database } from 'better-sqlite3';
import { rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { VideoRemoval } from '../../../shared/domain/videoRemoval';
import { removedTubesText } from '../../../shared/domain/videoRemoval';
import { AmeliaError } from '../../../shared/contract/envelope';
import { modelsDir } from '../classifier/registry';
import type { EngineContext } from '../context';
import type { JobQueue } from '../jobs/jobQueue';
import { derivedDir } from '../project/layout';
import type { JobRecord } from '../store/jobRows';
import { jobsOfVideo, listJobs } from '../store/jobRows';
import { assertNever } from '../../../shared/util/assertNever';
import type { VideoRecord } from '../store/videoRows';
import { deleteVideo } from '../store/videoRows';

/** What removing a video would delete with it. */
export function videoRemoval(db: Database, video: VideoRecord): VideoRemoval {
  const count = (table: string, where = '') =>
    (
      db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE video_id = ?${where}`).get(video.id) as {
        n: number;
      }
    ).n;
  return {
    videoId: video.id,
    name: video.name,
    tubes: count('segments'),
    labelledTubes: count('segments', ' AND label_node_id IS NOT NULL'),
    people: count('actors'),
    reviewItems: count('review_items'),
    poseTracks: count('pose_extractions') + count('pose_tracks'),
    inferenceRuns: count('inference_runs'),
    deletesSource: video.sourceOwned,
    sourcePath: video.sourcePath,
  };
}

/**
 * Refuses to remove a video whose tubes the caller has not confirmed: none confirmed, or fewer than it has
 * now (someone added some since the caller looked).
 */
function requireConfirmedTubes(r: VideoRemoval, discardTubes: number | undefined): void {
  if (r.tubes === 0 || (discardTubes !== undefined && discardTubes >= r.tubes)) return;
  if (discardTubes === undefined || discardTubes === 0) {
    throw new AmeliaError(
      'conflict',
      `"${r.name}" has ${removedTubesText(r)}. Removing the video deletes them with it, and that cannot be undone: export them first if they are wanted. To remove it anyway, confirm how many tubes to delete (${r.tubes}).`,
      'discardTubes',
    );
  }
  throw new AmeliaError(
    'conflict',
    `"${r.name}" now has ${r.tubes} tubes, not the ${discardTubes} confirmed: some were added since. Look again before removing it.`,
    'discardTubes',
  );
}

/**
 * A running job over several videos that reads this one: poses or inference naming it, or an export of it
 * (or of every video). It would fail on the files and rows removed under it; a queued one skips a video
 * that is gone (an export naming it says so).
 */
function runningBatchOf(db: Database, videoId: string): JobRecord | undefined {
  return listJobs(db).find((j) => {
    if (j.state !== 'running' || j.videoId !== null) return false;
    const named = (ids: unknown) => Array.isArray(ids) && ids.includes(videoId);
    switch (j.kind) {
      case 'poses':
      case 'infer':
        return named(j.payload.videoIds);
      case 'export': {
        const selection = j.payload.selection as { videoIds?: unknown } | undefined;
        return selection?.videoIds === undefined || named(selection.videoIds);
      }
      case 'proxy':
      case 'thumbnails':
      case 'train':
        return false;
      default:
        return assertNever(j.kind, 'job kind');
    }
  });
}

function requireNoBatch(db: Database, video: VideoRecord): void {
  const job = runningBatchOf(db, video.id);
  if (job) {
    throw new AmeliaError(
      'conflict',
      `"${video.name}" is being read by a running ${job.kind} job (${job.id}) over several videos. Wait for it to end, or cancel it, then remove the video.`,
      'videoId',
    );
  }
}

/** The folders of a video's inference results, where they lie inside the project's models folder. */
function inferenceRunDirs(ctx: EngineContext, videoId: string): string[] {
  const rows = ctx.db.prepare('SELECT json_path FROM inference_runs WHERE video_id = ?').all(videoId) as {
    json_path: string;
  }[];
  const root = modelsDir(ctx.layout);
  return rows
    .map((r) => dirname(r.json_path))
    .filter((dir) => {
      const rel = relative(root, dir);
      return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && rel.split(sep).length === 3;
    });
}

/**
 * Removes a video and everything made of it: its own jobs are cancelled (a running job over several videos
 * that reads it is waited for or cancelled by the caller first); its rows (tubes, people, review items,
 * poses, inference results) and its edits (so that no undo history waits on a video that is gone) are deleted
 * in one transaction; then its derived files, inference result files and, for an upload, the project's copy.
 * An original elsewhere is never touched.
 */
export async function removeVideo(
  ctx: EngineContext,
  jobs: JobQueue,
  video: VideoRecord,
  discardTubes: number | undefined,
): Promise<void> {
  requireConfirmedTubes(videoRemoval(ctx.db, video), discardTubes);
  requireNoBatch(ctx.db, video);
  for (const job of jobsOfVideo(ctx.db, video.id)) {
    if (job.state === 'queued' || job.state === 'running') jobs.cancel(job.id);
  }
  const runDirs = ctx.db.transaction(() => {
    // Checked again inside the transaction: a tube added while the jobs were being cancelled counts too.
    requireConfirmedTubes(videoRemoval(ctx.db, video), discardTubes);
    requireNoBatch(ctx.db, video);
    const dirs = inferenceRunDirs(ctx, video.id);
    ctx.db.prepare('DELETE FROM edits WHERE video_id = ?').run(video.id);
    deleteVideo(ctx.db, video.id);
    return dirs;
  })();
  await rm(derivedDir(ctx.layout, video.id), { recursive: true, force: true });
  if (video.sourceOwned) await rm(join(ctx.layout.media, video.id), { recursive: true, force: true });
  for (const dir of runDirs) await rm(dir, { recursive: true, force: true });
  ctx.emit('data.changed', { entity: 'video', ids: [video.id], removed: true });
}
