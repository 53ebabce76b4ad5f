import { lstat, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { EngineContext } from '../context';
import type { JobQueue } from '../jobs/jobQueue';
import { hashFile } from '../media/hash';
import { playbackPlan } from '../media/playback';
import { probeVideo } from '../media/probe';
import { POSTER_WIDTH, posterFrame, writeStill } from '../media/stills';
import { derivedDir } from '../project/layout';
import type { VideoRecord } from '../store/videoRows';
import { findVideoByHash, getVideo, insertVideo } from '../store/videoRows';

export const POSTER_FILE = 'poster.jpg';

export type ImportOutcome = { kind: 'imported'; video: VideoRecord } | { kind: 'duplicate'; videoId: string };

export interface ImportOptions {
  signal?: AbortSignal;
  /**
   * The file is a temporary copy (an upload) that the project takes over: it is moved into the project's
   * media folder, under a name that carries nothing of the original's, and `name` is shown instead.
   */
  adopt?: { name: string };
}

async function checkFile(path: string): Promise<number> {
  let st;
  try {
    st = await lstat(path);
    if (st.isSymbolicLink()) st = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AmeliaError('not_found', `No such file: ${path}`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new AmeliaError('forbidden', `Not allowed to read ${path}.`);
    throw new AmeliaError('media_error', `Cannot read ${path}: ${(err as Error).message}`);
  }
  if (st.isDirectory()) throw new AmeliaError('invalid_request', `${path} is a folder, not a video file.`);
  if (!st.isFile()) throw new AmeliaError('invalid_request', `${path} is not a regular file.`);
  if (st.size === 0)
    throw new AmeliaError('media_error', `Cannot import ${path}: the file is empty (0 bytes).`);
  return st.size;
}

/** A file extension safe to keep on the project's own copy: letters and digits only. */
function safeExtension(name: string): string {
  const ext = extname(name).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '.bin';
}

/**
 * Imports one video. Everything is made in this process's staging folder first and moved into place; only
 * then are the row and its jobs written, in one transaction, so that no job (of this process or another)
 * can start on a file that is not there yet. An import that fails or is interrupted leaves no row, and its
 * files are removed (now, or at the next start: the staging folder `video-<id>` claims them while this
 * process runs).
 */
export async function importVideo(
  ctx: EngineContext,
  jobs: JobQueue,
  inputPath: string,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const { signal, adopt } = options;
  const path = resolve(inputPath);
  const sizeBytes = await checkFile(path);
  const contentHash = await hashFile(path, signal);
  const existing = findVideoByHash(ctx.db, contentHash);
  if (existing) return { kind: 'duplicate', videoId: existing };

  const probe = await probeVideo(ctx.binaries.ffprobe.path, path, signal);
  const plan = playbackPlan(probe, adopt ? adopt.name : path);
  const id = ctx.newId();
  const stage = join(ctx.staging, `video-${id}`);
  const stagedDerived = join(stage, 'derived');
  const stagedMedia = join(stage, 'media');
  await mkdir(stagedDerived, { recursive: true });
  try {
    const warnings = [...probe.warnings];
    const still = {
      path,
      streamIndex: probe.streamIndex,
      times: probe.times,
      fps: probe.nominalFps,
      firstFrameOffsetSec: probe.firstFrameOffsetSec,
      width: probe.width,
      height: probe.height,
    };
    let poster = posterFrame(probe.frameCount);
    try {
      await writeStill(
        ctx.binaries.ffmpeg.path,
        still,
        poster,
        join(stagedDerived, POSTER_FILE),
        POSTER_WIDTH,
        signal,
      );
    } catch (err) {
      if (err instanceof AmeliaError && err.code === 'cancelled') throw err;
      poster = 0;
      try {
        await writeStill(
          ctx.binaries.ffmpeg.path,
          still,
          0,
          join(stagedDerived, POSTER_FILE),
          POSTER_WIDTH,
          signal,
        );
      } catch (again) {
        if (again instanceof AmeliaError && again.code === 'cancelled') throw again;
        warnings.push('No poster frame could be made.');
      }
    }
    let sourcePath = path;
    let name = basename(path);
    if (adopt) {
      await mkdir(stagedMedia, { recursive: true });
      const fileName = `source${safeExtension(adopt.name)}`;
      await rename(path, join(stagedMedia, fileName));
      sourcePath = join(ctx.layout.media, id, fileName);
      name = adopt.name;
    }
    if (signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
    const record: VideoRecord = {
      id,
      name,
      sourcePath,
      sourceOwned: adopt !== undefined,
      contentHash,
      sizeBytes,
      container: probe.container,
      codec: probe.codec,
      pixelFormat: probe.pixelFormat,
      streamIndex: probe.streamIndex,
      width: probe.width,
      height: probe.height,
      codedWidth: probe.codedWidth,
      codedHeight: probe.codedHeight,
      rotation: probe.rotation,
      durationSec: probe.durationSec,
      frameCount: probe.frameCount,
      fps: probe.typicalFps,
      rateText: plan.proxyRate.text,
      variableFrameRate: probe.variableFrameRate,
      firstFrameOffsetSec: probe.firstFrameOffsetSec,
      importedAt: ctx.now().toISOString(),
      warnings,
      proxyState: plan.needsProxy ? 'queued' : 'not-needed',
      proxyReason: plan.reason,
      proxyFps: plan.needsProxy ? plan.proxyRate.fps : null,
      thumbnailFrames: [],
      posterFrame: poster,
    };
    const placed: string[] = [];
    try {
      await rename(stagedDerived, derivedDir(ctx.layout, id));
      placed.push(derivedDir(ctx.layout, id));
      if (adopt) {
        await mkdir(ctx.layout.media, { recursive: true });
        await rename(stagedMedia, join(ctx.layout.media, id));
        placed.push(join(ctx.layout.media, id));
      }
      ctx.db.transaction(() => {
        insertVideo(ctx.db, record, probe.times);
        jobs.enqueue({ id: ctx.newId(), kind: 'thumbnails', videoId: id, unit: 'thumbnails', total: 0 });
        if (plan.needsProxy) {
          jobs.enqueue({
            id: ctx.newId(),
            kind: 'proxy',
            videoId: id,
            unit: 'frames',
            total: probe.frameCount,
          });
        }
      })();
    } catch (err) {
      await Promise.all(placed.map((dir) => rm(dir, { recursive: true, force: true })));
      const dup = findVideoByHash(ctx.db, contentHash);
      if (dup) return { kind: 'duplicate', videoId: dup };
      throw err;
    }
    ctx.emit('data.changed', { entity: 'video', ids: [id], removed: false });
    return { kind: 'imported', video: getVideo(ctx.db, id) as VideoRecord };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
