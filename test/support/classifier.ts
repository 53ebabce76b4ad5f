import { BLAZEPOSE_KEYPOINT_COUNT, keypointIndex } from '../../shared/domain/pose';
import type { BlazePoseKeypoint } from '../../shared/domain/pose';
import { createSeededRandom } from '../../shared/classifier/seededRandom';
import type { PoseTrack } from '../../models/classifier/types';

const K = BLAZEPOSE_KEYPOINT_COUNT;

/** A standing person, joint positions in pixels (y down), feet at y = 0, about 170 px tall, facing the camera. */
const STANDING: Partial<Record<BlazePoseKeypoint, [number, number]>> = {
  nose: [0, -160],
  left_eye: [4, -164],
  right_eye: [-4, -164],
  left_ear: [8, -162],
  right_ear: [-8, -162],
  left_shoulder: [18, -140],
  right_shoulder: [-18, -140],
  left_elbow: [22, -112],
  right_elbow: [-22, -112],
  left_wrist: [24, -86],
  right_wrist: [-24, -86],
  left_hip: [10, -90],
  right_hip: [-10, -90],
  left_knee: [11, -46],
  right_knee: [-11, -46],
  left_ankle: [12, -4],
  right_ankle: [-12, -4],
  left_heel: [12, 0],
  right_heel: [-12, 0],
  left_foot_index: [14, 2],
  right_foot_index: [-14, 2],
};

/** Joint positions of the template, every keypoint (those not listed sit at the nose). */
function template(): [number, number][] {
  const nose = STANDING.nose as [number, number];
  return Array.from({ length: K }, (_, k) => {
    const name = Object.keys(STANDING).find((n) => keypointIndex(n as BlazePoseKeypoint) === k) as
      BlazePoseKeypoint | undefined;
    return name ? (STANDING[name] as [number, number]) : nose;
  });
}

export type Motion = 'stand' | 'walk' | 'fall' | 'lie';

/**
 * A synthetic person: standing still, walking to the right, falling (the body turning about the feet to
 * horizontal over `fallFrames`), or lying; with a little seeded noise. Labels: the class index given for
 * every frame, or per phase via `labels`.
 */
export function syntheticTrack(options: {
  key: string;
  frames: number;
  fps?: number;
  motions: { motion: Motion; frames: number; label: number }[];
  seed?: number;
  origin?: [number, number];
  scale?: number;
  missing?: number[];
  /** Standard deviation of the noise on every coordinate, pixels (default 1.5). */
  noise?: number;
}): PoseTrack {
  const fps = options.fps ?? 15;
  const prng = createSeededRandom(options.seed ?? 1);
  const T = options.frames;
  const image = new Float32Array(T * K * 3);
  const labels = new Int16Array(T).fill(-1);
  const present = new Uint8Array(T).fill(1);
  const base = template();
  const [ox, oy] = options.origin ?? [320, 400];
  const s = options.scale ?? 1;
  const noise = options.noise ?? 1.5;
  let t = 0;
  let x = 0;
  for (const phase of options.motions) {
    for (let i = 0; i < phase.frames && t < T; i++, t++) {
      let angle = 0;
      if (phase.motion === 'walk') x += 3;
      if (phase.motion === 'fall') angle = ((i + 1) / phase.frames) * (Math.PI / 2);
      if (phase.motion === 'lie') angle = Math.PI / 2;
      const swing = phase.motion === 'walk' ? Math.sin(t / 2) * 6 : 0;
      labels[t] = phase.label;
      for (let k = 0; k < K; k++) {
        const by = (base[k] as [number, number])[1];
        let bx = (base[k] as [number, number])[0];
        if (k === keypointIndex('left_ankle') || k === keypointIndex('left_knee')) bx += swing;
        if (k === keypointIndex('right_ankle') || k === keypointIndex('right_knee')) bx -= swing;
        const rx = bx * Math.cos(angle) - by * Math.sin(angle);
        const ry = bx * Math.sin(angle) + by * Math.cos(angle);
        image[(t * K + k) * 3] = ox + (x + rx) * s + prng.normal() * noise;
        image[(t * K + k) * 3 + 1] = oy + ry * s + prng.normal() * noise;
        image[(t * K + k) * 3 + 2] = 0.9;
      }
    }
  }
  for (const m of options.missing ?? []) present[m] = 0;
  return {
    key: options.key,
    times: Float64Array.from({ length: T }, (_, i) => i / fps),
    frames: Int32Array.from({ length: T }, (_, i) => i),
    present,
    image,
    world: null,
    labels,
  };
}
