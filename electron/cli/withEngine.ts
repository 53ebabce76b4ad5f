import type { Engine, EngineOptions } from '../engine/engine';
import { createEngine } from '../engine/engine';

/** Opens the project for one command and always closes it. */
export async function withEngine<T>(options: EngineOptions, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await createEngine(options);
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
