import { clampFrame } from '../../../../../shared/frames/frameTimes';
import type { PlayerState } from '../../../store/playerSlice';
import type { FrameClock } from './frameClock';

export const PLAYBACK_RATES = [0.25, 0.5, 1, 1.5, 2, 4] as const;
const MAX_RATE = 4;
const MIN_RATE = 0.25;

/** One timed request: from the key press (or seek request) until its frame was presented. */
export interface LatencySample {
  kind: 'step' | 'seek';
  frame: number;
  ms: number;
}

/** When a request was made: an event's timeStamp (same clock as performance.now()). */
export interface RequestTiming {
  t0: number;
  kind: 'step' | 'seek';
}

/** A media time this far from frame 0's start is taken as the element's offset of the whole timeline. */
const MAX_CALIBRATION_OFFSET_SEC = 2;
/** How long after a seek ends its frame may take to be presented before the seek is issued again. */
const PRESENT_GRACE_MS = 250;
/** A seek that has not ended after this long is taken as lost (and issued again, or replaced). */
const LOST_SEEK_MS = 3000;
/** How many times a seek is issued again before the player settles on the frame that is on screen. */
const MAX_SEEK_RETRIES = 3;

/**
 * Drives a <video> frame by frame. What is on screen is known from requestVideoFrameCallback (the media
 * time of the frame actually presented), never from currentTime; a seek goes to the middle of the
 * frame's display interval; seeks asked for while one runs are coalesced into the latest; pausing settles
 * onto the frame that was on screen. Works without a video (no media yet): the playhead just moves.
 */
export class PlayerController {
  private readonly clock: FrameClock;
  private readonly fps: number;
  private readonly emit: (patch: Partial<PlayerState>) => void;
  private video: HTMLVideoElement | null = null;
  private ready = false;
  private calibrated = false;
  private presented: number;
  private target: number | null = null;
  private lastIssued: number | null = null;
  private seekBusy = false;
  private seekBusySince = 0;
  private queued: number | null = null;
  private playing = false;
  private rate = 1;
  private reverse: { speed: number; t0: number; from: number } | null = null;
  private measure: (RequestTiming & { frame: number }) | null = null;
  private fallbackTimer: ReturnType<typeof setTimeout> | null = null;
  private lostSeekTimer: ReturnType<typeof setTimeout> | null = null;
  /** Times the current target's seek was issued again. */
  private retries = 0;
  private calibrationTimer: ReturnType<typeof setTimeout> | null = null;
  private frameCallback = 0;
  /** Latency of timed requests, for the UI benchmark. */
  readonly samples: LatencySample[] = [];

  constructor(clock: FrameClock, fps: number, emit: (patch: Partial<PlayerState>) => void, startFrame = 0) {
    this.clock = clock;
    this.fps = fps;
    this.emit = emit;
    this.presented = clampFrame(startFrame, clock.frameCount);
  }

  get frameCount(): number {
    return this.clock.frameCount;
  }

  /** The frame a new step starts from: the one asked for last, else the one on screen. */
  get currentFrame(): number {
    return this.queued ?? this.target ?? this.presented;
  }

  get isPlaying(): boolean {
    return this.playing || this.reverse !== null;
  }

  get timelineOffset(): number {
    return this.clock.offset;
  }

  /** Starts driving `video` (whose src is set by the caller after this); returns the detach function. */
  attach(video: HTMLVideoElement): () => void {
    this.video = video;
    this.ready = false;
    this.calibrated = false;
    this.emit({
      mediaState: 'loading',
      mediaError: null,
      frame: this.presented,
      targetFrame: null,
      playing: false,
    });

    const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
      if (this.video !== video) return;
      this.markReady(video);
      this.onPresented(now, meta.mediaTime);
      this.frameCallback = video.requestVideoFrameCallback(onFrame);
    };
    this.frameCallback = video.requestVideoFrameCallback(onFrame);

