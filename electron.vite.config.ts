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
          // Each pose worker thread runs this entry with its own tfjs (located beside the bundle at run time).
          'pose-worker': resolve(root, 'electron/engine/poses/poseWorker.ts'),
          // Training and inference of the situation classifier run in worker threads on this entry.
          'classifier-worker': resolve(root, 'electron/engine/classifier/classifierWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything it uses (the contract's names).
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { preload: resolve(root, 'electron/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Copied as they are beside index.html (the app icon).
    publicDir: resolve(root, 'resources/icons'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      sourcemap: true,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
