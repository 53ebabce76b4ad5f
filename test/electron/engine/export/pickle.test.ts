import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  NdArray,
  PyFloat,
  PyTuple,
  pickleToBuffer,
  writePickleFile,
} from '../../../../electron/engine/export/formats/pickle';
import { python } from '../../../support/python';

const dir = mkdtempSync(join(tmpdir(), 'amelia-pickle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads a pickle in Python and describes what came out, types included. */
const DESCRIBE = `
import json, pickle, sys, warnings
import numpy as np
warnings.simplefilter('error')
with open(sys.argv[1], 'rb') as f:
    v = pickle.load(f)
def d(x):
    if isinstance(x, np.ndarray):
        return {'ndarray': True, 'dtype': str(x.dtype), 'shape': list(x.shape), 'writeable': bool(x.flags.writeable),
                'contiguous': bool(x.flags.c_contiguous), 'values': x.ravel()[:8].tolist(), 'sum': float(x.sum()) if x.size else 0.0}
    if isinstance(x, dict):
        return {'dict': {k: d(w) for k, w in x.items()}}
    if isinstance(x, list):
        return {'list': [d(w) for w in x]}
    if isinstance(x, tuple):
        return {'tuple': [d(w) for w in x]}
    if isinstance(x, bytes):
        return {'bytes': list(x)}
    return {type(x).__name__: x}
print(json.dumps(d(v)))
`;

describe('the pickle writer', () => {
  it('writes values Python reads back with their types: None, bools, ints of every size, floats, text, bytes, lists, tuples, dicts', async () => {
    const path = join(dir, 'values.pkl');
    writePickleFile(path, {
      none: null,
      yes: true,
      no: false,
      small: 7,
      u16: 60_000,
      negative: -5,
      i32: -2_000_000_000,
      big: 2 ** 40,
      bigNegative: -(2 ** 40) - 3,
      float: 0.25,
      wholeFloat: new PyFloat(2),
      text: 'fall – down ü 😀',
      long: 'x'.repeat(300),
      bytes: new Uint8Array([0, 1, 255]),
      list: [1, 'a', [2]],
      tuple: new PyTuple([480, 640]),
      many: Array.from({ length: 2500 }, (_, i) => i),
    });
    const v = await python<{ dict: Record<string, Record<string, unknown>> }>(DESCRIBE, [path]);
    expect(v.dict.none).toEqual({ NoneType: null });
    expect(v.dict.yes).toEqual({ bool: true });
    expect(v.dict.no).toEqual({ bool: false });
    expect(v.dict.small).toEqual({ int: 7 });
    expect(v.dict.u16).toEqual({ int: 60_000 });
    expect(v.dict.negative).toEqual({ int: -5 });
    expect(v.dict.i32).toEqual({ int: -2_000_000_000 });
    expect(v.dict.big).toEqual({ int: 2 ** 40 });
    expect(v.dict.bigNegative).toEqual({ int: -(2 ** 40) - 3 });
    expect(v.dict.float).toEqual({ float: 0.25 });
    expect(v.dict.wholeFloat).toEqual({ float: 2 });
    expect(v.dict.text).toEqual({ str: 'fall – down ü 😀' });
    expect(v.dict.long).toEqual({ str: 'x'.repeat(300) });
    expect(v.dict.bytes).toEqual({ bytes: [0, 1, 255] });
    expect(v.dict.list).toEqual({ list: [{ int: 1 }, { str: 'a' }, { list: [{ int: 2 }] }] });
    expect(v.dict.tuple).toEqual({ tuple: [{ int: 480 }, { int: 640 }] });
    expect((v.dict.many as { list: unknown[] }).list).toHaveLength(2500);
  });

  it('writes NumPy arrays of every dtype as real, writable ndarrays of their shape (no deprecation warning)', async () => {
    const path = join(dir, 'arrays.pkl');
    const f32 = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i / 4);
    writePickleFile(path, [
      new NdArray('float32', [2, 3, 4], f32),
      new NdArray('float64', [3], Float64Array.from([0.1, -2, 1e300])),
      new NdArray('int32', [2, 2], Int32Array.from([1, -2, 3, -4])),
      new NdArray('int64', [2], BigInt64Array.from([5n, -(2n ** 40n)])),
      new NdArray('uint8', [4], Uint8Array.from([0, 1, 128, 255])),
      new NdArray('float32', [1, 0, 33, 2], new Float32Array(0)),
      // Larger than a frame of the writer's buffer.
      new NdArray(
        'float32',
        [1, 300, 33, 3],
        Float32Array.from({ length: 300 * 33 * 3 }, () => 1),
      ),
    ]);
    const v = await python<{
      list: {
        ndarray: boolean;
        dtype: string;
        shape: number[];
        writeable: boolean;
        values: number[];
        sum: number;
      }[];
    }>(DESCRIBE, [path]);
    const [a, b, c, d, e, empty, large] = v.list;
    expect(a).toMatchObject({ ndarray: true, dtype: 'float32', shape: [2, 3, 4], writeable: true });
    expect(a?.values).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75]);
    expect(b).toMatchObject({ dtype: 'float64', shape: [3], values: [0.1, -2, 1e300] });
    expect(c).toMatchObject({ dtype: 'int32', shape: [2, 2], values: [1, -2, 3, -4] });
    expect(d).toMatchObject({ dtype: 'int64', shape: [2], values: [5, -(2 ** 40)] });
    expect(e).toMatchObject({ dtype: 'uint8', shape: [4], values: [0, 1, 128, 255] });
    expect(empty).toMatchObject({ dtype: 'float32', shape: [1, 0, 33, 2] });
    expect(large).toMatchObject({ dtype: 'float32', shape: [1, 300, 33, 3], sum: 300 * 33 * 3 });
  });

  it('refuses an array whose data does not fill its shape', () => {
    expect(() => new NdArray('float32', [2, 3], new Float32Array(5))).toThrow(/holds 6 values, not 5/);
    expect(() => pickleToBuffer(new NdArray('uint8', [1.5], new Uint8Array(1)))).toThrow(/whole numbers/);
  });
});
