import { expect } from 'vitest';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/contract/api';
import type { ApiError } from '../../shared/contract/envelope';
import type { Segment, TrackKeyframe } from '../../shared/domain/annotation';
import type { Box } from '../../shared/tracks/interpolate';
import type { Video } from '../../shared/domain/video';
import type { Engine } from '../../electron/engine/engine';
import { dataPath } from './data';

/** ta_chi.mp4: 300 frames, 340×256, the clip annotation tests draw their tubes on. */
export const TA_CHI = dataPath('mmskeleton', 'ta_chi.mp4');
export const TA_CHI_FRAMES = 300;

/** Calls a method and returns its value; a failed call fails the test with the engine's message. */
export async function call<M extends MethodName>(
  engine: Engine,
  method: M,
  request: RequestOf<M>,
): Promise<ResponseOf<M>> {
  const r = await engine.call(method, request);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Calls a method that must fail; returns the error. */
export async function refused<M extends MethodName>(
  engine: Engine,
  method: M,
  request: RequestOf<M>,
): Promise<ApiError> {
  const r = await engine.call(method, request);
  expect(r.ok, `${method} should have been refused`).toBe(false);
  if (r.ok) throw new Error(`${method} was not refused`);
  return r.error;
}

/** Imports a real clip into the engine's project. */
export async function importClip(engine: Engine, path: string = TA_CHI): Promise<Video> {
  const value = await call(engine, 'videos.import', { paths: [path] });
  const video = value.imported[0];
  if (!video) throw new Error(`not imported: ${JSON.stringify(value)}`);
  return video;
}

/** A segment without what every write changes (revision, time stamp): the state undo must bring back. */
export function stateOf(s: Segment): Omit<Segment, 'revision' | 'updatedAt'> {
  const { revision: _revision, updatedAt: _updatedAt, ...rest } = s;
  return rest;
}

export function statesOf(segments: readonly Segment[]): Omit<Segment, 'revision' | 'updatedAt'>[] {
  return segments.map(stateOf);
}

/** A box keyframe. */
export function box(frame: number, x: number, y: number, width: number, height: number, outside = false) {
  return { frame, x, y, width, height, outside };
}

/** Boxes (or their absence) equal to within floating-point rounding, frame by frame. */
export function expectBoxesClose(actual: readonly (Box | null)[], expected: readonly (Box | null)[]): void {
  expect(actual).toHaveLength(expected.length);
  for (const [i, e] of expected.entries()) {
    const a = actual[i] ?? null;
    if (e === null || a === null) {
      expect(a, `box ${i}`).toEqual(e);
      continue;
    }
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      expect(a[key], `box ${i}.${key}`).toBeCloseTo(e[key], 9);
    }
  }
}

/** A keyframe list equal to another to within floating-point rounding. */
export function expectKeyframesClose(
  actual: readonly TrackKeyframe[],
  expected: readonly TrackKeyframe[],
): void {
  expect(actual.map((k) => [k.frame, k.outside])).toEqual(expected.map((k) => [k.frame, k.outside]));
  expectBoxesClose(actual, expected);
}
