import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

// One build for the three parts: the Node side (Electron main process, CLI and HTTP server share it),
// the preload (CommonJS, as sandboxed preloads must be) and the renderer.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      sourcemap: true,
      rollupOptions: {
        input: {
          main: resolve(root, 'electron/main/main.ts'),
          cli: resolve(root, 'electron/cli/cli.ts'),
          // Benchmarks run the real engine from the same build (not packaged: see electron-builder.yml).
          'bench-import': resolve(root, 'test/bench/importBench.ts'),
          'bench-train': resolve(root, 'test/bench/trainBench.ts'),
          'bench-upfall': resolve(root, 'test/bench/upfallProof.ts'),
          'bench-export': resolve(root, 'test/bench/exportBench.ts'),
          // Drives Chromium against `amelia serve` (playwright-core stays a package, not bundled).
          'bench-ui': resolve(root, 'test/bench/uiBench.ts'),
          'bench-pose': resolve(root, 'test/bench/poseBench.ts'),
          // Each pose worker thread runs this entry with its own tfjs (located beside the bundle at run time).
          'pose-worker': resolve(root, 'electron/engine/poses/poseWorker.ts'),
          // Training and inference of the situation classifier run in worker threads on this entry.
          'classifier-worker': resolve(root, 'electron/engine/classifier/classifierWorker.ts'),
        },
        external: ['playwright-core'],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything it uses (the contract's names).
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: {
          preload: resolve(root, 'electron/preload/preload.ts'),
          // The hidden window that runs pose models on the GPU has its own, smaller bridge.
          'pose-gpu-preload': resolve(root, 'electron/preload/poseGpuPreload.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Copied as they are beside index.html (the app icon).
    publicDir: resolve(root, 'resources/icons'),
    plugins: [react()],
    resolve: {
      // pose-detection imports MediaPipe's own runtime, a script that is not an ES module, which the GPU
      // window never uses (it runs BlazePose with tfjs): a stand-in keeps it out of the bundle.
      alias: { '@mediapipe/pose': resolve(root, 'renderer/src/poseGpu/mediapipePoseShim.ts') },
    },
    build: {
      outDir: resolve(root, 'out/renderer'),
      sourcemap: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          'pose-gpu': resolve(root, 'renderer/pose-gpu.html'),
        },
      },
    },
  },
});
