import type { Engine, EngineOptions } from '../engine/engine';
import { createEngine } from '../engine/engine';
import { TRUSTED_CALLER } from '../engine/api/types';

/** Opens the project for one command and always closes it. */
export async function withEngine<T>(options: EngineOptions, fn: (engine: Engine) => Promise<T>): Promise<T> {
  // The command line is the machine's owner: it acts as an admin of the project.
  const engine = await createEngine({ defaultCaller: TRUSTED_CALLER, ...options });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
