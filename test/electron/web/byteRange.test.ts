import { describe, expect, it } from 'vitest';
import { planRange, rangeHeaders } from '../../../electron/web/byteRange';

const SIZE = 1000;

describe('planRange', () => {
  it('sends the whole file without a Range header', () => {
    expect(planRange(SIZE, undefined)).toEqual({ status: 200, start: 0, end: 999 });
    expect(planRange(SIZE, null)).toEqual({ status: 200, start: 0, end: 999 });
    expect(planRange(SIZE, '')).toEqual({ status: 200, start: 0, end: 999 });
  });

  it('answers bytes=0- (what a media element asks first) with 206 for the whole file', () => {
    expect(planRange(SIZE, 'bytes=0-')).toEqual({ status: 206, start: 0, end: 999 });
  });

  it('answers a closed range with exactly those bytes', () => {
    expect(planRange(SIZE, 'bytes=100-199')).toEqual({ status: 206, start: 100, end: 199 });
    expect(planRange(SIZE, 'bytes=0-0')).toEqual({ status: 206, start: 0, end: 0 });
    expect(planRange(SIZE, 'bytes=999-999')).toEqual({ status: 206, start: 999, end: 999 });
  });

  it('answers an open range from an offset to the end', () => {
    expect(planRange(SIZE, 'bytes=500-')).toEqual({ status: 206, start: 500, end: 999 });
    expect(planRange(SIZE, 'bytes=999-')).toEqual({ status: 206, start: 999, end: 999 });
  });

  it('cuts a range that runs past the end at the last byte', () => {
    expect(planRange(SIZE, 'bytes=900-5000')).toEqual({ status: 206, start: 900, end: 999 });
  });

  it('answers a suffix range with the last bytes', () => {
    expect(planRange(SIZE, 'bytes=-500')).toEqual({ status: 206, start: 500, end: 999 });
    expect(planRange(SIZE, 'bytes=-1')).toEqual({ status: 206, start: 999, end: 999 });
    expect(planRange(SIZE, 'bytes=-5000')).toEqual({ status: 206, start: 0, end: 999 });
  });

  it('refuses with 416 a range that starts at or after the end', () => {
    expect(planRange(SIZE, 'bytes=1000-')).toEqual({ status: 416 });
    expect(planRange(SIZE, 'bytes=999999999-')).toEqual({ status: 416 });
    expect(planRange(SIZE, 'bytes=1000-2000')).toEqual({ status: 416 });
  });

  it('refuses with 416 a reversed or empty range', () => {
    expect(planRange(SIZE, 'bytes=200-100')).toEqual({ status: 416 });
    expect(planRange(SIZE, 'bytes=-0')).toEqual({ status: 416 });
    expect(planRange(SIZE, 'bytes=-')).toEqual({ status: 416 });
  });

  it.each([
    'bytes=abc',
    'bytes=1-2-3',
    'items=0-10',
    'bytes 0-10',
    'bytes=0x10-',
    'bytes=-1-',
    'bytes=1e3-',
    '0-10',
  ])('refuses the malformed range %j with 416', (header) => {
    expect(planRange(SIZE, header)).toEqual({ status: 416 });
  });

  it('refuses a range beyond the safe integers', () => {
    expect(planRange(SIZE, 'bytes=99999999999999999999-')).toEqual({ status: 416 });
  });

  it('refuses every range of an empty file', () => {
    expect(planRange(0, 'bytes=0-')).toEqual({ status: 416 });
    expect(planRange(0, 'bytes=-10')).toEqual({ status: 416 });
  });

  it('answers several ranges at once with the whole file', () => {
    expect(planRange(SIZE, 'bytes=0-99,200-299')).toEqual({ status: 200, start: 0, end: 999 });
    expect(planRange(SIZE, 'bytes=0-1, -5')).toEqual({ status: 200, start: 0, end: 999 });
  });

  it('tolerates whitespace around the header', () => {
    expect(planRange(SIZE, ' bytes=0-9 ')).toEqual({ status: 206, start: 0, end: 9 });
  });
});

describe('rangeHeaders', () => {
  it('describes a whole-file answer', () => {
    expect(rangeHeaders({ status: 200, start: 0, end: 999 }, SIZE, 'video/mp4')).toEqual({
      'Accept-Ranges': 'bytes',
      'Content-Type': 'video/mp4',
      'Content-Length': '1000',
    });
  });

  it('describes a partial answer with its Content-Range and length', () => {
    expect(rangeHeaders({ status: 206, start: 100, end: 199 }, SIZE, 'video/mp4')).toEqual({
      'Accept-Ranges': 'bytes',
      'Content-Type': 'video/mp4',
      'Content-Length': '100',
      'Content-Range': 'bytes 100-199/1000',
    });
  });

  it('names the size in a refusal', () => {
    const h = rangeHeaders({ status: 416 }, SIZE, 'video/mp4');
    expect(h['Content-Range']).toBe('bytes */1000');
    expect(h['Accept-Ranges']).toBe('bytes');
    expect(h['Content-Length']).toBeUndefined();
  });

  it('agrees with planRange for a one-byte range', () => {
    const plan = planRange(SIZE, 'bytes=-1');
    expect(rangeHeaders(plan, SIZE, 'image/jpeg')).toMatchObject({
      'Content-Length': '1',
      'Content-Range': 'bytes 999-999/1000',
    });
  });
});
