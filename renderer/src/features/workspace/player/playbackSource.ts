import { mediaUrl } from '../../../../../shared/contract/transport';
import type { PlaybackSource } from '../../../../../shared/domain/video';
import type { FrameClock } from './frameClock';
import { proxyClock, sourceClock } from './frameClock';

export interface Playback {
  url: string;
  kind: PlaybackSource;
  clock: FrameClock;
}

/**
 * What the player plays (the original, or its proxy once ready: `playbackSourceOf`) and how its clock maps
 * to frames: the original by the frame times found at import, the proxy at its constant rate.
 */
export function playbackFor(
  videoId: string,
  source: PlaybackSource | null,
  proxyFps: number | null,
  times: readonly number[],
  fps: number,
): Playback | null {
  switch (source) {
    case null:
      return null;
    case 'proxy':
      if (proxyFps === null) return null;
      return {
        url: mediaUrl(videoId, { kind: 'proxy' }),
        kind: source,
        clock: proxyClock(proxyFps, times.length),
      };
    case 'source':
      return { url: mediaUrl(videoId, { kind: 'source' }), kind: source, clock: sourceClock(times, fps) };
  }
}
