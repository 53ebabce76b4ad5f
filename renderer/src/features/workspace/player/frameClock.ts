import {
  clampFrame,
  constantRateFrameAtTime,
  constantRateSeekTime,
  frameAtTime,
  seekTimeOfFrame,
} from '../../../../../shared/frames/frameTimes';

/**
 * How the media element's clock maps to frame indices. The original plays on the frame times found at
 * import; a proxy has one frame per source frame at a constant rate (frame N at N / proxyFps). `offset` is
 * the media time of frame 0 as the element reports it (0 for files whose first frame starts the timeline).
 */
export interface FrameClock {
  readonly frameCount: number;
  offset: number;
  /** The frame whose presentation time is `mediaTime` (requestVideoFrameCallback's metadata). */
  frameAtMediaTime(mediaTime: number): number;
  /** The currentTime that puts frame `frame` on screen: the middle of its display interval. */
  seekTime(frame: number): number;
}

export function sourceClock(times: readonly number[], fps: number): FrameClock {
  const clock: FrameClock = {
    frameCount: times.length,
    offset: 0,
    frameAtMediaTime: (t) => frameAtTime(times, t - clock.offset),
    seekTime: (frame) => seekTimeOfFrame(times, frame, fps) + clock.offset,
  };
  return clock;
}

export function proxyClock(proxyFps: number, frameCount: number): FrameClock {
  const clock: FrameClock = {
    frameCount,
    offset: 0,
    frameAtMediaTime: (t) => constantRateFrameAtTime(t - clock.offset, proxyFps, frameCount),
    seekTime: (frame) => constantRateSeekTime(clampFrame(frame, frameCount), proxyFps) + clock.offset,
  };
  return clock;
}