    const onLoaded = () => this.markReady(video);
    const onSeeked = () => this.onSeeked();
    const onPlay = () => {
      this.playing = true;
      this.emit({ playing: true, rate: this.rate });
    };
    const onPause = () => {
      if (!this.playing) return;
      this.playing = false;
      this.emit({ playing: false });
      // Settle exactly on the frame that was on screen (currentTime may be ahead of it).
      if (this.target === null && this.reverse === null) this.seek(this.presented);
    };
    const onError = () => {
      const e = video.error;
      this.emit({
        mediaState: 'error',
        mediaError: e
          ? `The video cannot be played (${e.message || `error ${e.code}`}).`
          : 'The video cannot be played.',
      });
    };
    video.addEventListener('loadeddata', onLoaded);
    video.addEventListener('seeked', onSeeked);
    video.addEventListener('play', onPlay);
    video.addEventListener('pause', onPause);
    video.addEventListener('error', onError);
    if (video.readyState >= 2) onLoaded();
    return () => {
      if (this.calibrationTimer) clearTimeout(this.calibrationTimer);
      if (this.fallbackTimer) clearTimeout(this.fallbackTimer);
      if (this.lostSeekTimer) clearTimeout(this.lostSeekTimer);
      video.cancelVideoFrameCallback(this.frameCallback);
      video.removeEventListener('loadeddata', onLoaded);
      video.removeEventListener('seeked', onSeeked);
      video.removeEventListener('play', onPlay);
      video.removeEventListener('pause', onPause);
      video.removeEventListener('error', onError);
      this.reverse = null;
      if (this.video === video) this.video = null;
      this.ready = false;
    };
  }

  private markReady(video: HTMLVideoElement): void {
    if (this.ready) return;
    this.ready = true;
    this.emit({ mediaState: 'ready' });
    video.playbackRate = this.rate;
    // The first presented frame (frame 0, at time 0) tells the timeline's offset; no frame in time: none.
    this.calibrationTimer = setTimeout(() => this.finishCalibration(), 400);
  }

  private finishCalibration(): void {
    if (this.calibrated) return;
    this.calibrated = true;
    // Now the media can go where the playhead is (a remembered position, or where keys moved it).
    this.seek(this.presented);
  }

  private onPresented(now: number, mediaTime: number): void {
    if (!this.calibrated) {
      if (mediaTime >= 0 && mediaTime < MAX_CALIBRATION_OFFSET_SEC && this.lastIssued === null) {
        this.clock.offset = mediaTime;
      }
      this.finishCalibration();
      if (this.target !== null) return;
    }
    const f = this.clock.frameAtMediaTime(mediaTime);
    this.presented = f;
    if (this.measure && this.measure.frame === f) {
      this.samples.push({ kind: this.measure.kind, frame: f, ms: now - this.measure.t0 });
      this.measure = null;
    }
    if (this.target === f && !this.seekBusy && this.queued === null && this.reverse === null)
      this.target = null;
    this.emit({ frame: f, targetFrame: this.target });
  }

  private onSeeked(): void {
    this.seekBusy = false;
    if (this.lostSeekTimer) clearTimeout(this.lostSeekTimer);
    if (this.queued !== null) {
      const q = this.queued;
      this.queued = null;
      this.issue(q);
      return;
    }
    if (this.fallbackTimer) clearTimeout(this.fallbackTimer);
    this.fallbackTimer = setTimeout(() => {
      const video = this.video;
      if (!video || this.seekBusy || this.target === null || this.playing || this.reverse) return;
      const f = this.clock.frameAtMediaTime(video.currentTime);
      // Where no new frame is presented (the frame asked for was on screen already), settle from the clock.
      if (f === this.target && f === this.presented) {
        this.target = null;
        this.emit({ frame: f, targetFrame: null });
        return;
      }
      // The seek ended but its frame never reached the screen (a busy machine can drop it): ask again.
      this.retry();
    }, PRESENT_GRACE_MS);
  }

  /**
   * Issues the target's seek again; after a few tries, settles on the frame that is on screen, so that the
   * player never waits for ever nor names a frame that is not shown.
   */
  private retry(): void {
    if (this.target === null) return;
    if (this.retries < MAX_SEEK_RETRIES) {
      this.retries++;
      this.issue(this.target);
      return;
    }
    this.target = null;
    this.emit({ frame: this.presented, targetFrame: null });
  }

  private issue(frame: number): void {
    const video = this.video;
    if (!video) return;
    this.seekBusy = true;
    this.seekBusySince = performance.now();
    this.lastIssued = frame;
    if (this.lostSeekTimer) clearTimeout(this.lostSeekTimer);
    // A seek that never ends (no seeked event) would hold every later request in the queue.
    this.lostSeekTimer = setTimeout(() => {
      if (!this.seekBusy || this.video !== video) return;
      this.seekBusy = false;
      const q = this.queued;
      this.queued = null;
      if (q !== null) this.issue(q);
      else if (!this.reverse) this.retry();
    }, LOST_SEEK_MS);
    video.currentTime = this.clock.seekTime(frame);
  }

  /** Puts `frame` on screen (paused), or continues playing from it. */
  seek(frame: number, timing?: RequestTiming): void {
    const f = clampFrame(frame, this.clock.frameCount);
    if (this.reverse) this.stopReverse(false);
    this.measure = timing ? { ...timing, frame: f } : null;
    const video = this.video;
    if (!video || !this.ready || !this.calibrated) {
      // No media (yet): the playhead moves at once, and the media seeks there when it is ready.
      this.presented = f;
      this.target = null;
      this.emit({ frame: f, targetFrame: null });
      return;
    }
    if (this.playing) {
      video.currentTime = this.clock.seekTime(f);
      return;
    }
    if (this.target !== f) this.retries = 0;
    this.target = f;
    this.emit({ targetFrame: f });
    if (this.seekBusy && performance.now() - this.seekBusySince < LOST_SEEK_MS) {
      this.queued = f;
      return;
    }
    this.queued = null;
    this.issue(f);
  }

  /** Moves by `delta` frames from the frame asked for last (pauses first when playing). */
  step(delta: number, timing?: RequestTiming): void {
    if (this.reverse) this.stopReverse(false);
    if (this.playing && this.video) {
      this.playing = false;
      this.video.pause();
      this.emit({ playing: false });
      this.seek(this.presented + delta, timing);
      return;
    }
    this.seek(this.currentFrame + delta, timing);
  }

  play(): void {
    const video = this.video;
    if (this.reverse) this.stopReverse(false);
    if (!video || !this.ready) return;
    if (this.currentFrame >= this.clock.frameCount - 1) this.seek(0);
    this.target = null;
    this.queued = null;
    video.playbackRate = this.rate;
    void video.play().catch((err: unknown) => {
      this.emit({
        mediaError: `Playback did not start: ${err instanceof Error ? err.message : String(err)}`,
      });
    });
  }

  pause(): void {
    if (this.reverse) {
      this.stopReverse(true);
      return;
    }
    this.video?.pause();
  }

  togglePlay(): void {
    if (this.isPlaying) this.pause();
    else this.play();
  }

  setRate(rate: number): void {
    this.rate = Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
    if (this.video) this.video.playbackRate = this.rate;
    this.emit({ rate: this.rate });
  }

  /** The next rate up or down the list of rates. */
  nudgeRate(direction: 1 | -1): void {
    const i = PLAYBACK_RATES.findIndex((r) => r >= this.rate - 1e-9);
    const at = i < 0 ? PLAYBACK_RATES.length - 1 : i;
    const next = PLAYBACK_RATES[Math.min(PLAYBACK_RATES.length - 1, Math.max(0, at + direction))] ?? 1;
    this.setRate(next);
  }

  /** L: play forwards; again while playing: twice as fast (up to 4×). */
  shuttleForward(): void {
    if (this.reverse) this.stopReverse(false);
    if (this.playing) this.setRate(Math.min(MAX_RATE, this.rate * 2));
    else {
      this.setRate(1);
      this.play();
    }
  }

  /** J: play backwards (by seeking, as fast as frames decode); again: twice as fast (up to 4×). */
  shuttleBack(): void {
    const video = this.video;
    if (!video || !this.ready) return;
    if (this.playing) {
      this.playing = false;
      video.pause();
    }
    const speed = this.reverse ? Math.min(MAX_RATE, this.reverse.speed * 2) : 1;
    this.reverse = { speed, t0: performance.now(), from: this.reverse ? this.currentFrame : this.presented };
    this.emit({ playing: true, rate: -speed });
    requestAnimationFrame(this.reverseTick);
  }

  /** K: stop any shuttle and pause. */
  shuttleStop(): void {
    if (this.reverse) this.stopReverse(true);
    else this.video?.pause();
  }

  private readonly reverseTick = (): void => {
    const r = this.reverse;
    if (!r || !this.video) return;
    const elapsed = (performance.now() - r.t0) / 1000;
    const f = Math.max(0, r.from - Math.floor(elapsed * this.fps * r.speed));
    if (!this.seekBusy && f !== this.lastIssued) {
      this.target = f;
      this.issue(f);
    }
    if (f === 0) {
      this.stopReverse(true);
      return;
    }
    requestAnimationFrame(this.reverseTick);
  };

  private stopReverse(settle: boolean): void {
    if (!this.reverse) return;
    this.reverse = null;
    this.emit({ playing: false, rate: this.rate });
    if (settle) this.seek(this.lastIssued ?? this.presented);
  }
}
