import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendAvailability } from './choose';

const requireHere = createRequire(import.meta.url);

/** The folder of an installed package, or null. */
function packageDir(name: string): string | null {
  try {
    return dirname(requireHere.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** tfjs-node(-gpu) is usable when its native binding was built or downloaded at install. */
function hasNativeBinding(dir: string | null): boolean {
  if (!dir) return false;
  const lib = join(dir, 'lib');
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some(
    (d) => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')),
  );
}

/** A CUDA driver: nvidia-smi's device files on Linux, the driver DLL on Windows. */
function hasCudaDriver(platform: NodeJS.Platform = process.platform): boolean {
  switch (platform) {
    case 'linux':
      return existsSync('/proc/driver/nvidia/version');
    case 'win32':
      return existsSync(join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'nvcuda.dll'));
    default:
      return false;
  }
}

export function wasmDistDir(): string | null {
  const dir = packageDir('@tensorflow/tfjs-backend-wasm');
  return dir ? join(dir, 'dist').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1') + '/' : null;
}

/** What this Node process can run (no GPU window: the Electron host adds webgpu/webgl itself). */
export function probeNodeBackends(): BackendAvailability {
  const gpuDir = packageDir('@tensorflow/tfjs-node-gpu');
  const nodeDir = packageDir('@tensorflow/tfjs-node');
  const wasm = wasmDistDir();
  const cuda = hasCudaDriver();
  const gpuBinding = hasNativeBinding(gpuDir);
  return {
    tfjsNodeGpu: gpuBinding && cuda,
    tfjsNode: hasNativeBinding(nodeDir),
    webgpu: false,
    webgl: false,
    wasm: wasm !== null && existsSync(join(wasm, 'tfjs-backend-wasm-simd.wasm')),
    notes: {
      'tfjs-node-gpu': !gpuDir
        ? 'not installed (an optional dependency whose install downloads TensorFlow with CUDA)'
        : !gpuBinding
          ? 'installed without its native binding (its download failed)'
          : 'no NVIDIA CUDA driver found',
      ...(nodeDir
        ? {}
        : { 'tfjs-node': 'not installed (an optional dependency whose install downloads TensorFlow)' }),
      webgpu: 'only in the desktop app (Electron), with a GPU',
      webgl: 'only in the desktop app (Electron), with a GPU',
    },
  };
}
