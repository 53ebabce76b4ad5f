import type { PoseBackend } from '../../../shared/domain/pose';
import { assertNever } from '../../../shared/util/assertNever';

/** What the running host can offer, found by `probeBackends` (Node) or the Electron GPU window. */
export interface BackendAvailability {
  /** tfjs-node-gpu is installed with its native binding, and a CUDA driver is present. */
  tfjsNodeGpu: boolean;
  /** tfjs-node is installed with its native binding. */
  tfjsNode: boolean;
  /** An Electron GPU window is available and its WebGPU adapter works. */
  webgpu: boolean;
  /** An Electron GPU window is available and has WebGL 2. */
  webgl: boolean;
  /** The wasm backend's binaries are installed (always, with amelia's dependencies). */
  wasm: boolean;
  /** Why each unavailable backend is so, for people. */
  notes?: Partial<Record<PoseBackend, string>>;
}

export type BackendRequest = 'auto' | PoseBackend;

export interface BackendCandidate {
  backend: PoseBackend;
  available: boolean;
  /** What it is, or why it cannot be used. */
  note: string;
}

export interface BackendChoice {
  backend: PoseBackend;
  /** One sentence for people: what was chosen and why. */
  reason: string;
  /** Every backend in the order `auto` tries them. */
  candidates: BackendCandidate[];
}

/** The order `auto` tries backends in: GPU first, then native CPU, then wasm; cpu (pure JS) last. */
export const AUTO_ORDER: readonly PoseBackend[] = [
  'tfjs-node-gpu',
  'webgpu',
  'webgl',
  'tfjs-node',
  'wasm',
  'cpu',
];

export function isAvailable(b: PoseBackend, a: BackendAvailability): boolean {
  switch (b) {
    case 'tfjs-node-gpu':
      return a.tfjsNodeGpu;
    case 'tfjs-node':
      return a.tfjsNode;
    case 'webgpu':
      return a.webgpu;
    case 'webgl':
      return a.webgl;
    case 'wasm':
      return a.wasm;
    case 'cpu':
      return true;
    default:
      return assertNever(b, 'backend');
  }
}

export function describeBackend(b: PoseBackend): string {
  switch (b) {
    case 'tfjs-node-gpu':
      return 'TensorFlow with CUDA (tfjs-node-gpu), on the NVIDIA GPU';
    case 'tfjs-node':
      return 'native TensorFlow on the CPU (tfjs-node)';
    case 'webgpu':
      return 'WebGPU in a hidden window (any desktop GPU)';
    case 'webgl':
      return 'WebGL in a hidden window (any desktop GPU)';
    case 'wasm':
      return 'WebAssembly with SIMD on the CPU, one worker per core';
    case 'cpu':
      return 'plain JavaScript on the CPU (slow; a last resort)';
    default:
      return assertNever(b, 'backend');
  }
}

function defaultNote(b: PoseBackend): string {
  switch (b) {
    case 'tfjs-node-gpu':
      return 'not installed, or no CUDA driver';
    case 'tfjs-node':
      return 'not installed (its install downloads TensorFlow, which failed or was skipped)';
    case 'webgpu':
    case 'webgl':
      return 'only in the desktop app (Electron), with a GPU';
    case 'wasm':
      return 'its binaries are missing';
    case 'cpu':
      return 'always available';
    default:
      return assertNever(b, 'backend');
  }
}

export class BackendUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

/**
 * Picks the backend: the requested one where it is available (an error naming what is available where
 * not), or for `auto` the first available in AUTO_ORDER.
 */
export function chooseBackend(request: BackendRequest, availability: BackendAvailability): BackendChoice {
  const candidates: BackendCandidate[] = AUTO_ORDER.map((b) => {
    const available = isAvailable(b, availability);
    return {
      backend: b,
      available,
      note: available ? describeBackend(b) : (availability.notes?.[b] ?? defaultNote(b)),
    };
  });
  if (request !== 'auto') {
    const c = candidates.find((x) => x.backend === request) as BackendCandidate;
    if (!c.available) {
      const usable = candidates.filter((x) => x.available).map((x) => x.backend);
      throw new BackendUnavailableError(
        `The ${request} backend cannot be used here: ${c.note}. Available: ${usable.join(', ')} (or auto).`,
      );
    }
    return { backend: request, reason: `${describeBackend(request)}, as asked`, candidates };
  }
  const first = candidates.find((c) => c.available) as BackendCandidate;
  const skipped = candidates.slice(0, candidates.indexOf(first)).map((c) => `${c.backend}: ${c.note}`);
  return {
    backend: first.backend,
    reason: `${describeBackend(first.backend)}${skipped.length ? ` (not available: ${skipped.join('; ')})` : ''}`,
    candidates,
  };
}

/** Whether a backend runs in Node worker threads (else in the Electron GPU window). */
export function runsInWorkers(b: PoseBackend): boolean {
  switch (b) {
    case 'tfjs-node-gpu':
    case 'tfjs-node':
    case 'wasm':
    case 'cpu':
      return true;
    case 'webgpu':
    case 'webgl':
      return false;
    default:
      return assertNever(b, 'backend');
  }
}

/**
 * Workers to start for a backend: one per core for CPU backends (wasm in Node is single-threaded), one for
 * a GPU (a second would only queue on the same device) and for tfjs-node (TensorFlow uses every core itself).
 */
export function workerCountFor(b: PoseBackend, cores: number): number {
  switch (b) {
    case 'wasm':
    case 'cpu':
      return Math.max(1, cores);
    case 'tfjs-node-gpu':
    case 'tfjs-node':
    case 'webgpu':
    case 'webgl':
      return 1;
    default:
      return assertNever(b, 'backend');
  }
}
