import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sourceClock } from '../../../../renderer/src/features/workspace/player/frameClock';
import { PlayerController } from '../../../../renderer/src/features/workspace/player/PlayerController';
import type { PlayerState } from '../../../../renderer/src/store/playerSlice';

const FPS = 25;
const FRAMES = 100;
/** How long the fake element takes to seek, and then to present the frame. */
const SEEK_MS = 30;
const PRESENT_MS = 10;

/**
 * A paused <video> as PlayerController uses it: a seek (setting currentTime) ends with `seeked` after a
 * while, and the frame is then presented (requestVideoFrameCallback, with the frame's own media time),
 * unless it was told to drop that frame's presentation or to lose the seek (no `seeked`, nothing shown).
 */
class FakeVideo {
  readyState = 4;
  playbackRate = 1;
  error: MediaError | null = null;
  /** Seeks whose frame is not presented (a busy compositor), and seeks that never end, from the next one. */
  dropPresentations = 0;
  loseSeeks = 0;
  /** Every frame a seek was asked for, in order. */
  readonly seeks: number[] = [];
  private time = 0;
  private readonly listeners = new Map<string, Set<() => void>>();
  private callbacks = new Map<number, VideoFrameRequestCallback>();
  private nextId = 1;

  constructor(private readonly times: number[]) {}

  get currentTime(): number {
    return this.time;
  }

  set currentTime(t: number) {
    this.time = t;
    const frame = this.frameAt(t);
    this.seeks.push(frame);
    if (this.loseSeeks > 0) {
      this.loseSeeks--;
      return;
    }
    const drop = this.dropPresentations > 0;
    if (drop) this.dropPresentations--;
    setTimeout(() => {
      this.fire('seeked');
      if (!drop) setTimeout(() => this.present(frame), PRESENT_MS);
    }, SEEK_MS);
  }

  /** Puts `frame` on screen: the frame callbacks run with its presentation time. */
  present(frame: number): void {
    const callbacks = this.callbacks;
    this.callbacks = new Map();
    const meta = { mediaTime: this.times[frame] as number } as VideoFrameCallbackMetadata;
    for (const cb of callbacks.values()) cb(performance.now(), meta);
  }

  requestVideoFrameCallback(cb: VideoFrameRequestCallback): number {
    const id = this.nextId++;
    this.callbacks.set(id, cb);
    return id;
  }

  cancelVideoFrameCallback(id: number): void {
    this.callbacks.delete(id);
  }

  addEventListener(type: string, fn: () => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(fn);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, fn: () => void): void {
    this.listeners.get(type)?.delete(fn);
  }

  pause(): void {}

  play(): Promise<void> {
    return Promise.resolve();
  }

  private fire(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }

  private frameAt(t: number): number {
    let f = 0;
    while (f + 1 < this.times.length && (this.times[f + 1] as number) <= t) f++;
    return f;
  }
}

describe('the player’s seeks', () => {
  const times = Array.from({ length: FRAMES }, (_, i) => i / FPS);
  let video: FakeVideo;
  let state: Partial<PlayerState>;
  let player: PlayerController;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    video = new FakeVideo(times);
    state = {};
    player = new PlayerController(sourceClock(times, FPS), FPS, (patch) => Object.assign(state, patch));
    player.attach(video as unknown as HTMLVideoElement);
    // The element shows frame 0 once loaded; calibration then ends.
    video.present(0);
    await vi.advanceTimersByTimeAsync(1000);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const settledOn = () => (state.targetFrame === null ? state.frame : `not settled (shows ${state.frame})`);

  it('settles on the frame a burst of steps asked for, the seeks between coalesced', async () => {
    for (let i = 0; i < 12; i++) player.step(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(settledOn()).toBe(12);
    // The first step's seek ran; the ones asked for meanwhile became one seek to the last.
    expect(video.seeks.slice(-2)).toEqual([1, 12]);
  });

  it('asks again when a seek ends but its frame never reaches the screen, and settles once it does', async () => {
    player.seek(20);
    await vi.advanceTimersByTimeAsync(1000);
    expect(settledOn()).toBe(20);
    video.dropPresentations = 1;
    player.step(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(settledOn()).toBe(21);
    expect(video.seeks.filter((f) => f === 21)).toHaveLength(2);
  });

  it('asks again when a seek never ends, and later requests are not held behind it', async () => {
    video.loseSeeks = 1;
    player.seek(40);
    await vi.advanceTimersByTimeAsync(1000);
    expect(settledOn()).toBe('not settled (shows 0)');
    await vi.advanceTimersByTimeAsync(3000);
    expect(settledOn()).toBe(40);

    video.loseSeeks = 1;
    player.seek(50);
    player.seek(55);
    await vi.advanceTimersByTimeAsync(4000);
    expect(settledOn()).toBe(55);
  });

  it('after a few tries settles on the frame that is on screen, never naming one that is not', async () => {
    player.seek(30);
    await vi.advanceTimersByTimeAsync(1000);
    video.dropPresentations = 100;
    player.seek(31);
    await vi.advanceTimersByTimeAsync(5000);
    expect(settledOn()).toBe(30);
    // The first seek and three more.
    expect(video.seeks.filter((f) => f === 31)).toHaveLength(4);
  });
});
