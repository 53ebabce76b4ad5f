import type { Database } from 'better-sqlite3';
import type { Engine } from '../../electron/engine/engine';
import { trackHash } from '../../electron/engine/poses/trackHash';
import { writeExtraction, writeTrack } from '../../electron/engine/store/poseRows';
import type { Segment } from '../../shared/domain/annotation';
import { BLAZEPOSE_KEYPOINT_COUNT } from '../../shared/domain/pose';
import type { TubePoseArrays } from '../../shared/domain/pose';
import type { PoseTrack } from '../../models/classifier/types';
import { call } from './annotation';
import { dataPath } from './data';
import type { Motion } from './classifier';
import { syntheticTrack } from './classifier';

const K = BLAZEPOSE_KEYPOINT_COUNT;
export const CLIENT = 'classifier-tests';

/** UP-Fall clips (142-ish frames at 18 fps, 640×480); the two cameras of Activity 1 trial 1 are one scene. */
export const CLIPS = {
  a1t1c1: dataPath('upfall/Activity1/Subject1/Trial1Cam1.mp4'),
  a1t1c2: dataPath('upfall/Activity1/Subject1/Trial1Cam2.mp4'),
  a2t1c1: dataPath('upfall/Activity2/Subject1/Trial1Cam1.mp4'),
  a3t1c1: dataPath('upfall/Activity3/Subject1/Trial1Cam1.mp4'),
  a4t1c1: dataPath('upfall/Activity4/Subject1/Trial1Cam1.mp4'),
  a6t1c1: dataPath('upfall/Activity6/Subject1/Trial1Cam1.mp4'),
};
export const UPFALL_RECORDING_PATTERN = 'Activity\\d+/Subject\\d+/Trial\\d+';

/** A synthetic pose track as the arrays the pose extractor stores (image x, y, z = 0, visibility; world from image). */
export function poseArraysOf(track: PoseTrack): TubePoseArrays {
  const T = track.times.length;
  const image = new Float32Array(T * K * 4);
  const world = new Float32Array(T * K * 3);
  for (let t = 0; t < T; t++) {
    const hipX = ((track.image[(t * K + 23) * 3] as number) + (track.image[(t * K + 24) * 3] as number)) / 2;
    const hipY =
      ((track.image[(t * K + 23) * 3 + 1] as number) + (track.image[(t * K + 24) * 3 + 1] as number)) / 2;
    for (let k = 0; k < K; k++) {
      const x = track.image[(t * K + k) * 3] as number;
      const y = track.image[(t * K + k) * 3 + 1] as number;
      image.set([x, y, 0, track.image[(t * K + k) * 3 + 2] as number], (t * K + k) * 4);
      world.set([(x - hipX) / 200, (y - hipY) / 200, 0], (t * K + k) * 3);
    }
  }
  return {
    keypointCount: K,
    present: Uint8Array.from(track.present),
    score: new Float32Array(T).fill(0.9),
    image,
    world,
    crops: new Float32Array(T * 4),
    rawImage: null,
    rawWorld: null,
  };
}

/** Writes poses for a tube as an extraction would (current with the tube's range and boxes). */
export function givePoses(db: Database, segment: Segment, track: PoseTrack): void {
  writeExtraction(
    db,
    {
      segmentId: segment.id,
      videoId: segment.videoId,
      model: 'blazepose-full',
      modelVersion: 'test',
      backend: 'wasm',
      startFrame: segment.startFrame,
      filtered: false,
      trackHash: trackHash(segment),
      cropMargin: 0.25,
      frameWidth: 640,
      frameHeight: 480,
      jobId: null,
      extractedAt: new Date().toISOString(),
    },
    poseArraysOf(track),
  );
}

export interface Phase {
  motion: Motion;
  frames: number;
  /** A taxonomy node, or null for an unlabelled tube. */
  label: string | null;
}

/** A person in a video with one labelled tube (and synthetic poses) per phase, back to back from frame 0. */
export async function labelPerson(
  engine: Engine,
  db: Database,
  videoId: string,
  name: string,
  phases: readonly Phase[],
  seed: number,
): Promise<Segment[]> {
  const actor = await call(engine, 'actors.create', { clientId: CLIENT, videoId, name });
  const frames = phases.reduce((n, p) => n + p.frames, 0);
  const track = syntheticTrack({
    key: `${videoId}-${name}`,
    frames,
    fps: 18,
    seed,
    origin: [200 + 10 * seed, 400],
    motions: phases.map((p) => ({ motion: p.motion, frames: p.frames, label: 0 })),
  });
  const out: Segment[] = [];
  let start = 0;
  for (const p of phases) {
    const end = start + p.frames - 1;
    const segment = await call(engine, 'segments.create', {
      clientId: CLIENT,
      videoId,
      actorId: actor.id,
      startFrame: start,
      endFrame: end,
      ...(p.label ? { labelNodeId: p.label } : {}),
      keyframes: [{ frame: start, x: 100, y: 100, width: 200, height: 300, outside: false }],
    });
    const slice = (a: Float32Array) => a.slice(start * K * 3, (end + 1) * K * 3);
    givePoses(db, segment, {
      ...track,
      times: track.times.slice(start, end + 1),
      frames: track.frames.slice(start, end + 1),
      present: track.present.slice(start, end + 1),
      image: slice(track.image),
      labels: track.labels.slice(start, end + 1),
    });
    out.push(segment);
    start = end + 1;
  }
  return out;
}

/** The fall clips' phases: walking, falling, lying (action-level labels); 110 frames, in every clip. */
export const FALL_PHASES: Phase[] = [
  { motion: 'walk', frames: 50, label: 'walk' },
  { motion: 'fall', frames: 20, label: 'fall-forward-hands' },
  { motion: 'lie', frames: 40, label: 'lying-still-on-floor' },
];

/** Whole-video people as pose extraction stores them (a fake pose job), with synthetic poses. */
export function givePeople(
  db: Database,
  videoId: string,
  jobId: string,
  people: { phases: readonly { motion: Motion; frames: number }[]; seed: number }[],
): void {
  people.forEach((p, i) => {
    const frames = p.phases.reduce((n, x) => n + x.frames, 0);
    const track = syntheticTrack({
      key: `p${i}`,
      frames,
      fps: 18,
      seed: p.seed,
      origin: [150 + 250 * i, 400],
      motions: p.phases.map((x) => ({ ...x, label: 0 })),
    });
    writeTrack(
      db,
      {
        jobId,
        videoId,
        trackId: i + 1,
        startFrame: 0,
        meanScore: 0.8,
        boxes: Array.from({ length: frames }, (_, f) => ({ x: 100 + f, y: 100, width: 150, height: 300 })),
        detected: new Uint8Array(frames).fill(1),
        model: 'blazepose-full',
        modelVersion: 'test',
        backend: 'wasm',
        filtered: false,
        cropMargin: 0.25,
        frameWidth: 640,
        frameHeight: 480,
        createdAt: new Date().toISOString(),
      },
      poseArraysOf(track),
    );
  });
}
