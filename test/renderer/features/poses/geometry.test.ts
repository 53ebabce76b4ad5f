import { describe, expect, it } from 'vitest';
import {
  bonesOf,
  dragAngles,
  presenceShare,
  rotate,
  skeletonAt,
  videoToCanvas,
  visibilityColor,
} from '../../../../renderer/src/features/poses/geometry';
import { BLAZEPOSE_EDGES } from '../../../../shared/domain/pose';
import type { TubePoses } from '../../../../shared/domain/pose';

function tube(): TubePoses {
  const T = 3;
  const K = 33;
  const image = new Float32Array(T * K * 4);
  const world = new Float32Array(T * K * 3);
  for (let k = 0; k < K; k++) {
    image.set([100 + k, 200 + k, 0, k / 32], (1 * K + k) * 4);
    world.set([k / 100, -k / 100, 0.5], (1 * K + k) * 3);
  }
  return {
    segmentId: 's',
    videoId: 'v',
    model: 'blazepose-lite',
    modelVersion: 'x',
    backend: 'wasm',
    startFrame: 10,
    frameCount: T,
    framesWithPose: 1,
    meanVisibility: 0.5,
    filtered: false,
    trackHash: 'h',
    extractedAt: '2026-01-01T00:00:00.000Z',
    keypointCount: K,
    present: Uint8Array.from([0, 1, 0]),
    score: Float32Array.from([0, 0.9, 0]),
    image,
    world,
    crops: new Float32Array(T * 4),
    rawImage: null,
    rawWorld: null,
  };
}

describe('pose view geometry', () => {
  it('finds the pose of a video frame in its tube, and none outside it or where none was found', () => {
    const p = tube();
    expect(skeletonAt(p, 9)).toBeNull();
    expect(skeletonAt(p, 10)).toBeNull();
    expect(skeletonAt(p, 13)).toBeNull();
    const s = skeletonAt(p, 11);
    expect(s?.score).toBeCloseTo(0.9);
    expect(s?.image[5]).toEqual({ x: 105, y: 205, visibility: expect.closeTo(5 / 32, 5) as number });
    expect(s?.world[5]?.z).toBeCloseTo(0.5);
  });

  it('maps video pixels onto a letterboxed canvas', () => {
    expect(
      videoToCanvas({ x: 320, y: 240 }, { width: 640, height: 480 }, { width: 1280, height: 960 }),
    ).toEqual({ x: 640, y: 480 });
    // A 4:3 video in a wide canvas: bars left and right.
    expect(videoToCanvas({ x: 0, y: 0 }, { width: 640, height: 480 }, { width: 1000, height: 480 })).toEqual({
      x: 180,
      y: 0,
    });
  });

  it('colours by visibility from red to green, and gives each bone its weaker end', () => {
    expect(visibilityColor(0)).toBe('hsla(0, 85%, 50%, 1)');
    expect(visibilityColor(1, 0.5)).toBe('hsla(120, 85%, 50%, 0.5)');
    const pts = Array.from({ length: 33 }, (_, i) => ({ visibility: i === 11 ? 0.2 : 0.9 }));
    const bones = bonesOf(pts);
    expect(bones).toHaveLength(BLAZEPOSE_EDGES.length);
    expect(bones.find((b) => b.a === 11 && b.b === 13)?.visibility).toBe(0.2);
  });

  it('turns the 3D view with the mouse: a quarter turn brings depth to the side, the tilt stops short of the pole', () => {
    const r = rotate({ x: 0, y: 0, z: 1 }, { yaw: Math.PI / 2, pitch: 0 });
    expect(r.x).toBeCloseTo(1);
    expect(r.depth).toBeCloseTo(0);
    const v = dragAngles({ yaw: 0, pitch: 0 }, 100, 10_000);
    expect(v.yaw).toBeCloseTo(1);
    expect(v.pitch).toBeCloseTo((89 * Math.PI) / 180);
    expect(presenceShare({ framesWithPose: 3, frameCount: 4 })).toBe(0.75);
  });
});
