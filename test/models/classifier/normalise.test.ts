import { describe, expect, it } from 'vitest';
import { BLAZEPOSE_KEYPOINT_COUNT, keypointIndex } from '../../../shared/domain/pose';
import { validateConfig } from '../../../models/classifier/config';
import { jointsOf } from '../../../models/classifier/graph';
import { featureLayout, VELOCITY_SCALE_SEC, windowFeatures } from '../../../models/classifier/normalise';
import type { PoseTrack } from '../../../models/classifier/types';
import { prepareTrack } from '../../../models/classifier/windows';
import { syntheticTrack } from '../../support/classifier';

const K = BLAZEPOSE_KEYPOINT_COUNT;

function features(track: PoseTrack, overrides: Parameters<typeof validateConfig>[0] = {}): Float32Array {
  const config = validateConfig({ windowFrames: 8, frameRateHz: 15, ...overrides });
  const joints = jointsOf(config.jointSet);
  const out = new Float32Array(config.windowFrames * joints.length * featureLayout(config).channels);
  windowFeatures(prepareTrack(track, config.frameRateHz), 0, joints, config, out, 0);
  return out;
}

function walker(origin: [number, number], scale: number): PoseTrack {
  return syntheticTrack({
    key: 'w',
    frames: 8,
    motions: [{ motion: 'walk', frames: 8, label: 0 }],
    origin,
    scale,
    noise: 0,
  });
}

describe('normalisation', () => {
  it('gives the same features wherever the person is in the image and however large', () => {
    const a = features(walker([100, 300], 1));
    const b = features(walker([500, 420], 2.5));
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i] as number, 4);
  });

  it('centres each frame on its hips, or the window on the hips’ mean (keeping the body’s motion)', () => {
    const lh = keypointIndex('left_hip');
    const rh = keypointIndex('right_hip');
    const perFrame = features(walker([100, 300], 1), { centre: 'frame', velocity: false });
    const C = 2;
    for (let t = 0; t < 8; t++) {
      const cx = ((perFrame[(t * K + lh) * C] as number) + (perFrame[(t * K + rh) * C] as number)) / 2;
      expect(cx).toBeCloseTo(0, 5);
    }
    const perWindow = features(walker([100, 300], 1), { centre: 'window', velocity: false });
    const hipX = (t: number) =>
      ((perWindow[(t * K + lh) * C] as number) + (perWindow[(t * K + rh) * C] as number)) / 2;
    // The walker moves right 3 px a frame, about 0.06 torso lengths.
    expect(hipX(7) - hipX(0)).toBeGreaterThan(0.3);
    expect((hipX(0) + hipX(7)) / 2).toBeCloseTo(0, 1);
  });

  it('scales by the torso: shoulders’ midpoint one unit above the hips’ midpoint for an upright person', () => {
    const f = features(
      syntheticTrack({ key: 's', frames: 8, motions: [{ motion: 'stand', frames: 8, label: 0 }] }),
      {
        centre: 'frame',
        velocity: false,
      },
    );
    const y = (k: string) => f[keypointIndex(k as never) * 2 + 1] as number;
    expect((y('left_shoulder') + y('right_shoulder')) / 2 - (y('left_hip') + y('right_hip')) / 2).toBeCloseTo(
      -1,
      1,
    );
  });

  it('adds velocities in torso lengths a second (scaled), the first frame taking the second’s', () => {
    const f = features(walker([100, 300], 1), { velocity: true });
    const C = 4;
    const nose = keypointIndex('nose');
    const x = (t: number) => f[(t * K + nose) * C] as number;
    const v = (t: number) => f[(t * K + nose) * C + 2] as number;
    expect(v(3)).toBeCloseTo((x(3) - x(2)) * 15 * VELOCITY_SCALE_SEC, 5);
    expect(v(0)).toBeCloseTo((x(1) - x(0)) * 15 * VELOCITY_SCALE_SEC, 5);
  });

  it('turns world coordinates so the hips face the camera, when asked', () => {
    // World: hips along z (the person side-on), shoulders above.
    const T = 8;
    const world = new Float32Array(T * K * 3);
    const set = (t: number, k: string, x: number, y: number, z: number) =>
      world.set([x, y, z], (t * K + keypointIndex(k as never)) * 3);
    for (let t = 0; t < T; t++) {
      set(t, 'left_hip', 0, 0, 0.1);
      set(t, 'right_hip', 0, 0, -0.1);
      set(t, 'left_shoulder', 0, -0.5, 0.15);
      set(t, 'right_shoulder', 0, -0.5, -0.15);
    }
    const base = syntheticTrack({ key: 'w', frames: T, motions: [{ motion: 'stand', frames: T, label: 0 }] });
    const f = features(
      { ...base, world },
      { coordinates: 'world', faceCamera: true, velocity: false, centre: 'frame' },
    );
    const lh = keypointIndex('left_hip');
    // After the turn the left hip lies along +x, z near 0.
    expect(f[lh * 3] as number).toBeGreaterThan(0.15);
    expect(f[lh * 3 + 2] as number).toBeCloseTo(0, 5);
  });

  it('lays channels out as image x, y, world x, y, z, then their velocities', () => {
    expect(featureLayout({ coordinates: 'both', velocity: true })).toEqual({
      channels: 10,
      imageX: 0,
      imageY: 1,
      worldX: 2,
      worldY: 3,
      worldZ: 4,
      velocity: 5,
    });
    expect(featureLayout({ coordinates: 'image', velocity: false }).channels).toBe(2);
  });
});
