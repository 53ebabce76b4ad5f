import { BLAZEPOSE_EDGES, BLAZEPOSE_KEYPOINT_COUNT, BLAZEPOSE_MIRROR } from '../../shared/domain/pose';
import { EXTRA_GRAPH_EDGES, JOINT_SETS, LEFT_HIP, RIGHT_HIP } from './constants';
import type { JointSet } from './constants';

/** The BlazePose keypoint indices of a joint set, in increasing order. */
export function jointsOf(set: JointSet): number[] {
  const subset = JOINT_SETS[set];
  return subset === null ? Array.from({ length: BLAZEPOSE_KEYPOINT_COUNT }, (_, i) => i) : [...subset];
}

/** For each joint of the set (by position), the position of its left/right partner in the set. */
export function mirrorOf(joints: readonly number[]): number[] {
  return joints.map((k, i) => {
    const partner = BLAZEPOSE_MIRROR[k] ?? k;
    const j = joints.indexOf(partner);
    return j >= 0 ? j : i;
  });
}

/**
 * The skeleton's edges between the joints of a set, by position in the set: BLAZEPOSE_EDGES plus the
 * head-to-shoulder links, where two kept joints are joined when a path of left-out joints joins them (the
 * wrist joins the shoulder when the elbow is left out).
 */
export function edgesOf(joints: readonly number[]): [number, number][] {
  const all = [...BLAZEPOSE_EDGES, ...EXTRA_GRAPH_EDGES];
  const neighbours = new Map<number, number[]>();
  for (const [a, b] of all) {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  const kept = new Set(joints);
  const out = new Set<string>();
  for (const start of joints) {
    // Search through left-out joints only, from each kept joint.
    const seen = new Set<number>([start]);
    const stack = [...(neighbours.get(start) ?? [])];
    while (stack.length > 0) {
      const k = stack.pop() as number;
      if (seen.has(k)) continue;
      seen.add(k);
      if (kept.has(k)) {
        const [i, j] = [joints.indexOf(start), joints.indexOf(k)].sort((x, y) => x - y) as [number, number];
        out.add(`${i},${j}`);
      } else {
        stack.push(...(neighbours.get(k) ?? []));
      }
    }
  }
  return [...out]
    .map((s) => s.split(',').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Hops from the hips (the body's centre) to every joint of the set, over its edges. */
export function hopsFromHips(
  joints: readonly number[],
  edges: readonly (readonly [number, number])[],
): number[] {
  const n = joints.length;
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    (adj[a] as number[]).push(b);
    (adj[b] as number[]).push(a);
  }
  const hops = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  const queue: number[] = [];
  for (const hip of [LEFT_HIP, RIGHT_HIP]) {
    const i = joints.indexOf(hip);
    if (i >= 0) {
      hops[i] = 0;
      queue.push(i);
    }
  }
  if (queue.length === 0) {
    hops[0] = 0;
    queue.push(0);
  }
  while (queue.length > 0) {
    const i = queue.shift() as number;
    for (const j of adj[i] as number[]) {
      if ((hops[j] as number) > (hops[i] as number) + 1) {
        hops[j] = (hops[i] as number) + 1;
        queue.push(j);
      }
    }
  }
  // Joints the edges do not reach (none in the sets amelia has) count as far away.
  const reached = hops.filter((h) => Number.isFinite(h));
  const far = (reached.length > 0 ? Math.max(...reached) : 0) + 1;
  return hops.map((h) => (Number.isFinite(h) ? h : far));
}

/**
 * ST-GCN's spatial-configuration partition (Yan et al., 2018): for each joint, three neighbour sets, the
 * joint itself with neighbours as far from the centre as it (root), the neighbours nearer the centre
 * (centripetal), and those farther (centrifugal). Each is a V×V matrix, row i holding the weights joint i
 * gathers from its neighbours, normalised by joint i's neighbour count (A·D⁻¹ of the paper, transposed).
 * Returned row-major as 3·V·V numbers: partition, then row, then column.
 */
export function spatialPartitions(joints: readonly number[]): { matrices: Float32Array; joints: number } {
  const n = joints.length;
  const edges = edgesOf(joints);
  const hops = hopsFromHips(joints, edges);
  const a = new Float32Array(3 * n * n);
  const degree = new Array<number>(n).fill(1);
  for (const [i, j] of edges) {
    degree[i] = (degree[i] as number) + 1;
    degree[j] = (degree[j] as number) + 1;
  }
  const set = (p: number, i: number, j: number) => {
    a[p * n * n + i * n + j] = 1 / (degree[i] as number);
  };
  for (let i = 0; i < n; i++) set(0, i, i);
  for (const [x, y] of edges) {
    for (const [i, j] of [
      [x, y],
      [y, x],
    ] as const) {
      const hi = hops[i] as number;
      const hj = hops[j] as number;
      set(hj === hi ? 0 : hj < hi ? 1 : 2, i, j);
    }
  }
  return { matrices: a, joints: n };
}
