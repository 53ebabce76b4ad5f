import { closeSync, openSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * A Python pickle writer (protocol 4) for the values dataset files need: None, booleans, ints, floats,
 * strings, bytes, lists, tuples, dicts with string keys, and NumPy arrays. Arrays are written the way
 * NumPy pickles them (`numpy.core.multiarray._reconstruct` of an empty `ndarray`, then BUILD with the
 * shape, dtype and raw bytes), which every NumPy from 1.x to 2.x loads as a real, writable ndarray
 * (NumPy 2 keeps `numpy.core.multiarray._reconstruct` importable without a warning for old pickles).
 */

export type NdDtype = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8';

type TypedFor<D extends NdDtype> = D extends 'float32'
  ? Float32Array
  : D extends 'float64'
    ? Float64Array
    : D extends 'int32'
      ? Int32Array
      : D extends 'int64'
        ? BigInt64Array
        : Uint8Array;

export class NdArray<D extends NdDtype = NdDtype> {
  readonly dtype: D;
  readonly shape: readonly number[];
  readonly data: TypedFor<D>;
  constructor(dtype: D, shape: readonly number[], data: TypedFor<D>) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (!shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new RangeError(`an array's shape is whole numbers ≥ 0, not [${shape.join(', ')}]`);
    if (data.length !== size)
      throw new RangeError(
        `an array of shape [${shape.join(', ')}] holds ${size} values, not ${data.length}`,
      );
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }
}

/** A Python tuple (JS arrays are written as lists). */
export class PyTuple {
  readonly items: readonly PickleValue[];
  constructor(items: readonly PickleValue[]) {
    this.items = items;
  }
}

/** A number written as a Python float even where it is whole. */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

export type PickleValue =
  | null
  | boolean
  | number
  | string
  | Uint8Array
  | NdArray
  | PyTuple
  | PyFloat
  | PickleValue[]
  | { readonly [key: string]: PickleValue };

const DTYPE: Record<NdDtype, { code: string; order: '<' | '|' }> = {
  float32: { code: 'f4', order: '<' },
  float64: { code: 'f8', order: '<' },
  int32: { code: 'i4', order: '<' },
  int64: { code: 'i8', order: '<' },
  uint8: { code: 'u1', order: '|' },
};

const OP = {
  PROTO: 0x80,
  STOP: 0x2e,
  NONE: 0x4e,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  BININT1: 0x4b,
  BININT2: 0x4d,
  BININT: 0x4a,
  LONG1: 0x8a,
  BINFLOAT: 0x47,
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE: 0x58,
  BINUNICODE8: 0x8d,
  SHORT_BINBYTES: 0x43,
  BINBYTES: 0x42,
  BINBYTES8: 0x8e,
  EMPTY_LIST: 0x5d,
  APPENDS: 0x65,
  EMPTY_DICT: 0x7d,
  SETITEMS: 0x75,
  EMPTY_TUPLE: 0x29,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  MARK: 0x28,
  TUPLE: 0x74,
  GLOBAL: 0x63,
  REDUCE: 0x52,
  BUILD: 0x62,
} as const;

const BATCH = 1000;
const FLUSH_AT = 1 << 20;

/** Writes one pickled value through `sink`, in chunks of about a megabyte. */
export class PickleWriter {
  private readonly sink: (chunk: Buffer) => void;
  private parts: Buffer[] = [];
  private pending = 0;

  constructor(sink: (chunk: Buffer) => void) {
    if (endianness() !== 'LE') throw new Error('pickled arrays are written from a little-endian machine');
    this.sink = sink;
  }

  dump(value: PickleValue): void {
    this.byte(OP.PROTO, 4);
    this.value(value);
    this.byte(OP.STOP);
    this.flush();
  }

  private push(b: Buffer): void {
    this.parts.push(b);
    this.pending += b.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.pending === 0) return;
    this.sink(Buffer.concat(this.parts, this.pending));
    this.parts = [];
    this.pending = 0;
  }

  private byte(...bytes: number[]): void {
    this.push(Buffer.from(bytes));
  }

  private u32(n: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  }

  private u64(n: number): Buffer {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    return b;
  }

  private int(n: number): void {
    if (n >= 0 && n < 256) this.byte(OP.BININT1, n);
    else if (n >= 0 && n < 65536) {
      const b = Buffer.alloc(3);
      b[0] = OP.BININT2;
      b.writeUInt16LE(n, 1);
      this.push(b);
    } else if (n >= -0x80000000 && n <= 0x7fffffff) {
      const b = Buffer.alloc(5);
      b[0] = OP.BININT;
      b.writeInt32LE(n, 1);
      this.push(b);
    } else {
      // LONG1: little-endian two's complement, as few bytes as hold the sign.
      let v = BigInt(n);
      const bytes: number[] = [];
      for (;;) {
        const low = Number(v & 0xffn);
        bytes.push(low);
        v >>= 8n;
        if ((v === 0n && (low & 0x80) === 0) || (v === -1n && (low & 0x80) !== 0)) break;
      }
      this.byte(OP.LONG1, bytes.length, ...bytes);
    }
  }

  private float(x: number): void {
    const b = Buffer.alloc(9);
    b[0] = OP.BINFLOAT;
    b.writeDoubleBE(x, 1);
    this.push(b);
  }

  private str(s: string): void {
    const body = Buffer.from(s, 'utf8');
    if (body.length < 256) this.byte(OP.SHORT_BINUNICODE, body.length);
    else if (body.length <= 0xffffffff)
      this.push(Buffer.concat([Buffer.from([OP.BINUNICODE]), this.u32(body.length)]));
    else this.push(Buffer.concat([Buffer.from([OP.BINUNICODE8]), this.u64(body.length)]));
    this.push(body);
  }

  private bytes(body: Buffer): void {
    if (body.length < 256) this.byte(OP.SHORT_BINBYTES, body.length);
    else if (body.length <= 0xffffffff)
      this.push(Buffer.concat([Buffer.from([OP.BINBYTES]), this.u32(body.length)]));
    else this.push(Buffer.concat([Buffer.from([OP.BINBYTES8]), this.u64(body.length)]));
    this.push(body);
  }

  private global(module: string, name: string): void {
    this.push(Buffer.from(`c${module}\n${name}\n`, 'ascii'));
  }

  private tuple(items: readonly PickleValue[]): void {
    switch (items.length) {
      case 0:
        this.byte(OP.EMPTY_TUPLE);
        return;
      case 1:
        this.value(items[0] as PickleValue);
        this.byte(OP.TUPLE1);
        return;
      case 2:
        this.value(items[0] as PickleValue);
        this.value(items[1] as PickleValue);
        this.byte(OP.TUPLE2);
        return;
      case 3:
        for (const it of items) this.value(it);
        this.byte(OP.TUPLE3);
        return;
      default:
        this.byte(OP.MARK);
        for (const it of items) this.value(it);
        this.byte(OP.TUPLE);
    }
  }

  private ndarray(a: NdArray): void {
    const dt = DTYPE[a.dtype];
    // numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')
    this.global('numpy.core.multiarray', '_reconstruct');
    this.global('numpy', 'ndarray');
    this.tuple([0]);
    this.bytes(Buffer.from('b', 'ascii'));
    this.byte(OP.TUPLE3, OP.REDUCE);
    // state: (1, shape, dtype, is_fortran, data)
    this.byte(OP.MARK);
    this.int(1);
    this.tuple(a.shape.map((d) => d));
    this.global('numpy', 'dtype');
    this.str(dt.code);
    this.byte(OP.NEWFALSE, OP.NEWTRUE, OP.TUPLE3, OP.REDUCE);
    this.byte(OP.MARK);
    this.int(3);
    this.str(dt.order);
    this.byte(OP.NONE, OP.NONE, OP.NONE);
    this.int(-1);
    this.int(-1);
    this.int(0);
    this.byte(OP.TUPLE, OP.BUILD);
    this.byte(OP.NEWFALSE);
    this.bytes(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength));
    this.byte(OP.TUPLE, OP.BUILD);
  }

  private value(v: PickleValue): void {
    if (v === null) this.byte(OP.NONE);
    else if (v === true) this.byte(OP.NEWTRUE);
    else if (v === false) this.byte(OP.NEWFALSE);
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) this.int(v);
      else this.float(v);
    } else if (typeof v === 'string') this.str(v);
    else if (v instanceof PyFloat) this.float(v.value);
    else if (v instanceof NdArray) this.ndarray(v);
    else if (v instanceof PyTuple) this.tuple(v.items);
    else if (v instanceof Uint8Array) this.bytes(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    else if (Array.isArray(v)) {
      this.byte(OP.EMPTY_LIST);
      for (let i = 0; i < v.length; i += BATCH) {
        this.byte(OP.MARK);
        for (const it of v.slice(i, i + BATCH)) this.value(it);
        this.byte(OP.APPENDS);
      }
    } else {
      const entries = Object.entries(v);
      this.byte(OP.EMPTY_DICT);
      for (let i = 0; i < entries.length; i += BATCH) {
        this.byte(OP.MARK);
        for (const [k, it] of entries.slice(i, i + BATCH)) {
          this.str(k);
          this.value(it);
        }
        this.byte(OP.SETITEMS);
      }
    }
  }
}

/** Pickles `value` into `path` (the file is written from the start, in chunks). */
export function writePickleFile(path: string, value: PickleValue): number {
  const fd = openSync(path, 'w');
  let size = 0;
  try {
    new PickleWriter((chunk) => {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      size += chunk.length;
    }).dump(value);
  } finally {
    closeSync(fd);
  }
  return size;
}

/** Pickles `value` into memory (tests, small files). */
export function pickleToBuffer(value: PickleValue): Buffer {
  const chunks: Buffer[] = [];
  new PickleWriter((c) => chunks.push(c)).dump(value);
  return Buffer.concat(chunks);
}
