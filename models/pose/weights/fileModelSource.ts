import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import { WEIGHTS_MANIFEST, isWeightFileName } from './manifest';
import { WeightsError, concat, parseModelJson, toArtifacts } from './modelArtifacts';

const requireHere = createRequire(import.meta.url);

/**
 * The folder the weights are read from: `AMELIA_POSE_WEIGHTS` where set, else the installed weights
 * package (unpacked beside the app archive in a packaged app). Never a network location.
 */
export function weightsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AMELIA_POSE_WEIGHTS) return env.AMELIA_POSE_WEIGHTS;
  let pkg: string;
  try {
    pkg = requireHere.resolve(`${WEIGHTS_MANIFEST.package}/package.json`);
  } catch {
    throw new WeightsError(
      `The pose weights package ${WEIGHTS_MANIFEST.package} is not installed: run npm install (or set AMELIA_POSE_WEIGHTS to a folder holding the files).`,
    );
  }
  return join(dirname(pkg), WEIGHTS_MANIFEST.folder).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads one weights file and proves it is the one the manifest names. */
export function readWeightFile(dir: string, name: string): Uint8Array {
  if (!isWeightFileName(name)) {
    throw new WeightsError(`${name} is not one of the pose weight files amelia knows.`);
  }
  const path = join(dir, name);
  if (!existsSync(path)) {
    throw new WeightsError(`The pose weights file ${path} is missing: run npm install.`);
  }
  const bytes = readFileSync(path);
  const want = WEIGHTS_MANIFEST.files[name];
  if (bytes.byteLength !== want.bytes || sha256(bytes) !== want.sha256) {
    throw new WeightsError(
      `The pose weights file ${path} is not the expected one (${bytes.byteLength} bytes, SHA-256 differs from the manifest of ${WEIGHTS_MANIFEST.package}@${WEIGHTS_MANIFEST.version}): reinstall it with npm ci.`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A tfjs IOHandler that loads the graph model `name` (`name.json` and its weights) from disk, checked. */
export function fileModelSource(name: string, dir: string = weightsDir()): io.IOHandler {
  return {
    load: async () => {
      const jsonBytes = readWeightFile(dir, `${name}.json`);
      const json = parseModelJson(new TextDecoder().decode(jsonBytes), `${name}.json`);
      const parts = json.weightsManifest.flatMap((g) => g.paths).map((p) => readWeightFile(dir, p));
      return toArtifacts(json, concat(parts));
    },
  };
}

/** Checks every file of the manifest; returns the problems found (none: all is well). */
export function verifyWeights(dir: string = weightsDir()): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(WEIGHTS_MANIFEST.files)) {
    try {
      readWeightFile(dir, name);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return problems;
}
