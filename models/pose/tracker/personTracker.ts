import type { PersonDetection, Rect } from '../types';

export interface TrackerParams {
  /** Frames a track survives without a match (short occlusions). */
  maxMissedFrames: number;
  /** Least IoU of a detection with a track's predicted box to continue it, 0–1. */
  minIou: number;
  /** A detection scoring lower is ignored, 0–1. */
  minScore: number;
}

/** A followed person: the box at every frame from its first to its last detection (gaps interpolated). */
export interface PersonTrack {
  /** 1, 2, 3… in order of first appearance. */
  id: number;
  startFrame: number;
  /** Inclusive. */
  endFrame: number;
  /** One box per frame of the range. */
  boxes: Rect[];
  /** 1 where the person was detected at that frame, 0 where the box is interpolated over an occlusion. */
  detected: Uint8Array;
  meanScore: number;
}

interface LiveTrack {
  id: number;
  frames: number[];
  boxes: Rect[];
  scores: number[];
  velocity: { x: number; y: number };
  missed: number;
}

export function iou(a: Rect, b: Rect): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

function lerpRect(a: Rect, b: Rect, t: number): Rect {
  return {
    x: a.x + (b.x - a.x) * t,
    y: a.y + (b.y - a.y) * t,
    width: a.width + (b.width - a.width) * t,
    height: a.height + (b.height - a.height) * t,
  };
}

/**
 * Follows people across frames: each frame's detections are matched to the tracks' predicted boxes
 * (constant velocity) by IoU, best pairs first; a track unmatched for more than `maxMissedFrames` ends;
 * an unmatched detection starts a new track. Ids are stable through short occlusions.
 */
export class PersonTracker {
  private live: LiveTrack[] = [];
  private ended: LiveTrack[] = [];
  private nextId = 1;
  private lastFrame = -1;

  constructor(private readonly params: TrackerParams) {}

  private predict(t: LiveTrack, frame: number): Rect {
    const last = t.boxes[t.boxes.length - 1] as Rect;
    const lastFrame = t.frames[t.frames.length - 1] as number;
    const dt = frame - lastFrame;
    return { ...last, x: last.x + t.velocity.x * dt, y: last.y + t.velocity.y * dt };
  }

  /** Adds one frame's detections (frames in increasing order); returns the track id of each detection. */
  update(frame: number, detections: readonly PersonDetection[]): (number | null)[] {
    if (frame <= this.lastFrame)
      throw new RangeError(`frames must increase (${frame} after ${this.lastFrame})`);
    this.lastFrame = frame;
    const ids: (number | null)[] = detections.map(() => null);
    const pairs: { t: number; d: number; iou: number }[] = [];
    this.live.forEach((track, ti) => {
      const predicted = this.predict(track, frame);
      detections.forEach((det, di) => {
        if (det.score < this.params.minScore) return;
        const v = iou(predicted, det.box);
        if (v >= this.params.minIou) pairs.push({ t: ti, d: di, iou: v });
      });
    });
    pairs.sort((a, b) => b.iou - a.iou);
    const usedT = new Set<number>();
    const usedD = new Set<number>();
    for (const p of pairs) {
      if (usedT.has(p.t) || usedD.has(p.d)) continue;
      usedT.add(p.t);
      usedD.add(p.d);
      const track = this.live[p.t] as LiveTrack;
      const det = detections[p.d] as PersonDetection;
      const last = track.boxes[track.boxes.length - 1] as Rect;
      const lastFrame = track.frames[track.frames.length - 1] as number;
      const dt = frame - lastFrame;
      const vx = (det.box.x + det.box.width / 2 - (last.x + last.width / 2)) / dt;
      const vy = (det.box.y + det.box.height / 2 - (last.y + last.height / 2)) / dt;
      track.velocity = { x: 0.5 * track.velocity.x + 0.5 * vx, y: 0.5 * track.velocity.y + 0.5 * vy };
      track.frames.push(frame);
      track.boxes.push(det.box);
      track.scores.push(det.score);
      track.missed = 0;
      ids[p.d] = track.id;
    }
    const still: LiveTrack[] = [];
    this.live.forEach((track, ti) => {
      if (usedT.has(ti)) still.push(track);
      else if (++track.missed > this.params.maxMissedFrames) this.ended.push(track);
      else still.push(track);
    });
    detections.forEach((det, di) => {
      if (usedD.has(di) || det.score < this.params.minScore) return;
      const track: LiveTrack = {
        id: this.nextId++,
        frames: [frame],
        boxes: [det.box],
        scores: [det.score],
        velocity: { x: 0, y: 0 },
        missed: 0,
      };
      still.push(track);
      ids[di] = track.id;
    });
    this.live = still;
    return ids;
  }

  /** Every track so far, with boxes at every frame of its range; tracks with fewer detections are dropped. */
  tracks(minDetections = 1): PersonTrack[] {
    return [...this.ended, ...this.live]
      .filter((t) => t.frames.length >= minDetections)
      .sort((a, b) => a.id - b.id)
      .map((t) => {
        const start = t.frames[0] as number;
        const end = t.frames[t.frames.length - 1] as number;
        const boxes: Rect[] = [];
        const detected = new Uint8Array(end - start + 1);
        for (let i = 0; i < t.frames.length; i++) {
          const f = t.frames[i] as number;
          detected[f - start] = 1;
          boxes.push(t.boxes[i] as Rect);
          const nf = t.frames[i + 1];
          if (nf === undefined) break;
          for (let g = f + 1; g < nf; g++) {
            boxes.push(lerpRect(t.boxes[i] as Rect, t.boxes[i + 1] as Rect, (g - f) / (nf - f)));
          }
        }
        return {
          id: t.id,
          startFrame: start,
          endFrame: end,
          boxes,
          detected,
          meanScore: t.scores.reduce((s, v) => s + v, 0) / t.scores.length,
        };
      });
  }
}
