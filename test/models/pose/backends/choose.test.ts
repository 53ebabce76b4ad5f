import { describe, expect, it } from 'vitest';
import type { BackendAvailability } from '../../../../models/pose/backends/choose';
import {
  AUTO_ORDER,
  BackendUnavailableError,
  chooseBackend,
  runsInWorkers,
  workerCountFor,
} from '../../../../models/pose/backends/choose';
import { tfjsBackendName } from '../../../../models/pose/backends/setup';
import { probeNodeBackends } from '../../../../models/pose/backends/probe';

const none: BackendAvailability = {
  tfjsNodeGpu: false,
  tfjsNode: false,
  webgpu: false,
  webgl: false,
  wasm: false,
};

describe('chooseBackend', () => {
  it('prefers CUDA, then the Electron GPU window (WebGPU, then WebGL), then native CPU, then wasm, then cpu', () => {
    expect(AUTO_ORDER).toEqual(['tfjs-node-gpu', 'webgpu', 'webgl', 'tfjs-node', 'wasm', 'cpu']);
    const all = { tfjsNodeGpu: true, tfjsNode: true, webgpu: true, webgl: true, wasm: true };
    expect(chooseBackend('auto', all).backend).toBe('tfjs-node-gpu');
    expect(chooseBackend('auto', { ...all, tfjsNodeGpu: false }).backend).toBe('webgpu');
    expect(chooseBackend('auto', { ...all, tfjsNodeGpu: false, webgpu: false }).backend).toBe('webgl');
    expect(chooseBackend('auto', { ...none, tfjsNode: true, wasm: true }).backend).toBe('tfjs-node');
    expect(chooseBackend('auto', { ...none, wasm: true }).backend).toBe('wasm');
    expect(chooseBackend('auto', none).backend).toBe('cpu');
  });

  it('says why the better backends were passed over', () => {
    const c = chooseBackend('auto', {
      ...none,
      wasm: true,
      notes: { 'tfjs-node-gpu': 'no NVIDIA CUDA driver found' },
    });
    expect(c.reason).toMatch(/^WebAssembly/);
    expect(c.reason).toContain('tfjs-node-gpu: no NVIDIA CUDA driver found');
    expect(c.candidates.map((x) => [x.backend, x.available])).toEqual([
      ['tfjs-node-gpu', false],
      ['webgpu', false],
      ['webgl', false],
      ['tfjs-node', false],
      ['wasm', true],
      ['cpu', true],
    ]);
  });

  it('honours an override that is available, and refuses one that is not with what can be used', () => {
    expect(chooseBackend('cpu', { ...none, wasm: true }).backend).toBe('cpu');
    expect(chooseBackend('webgl', { ...none, webgl: true }).reason).toMatch(/as asked/);
    expect(() => chooseBackend('tfjs-node-gpu', { ...none, wasm: true })).toThrow(BackendUnavailableError);
    expect(() => chooseBackend('webgpu', { ...none, wasm: true })).toThrow(
      /The webgpu backend cannot be used here: only in the desktop app \(Electron\), with a GPU\. Available: wasm, cpu/,
    );
  });

  it('runs CPU backends with one worker per core, and GPU or native TensorFlow with one', () => {
    expect(workerCountFor('wasm', 8)).toBe(8);
    expect(workerCountFor('cpu', 2)).toBe(2);
    expect(workerCountFor('wasm', 0)).toBe(1);
    expect(workerCountFor('tfjs-node-gpu', 8)).toBe(1);
    expect(workerCountFor('tfjs-node', 8)).toBe(1);
    expect(workerCountFor('webgl', 8)).toBe(1);
    expect(runsInWorkers('wasm')).toBe(true);
    expect(runsInWorkers('tfjs-node-gpu')).toBe(true);
    expect(runsInWorkers('webgpu')).toBe(false);
    expect(runsInWorkers('webgl')).toBe(false);
    expect(tfjsBackendName('tfjs-node-gpu')).toBe('tensorflow');
    expect(tfjsBackendName('wasm')).toBe('wasm');
  });
});

describe('probeNodeBackends', () => {
  it('finds the wasm backend installed, and no GPU window in Node', () => {
    const a = probeNodeBackends();
    expect(a.wasm).toBe(true);
    expect(a.webgpu).toBe(false);
    expect(a.webgl).toBe(false);
    // No GPU on CI: tfjs-node-gpu is never picked without a CUDA driver.
    if (!a.tfjsNodeGpu) expect(chooseBackend('auto', a).backend).not.toBe('tfjs-node-gpu');
  });
});
