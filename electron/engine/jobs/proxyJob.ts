import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { EngineContext } from '../context';
import { makeProxy, verifyProxy } from '../media/proxy';
import { derivedDir } from '../project/layout';
import { getVideo, videoExists } from '../store/videoRows';
import type { JobRunner } from './jobQueue';

export const PROXY_FILE = 'proxy.mp4';

/** Transcodes a video's playback proxy to a temporary file, proves its frame count, then puts it in place. */
export function proxyJobRunner(ctx: EngineContext): JobRunner {
  return async (job, { signal, progress }) => {
    const video = job.videoId ? getVideo(ctx.db, job.videoId) : null;
    if (!video) throw new AmeliaError('not_found', 'The video of this job was removed.');
    const work = join(ctx.staging, `job-${job.id}`);
    await mkdir(work, { recursive: true });
    try {
      const tmp = join(work, PROXY_FILE);
      progress(0, video.frameCount);
      await makeProxy(
        ctx.binaries.ffmpeg,
        {
          src: video.sourcePath,
          streamIndex: video.streamIndex,
          out: tmp,
          width: video.width,
          height: video.height,
          frameCount: video.frameCount,
          rateText: video.rateText,
          fps: video.proxyFps ?? video.fps,
        },
        (frames) => progress(Math.min(frames, video.frameCount)),
        signal,
      );
      await verifyProxy(ctx.binaries.ffprobe.path, tmp, video.frameCount);
      if (signal.aborted) throw new AmeliaError('cancelled', 'cancelled');
      if (!videoExists(ctx.db, video.id))
        throw new AmeliaError('not_found', 'The video of this job was removed.');
      const dest = derivedDir(ctx.layout, video.id);
      await mkdir(dest, { recursive: true });
      await rename(tmp, join(dest, PROXY_FILE));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
}
