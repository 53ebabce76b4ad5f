import { describe, expect, it } from 'vitest';
import { BLAZEPOSE_EDGES, keypointIndex } from '../../../shared/domain/pose';
import {
  edgesOf,
  hopsFromHips,
  jointsOf,
  mirrorOf,
  spatialPartitions,
} from '../../../models/classifier/graph';

const at = (joints: number[], name: string) => joints.indexOf(keypointIndex(name as never));

describe('skeleton graph', () => {
  it('has every BlazePose bone plus the head joined to the shoulders, for all 33 joints', () => {
    const joints = jointsOf('blazepose33');
    const edges = edgesOf(joints);
    expect(edges).toHaveLength(BLAZEPOSE_EDGES.length + 2);
    expect(edges).toContainEqual([0, 11]);
    expect(edges).toContainEqual([0, 12]);
  });

  it('joins the kept joints of a smaller set through the joints left out (wrist to shoulder)', () => {
    const joints = jointsOf('md4fd11');
    expect(joints).toHaveLength(11);
    const edges = edgesOf(joints);
    const has = (a: string, b: string) =>
      edges.some(
        ([i, j]) =>
          (i === at(joints, a) && j === at(joints, b)) || (i === at(joints, b) && j === at(joints, a)),
      );
    expect(has('left_wrist', 'left_shoulder')).toBe(true);
    expect(has('right_ankle', 'right_knee')).toBe(true);
    expect(has('nose', 'left_shoulder')).toBe(true);
    expect(has('left_wrist', 'left_hip')).toBe(false);
  });

  it('counts hops from the hips', () => {
    const joints = jointsOf('md4fd11');
    const hops = hopsFromHips(joints, edgesOf(joints));
    expect(hops[at(joints, 'left_hip')]).toBe(0);
    expect(hops[at(joints, 'left_knee')]).toBe(1);
    // The wrist joins the shoulder directly once the elbow is left out.
    expect(hops[at(joints, 'left_wrist')]).toBe(2);
  });

  it('partitions each joint’s neighbours into root, centripetal and centrifugal, rows summing to 1', () => {
    const joints = jointsOf('md4fd11');
    const { matrices, joints: n } = spatialPartitions(joints);
    const knee = at(joints, 'left_knee');
    const hip = at(joints, 'left_hip');
    const ankle = at(joints, 'left_ankle');
    const cell = (p: number, i: number, j: number) => matrices[p * n * n + i * n + j] as number;
    expect(cell(0, knee, knee)).toBeCloseTo(1 / 3, 6);
    expect(cell(1, knee, hip)).toBeCloseTo(1 / 3, 6);
    expect(cell(2, knee, ankle)).toBeCloseTo(1 / 3, 6);
    for (let i = 0; i < n; i++) {
      let row = 0;
      for (let p = 0; p < 3; p++) for (let j = 0; j < n; j++) row += cell(p, i, j);
      expect(row).toBeCloseTo(1, 6);
    }
  });

  it('mirrors within a set: each left joint’s partner is its right one', () => {
    const joints = jointsOf('md4fd11');
    const m = mirrorOf(joints);
    expect(m[at(joints, 'left_wrist')]).toBe(at(joints, 'right_wrist'));
    expect(m[at(joints, 'nose')]).toBe(at(joints, 'nose'));
  });
});
