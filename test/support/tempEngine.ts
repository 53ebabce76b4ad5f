import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { createEngine } from '../../electron/engine/engine';
import type { PoseReader } from '../../electron/engine/export/poseReader';
import type { PoseRuntime } from '../../electron/engine/poses/posesJob';
import { tempDir } from './tempProject';

export interface TempEngine {
  /** The engine, open from `beforeAll` to `afterAll`. */
  readonly engine: Engine;
  /** The temporary folder (the project is this folder, or `project/` inside it with `nested`). */
  readonly dir: string;
}

/**
 * An engine on a fresh project for the tests of the enclosing `describe`, closed and removed after them.
 * `nested` puts the project in a subfolder, leaving the temporary folder free for the test's own files.
 */
export function useTempEngine(
  options: { runJobs?: boolean; nested?: boolean; poses?: PoseReader; poseRuntime?: PoseRuntime } = {},
): TempEngine {
  const dir = tempDir();
  let engine: Engine | null = null;
  beforeAll(async () => {
    engine = await createEngine({
      projectDir: options.nested ? join(dir.dir, 'project') : dir.dir,
      runJobs: options.runJobs ?? false,
      ...(options.poses ? { poses: options.poses } : {}),
      ...(options.poseRuntime ? { poseRuntime: options.poseRuntime } : {}),
    });
  });
  afterAll(async () => {
    await engine?.close();
    dir.remove();
  });
  return {
    get engine(): Engine {
      if (!engine) throw new Error('the engine opens in beforeAll');
      return engine;
    },
    dir: dir.dir,
  };
}
