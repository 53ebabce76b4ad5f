import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLAZEPOSE_KEYPOINT_COUNT, keypointIndex } from '../../../../shared/domain/pose';
import { Md4fdFormatError, parseMd4fd } from '../../../../models/classifier/importers/md4fd';
import { dataPath } from '../../../support/data';

const K = BLAZEPOSE_KEYPOINT_COUNT;
const classOf = { 0: 0, 1: 1 } as const;

function refusal(text: string): Md4fdFormatError {
  try {
    parseMd4fd(text, { source: 'x.json', fps: 30, classOf });
  } catch (err) {
    if (err instanceof Md4fdFormatError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('md4fd-skeleton importer', () => {
  it('reads the real files: 35 UR Fall sequences (all falls), 18 Le2i sequences (14 falls, 4 daily activities)', () => {
    const ur = parseMd4fd(readFileSync(dataPath('md4fd-skeleton/ur_fall_FALL.json'), 'utf8'), {
      source: 'ur_fall_FALL.json',
      fps: 30,
      classOf,
    });
    const le2i = parseMd4fd(readFileSync(dataPath('md4fd-skeleton/le2i_home_01.json'), 'utf8'), {
      source: 'le2i_home_01.json',
      fps: 25,
      classOf,
    });
    expect(ur).toHaveLength(35);
    expect(ur.every((s) => s.label === 1 && s.track.times.length === 90)).toBe(true);
    expect(le2i.map((s) => s.label).filter((l) => l === 0)).toHaveLength(4);
    expect(le2i[0]?.track.times[1]).toBeCloseTo(1 / 25, 12);
    // The first UR frame: left_shoulder (0.684, 0.313) lands on BlazePose's left shoulder, x scaled by 4/3.
    const ls = keypointIndex('left_shoulder');
    const img = ur[0]?.track.image as Float32Array;
    expect(img[ls * 3]).toBeCloseTo(0.6841277480125427 * (4 / 3), 5);
    expect(img[ls * 3 + 1]).toBeCloseTo(0.312851220369339, 5);
    expect(img[ls * 3 + 2]).toBe(1);
    // Keypoints md4fd lacks have visibility 0.
    expect(img[keypointIndex('left_elbow') * 3 + 2]).toBe(0);
    // Every label of a sequence's frames is its class.
    expect(new Set(ur[0]?.track.labels)).toEqual(new Set([1]));
    expect(ur[0]?.track.image.length).toBe(90 * K * 3);
  });

  it('puts overlapping windows of one video (and repeated sequences) in one recording', () => {
    const ur = parseMd4fd(readFileSync(dataPath('md4fd-skeleton/ur_fall_FALL.json'), 'utf8'), {
      source: 'ur_fall_FALL.json',
      fps: 30,
      classOf,
    });
    // Sequence 1 starts 15 frames into sequence 0: the same recording.
    expect(ur[0]?.recording).toBe(ur[1]?.recording);
    const recordings = new Set(ur.map((s) => s.recording));
    expect(recordings.size).toBeGreaterThan(5);
    expect(recordings.size).toBeLessThan(35);
    const le2i = parseMd4fd(readFileSync(dataPath('md4fd-skeleton/le2i_home_01.json'), 'utf8'), {
      source: 'le2i_home_01.json',
      fps: 25,
      classOf,
    });
    // Sequences 6 and 7 are near-copies (the wrists differ by under 0.01).
    expect(le2i[6]?.recording).toBe(le2i[7]?.recording);
  });

  it('fills null keypoints from the same keypoint’s neighbouring frames; a frame with most keypoints null has no pose', () => {
    const frame = (v: number | null) => [...Array.from({ length: 22 }, (_, i) => (i < 2 ? v : 0.5)), 1.0];
    const seq = [frame(0.2), frame(null), frame(0.4), Array.from({ length: 23 }, () => null), 1];
    const [s] = parseMd4fd(JSON.stringify([seq]), { source: 'nulls.json', fps: 10, classOf });
    const nose = keypointIndex('nose');
    expect(s?.track.image[(1 * K + nose) * 3]).toBeCloseTo(0.3 * (4 / 3), 5);
    expect(Array.from(s?.track.present ?? [])).toEqual([1, 1, 1, 0]);
    expect(s?.nullKeypoints).toBe(1 + 11);
  });

  it('refuses bad-annotations/md4fd_bad_shape.json, naming the sequence', () => {
    const err = refusal(readFileSync(dataPath('bad-annotations/md4fd_bad_shape.json'), 'utf8'));
    expect(err.where).toBe('x.json, sequence 0');
    expect(err.message).toBe(
      'x.json, sequence 0: expected at least one frame then a label (0 or 1), but it holds 1 item',
    );
  });

  it('names the frame and value of every other malformation', () => {
    const ok = Array.from({ length: 23 }, () => 0.5);
    expect(refusal('{"a": 1}').message).toBe('x.json: expected a list of sequences, got object {"a":1}');
    expect(refusal('[[[0.5], 1]]').message).toBe('x.json, sequence 0, frame 0: expected 23 numbers, got 1');
    expect(refusal(JSON.stringify([[ok, ok, 2]])).message).toBe(
      'x.json, sequence 0: its last item must be the label 0 or 1, got number 2',
    );
    expect(refusal(JSON.stringify([[ok, [...ok.slice(0, 5), 'x', ...ok.slice(6)], 1]])).message).toBe(
      'x.json, sequence 0, frame 1: value 5 must be a number or null, got a string ("x")',
    );
    expect(refusal(JSON.stringify([[ok, 1], 'seq'])).where).toBe('x.json, sequence 1');
    expect(refusal('[1, 2').message).toMatch(/^x\.json: not JSON/);
    expect(refusal(JSON.stringify([[[...ok.slice(0, 3), 50, ...ok.slice(4)], 0]])).message).toBe(
      'x.json, sequence 0, frame 0: value 3 (50) is not a normalised coordinate (−1 to 2)',
    );
  });
});
