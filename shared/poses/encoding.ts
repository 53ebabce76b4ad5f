import type { TubePoseArrays } from '../domain/pose';

/**
 * A tube's pose arrays as one little-endian byte block (stored as a BLOB, sent as base64):
 * magic "AMP1", then u32 frames T, keypoints K, flags (bit 0: filtered, raw arrays follow), then
 * present (T bytes, padded to 4), score f32[T], image f32[T·K·4], world f32[T·K·3], crops f32[T·4],
 * and where filtered rawImage f32[T·K·4], rawWorld f32[T·K·3].
 */
export const POSE_ENCODING = 'amelia-poses/1';
const MAGIC = 0x31504d41; // "AMP1" little-endian
const HEADER_BYTES = 16;

function pad4(n: number): number {
  return (n + 3) & ~3;
}

export function encodedSize(frames: number, keypoints: number, filtered: boolean): number {
  const f32 = frames * (1 + keypoints * 7 + 4) + (filtered ? frames * keypoints * 7 : 0);
  return HEADER_BYTES + pad4(frames) + f32 * 4;
}

export function encodePoseArrays(a: TubePoseArrays): Uint8Array {
  const T = a.present.length;
  const K = a.keypointCount;
  const filtered = a.rawImage !== null && a.rawWorld !== null;
  const out = new Uint8Array(encodedSize(T, K, filtered));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, T, true);
  view.setUint32(8, K, true);
  view.setUint32(12, filtered ? 1 : 0, true);
  out.set(a.present, HEADER_BYTES);
  let at = HEADER_BYTES + pad4(T);
  const put = (arr: Float32Array, n: number) => {
    if (arr.length !== n) throw new RangeError(`pose array of ${arr.length} values where ${n} were expected`);
    for (let i = 0; i < n; i++) view.setFloat32(at + i * 4, arr[i] as number, true);
    at += n * 4;
  };
  put(a.score, T);
  put(a.image, T * K * 4);
  put(a.world, T * K * 3);
  put(a.crops, T * 4);
  if (filtered) {
    put(a.rawImage as Float32Array, T * K * 4);
    put(a.rawWorld as Float32Array, T * K * 3);
  }
  return out;
}

export function decodePoseArrays(bytes: Uint8Array): TubePoseArrays {
  if (bytes.byteLength < HEADER_BYTES) throw new RangeError('pose data too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new RangeError('not amelia pose data (bad magic)');
  const T = view.getUint32(4, true);
  const K = view.getUint32(8, true);
  const filtered = (view.getUint32(12, true) & 1) === 1;
  if (bytes.byteLength !== encodedSize(T, K, filtered)) throw new RangeError('pose data of the wrong length');
  const present = bytes.slice(HEADER_BYTES, HEADER_BYTES + T);
  let at = HEADER_BYTES + pad4(T);
  const take = (n: number): Float32Array => {
    const arr = new Float32Array(n);
    for (let i = 0; i < n; i++) arr[i] = view.getFloat32(at + i * 4, true);
    at += n * 4;
    return arr;
  };
  const score = take(T);
  const image = take(T * K * 4);
  const world = take(T * K * 3);
  const crops = take(T * 4);
  const rawImage = filtered ? take(T * K * 4) : null;
  const rawWorld = filtered ? take(T * K * 3) : null;
  return { keypointCount: K, present, score, image, world, crops, rawImage, rawWorld };
}

/** Base64 without Node's Buffer (the renderer decodes with this too). */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + step)));
  }
  return btoa(s);
}

export function base64ToBytes(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Frames with a pose and the mean visibility of their keypoints (0–1). */
export function poseQuality(a: Pick<TubePoseArrays, 'present' | 'image' | 'keypointCount'>): {
  framesWithPose: number;
  meanVisibility: number;
} {
  const K = a.keypointCount;
  let frames = 0;
  let sum = 0;
  for (let t = 0; t < a.present.length; t++) {
    if (a.present[t] !== 1) continue;
    frames++;
    for (let k = 0; k < K; k++) sum += a.image[(t * K + k) * 4 + 3] as number;
  }
  return {
    framesWithPose: frames,
    meanVisibility: frames > 0 ? Math.min(1, Math.max(0, sum / (frames * K))) : 0,
  };
}
