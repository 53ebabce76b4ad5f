import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { EngineContext } from '../context';
import { THUMB_WIDTH, thumbnailFrames, writeStill } from '../media/stills';
import { derivedDir } from '../project/layout';
import { getFrameTimes, getVideo, setThumbnailFrames, videoExists } from '../store/videoRows';
import type { JobRunner } from './jobQueue';

export const THUMBS_DIR = 'thumbs';

/** One thumbnail every ten seconds, 12 at least and 120 at most. */
export function thumbnailCount(durationSec: number): number {
  return Math.min(120, Math.max(12, Math.ceil(durationSec / 10)));
}

export function thumbnailsJobRunner(ctx: EngineContext): JobRunner {
  return async (job, { signal, progress }) => {
    const video = job.videoId ? getVideo(ctx.db, job.videoId) : null;
    const times = job.videoId ? getFrameTimes(ctx.db, job.videoId) : null;
    if (!video || !times) throw new AmeliaError('not_found', 'The video of this job was removed.');
    const frames = thumbnailFrames(video.frameCount, thumbnailCount(video.durationSec));
    const work = join(ctx.staging, `job-${job.id}`);
    const tmp = join(work, THUMBS_DIR);
    await mkdir(tmp, { recursive: true });
    try {
      progress(0, frames.length);
      const src = {
        path: video.sourcePath,
        streamIndex: video.streamIndex,
        times,
        fps: video.fps,
        firstFrameOffsetSec: video.firstFrameOffsetSec,
        width: video.width,
        height: video.height,
      };
      for (let i = 0; i < frames.length; i++) {
        await writeStill(
          ctx.binaries.ffmpeg.path,
          src,
          frames[i] as number,
          join(tmp, `${i}.jpg`),
          THUMB_WIDTH,
          signal,
        );
        progress(i + 1);
      }
      if (!videoExists(ctx.db, video.id))
        throw new AmeliaError('not_found', 'The video of this job was removed.');
      const dest = join(derivedDir(ctx.layout, video.id), THUMBS_DIR);
      await mkdir(derivedDir(ctx.layout, video.id), { recursive: true });
      await rm(dest, { recursive: true, force: true });
      await rename(tmp, dest);
      setThumbnailFrames(ctx.db, video.id, frames);
      ctx.emit('data.changed', { entity: 'video', ids: [video.id], removed: false });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
}
