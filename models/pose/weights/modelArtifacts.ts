import type { io } from '@tensorflow/tfjs-core';

/** The JSON half of a tfjs graph model (`model.json`). */
export interface GraphModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
  userDefinedMetadata?: Record<string, object>;
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
}

export class WeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsError';
  }
}

export function parseModelJson(text: string, name: string): GraphModelJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WeightsError(`The model file ${name} is not JSON.`);
  }
  if (
    typeof json !== 'object' ||
    json === null ||
    !('modelTopology' in json) ||
    !('weightsManifest' in json) ||
    !Array.isArray((json as { weightsManifest: unknown }).weightsManifest)
  ) {
    throw new WeightsError(
      `The model file ${name} is not a tfjs graph model (no topology or weights manifest).`,
    );
  }
  return json as GraphModelJson;
}

/** Model artifacts from a parsed model.json and its weight files' bytes, concatenated in manifest order. */
export function toArtifacts(json: GraphModelJson, weightData: ArrayBuffer): io.ModelArtifacts {
  return {
    modelTopology: json.modelTopology as io.ModelArtifacts['modelTopology'],
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData,
    ...(json.format !== undefined ? { format: json.format } : {}),
    ...(json.generatedBy !== undefined ? { generatedBy: json.generatedBy } : {}),
    ...(json.convertedBy !== undefined ? { convertedBy: json.convertedBy } : {}),
    ...(json.signature !== undefined ? { signature: json.signature as object } : {}),
    ...(json.userDefinedMetadata !== undefined ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
  };
}

/** An IOHandler over bytes already in memory (a browser window gets them from the main process). */
export function memoryModelSource(files: ReadonlyMap<string, Uint8Array>, name: string): io.IOHandler {
  return {
    load: async () => {
      const jsonBytes = files.get(`${name}.json`);
      if (!jsonBytes) throw new WeightsError(`The model ${name} was not given (no ${name}.json).`);
      const json = parseModelJson(new TextDecoder().decode(jsonBytes), `${name}.json`);
      const parts = json.weightsManifest.flatMap((g) => g.paths);
      const buffers = parts.map((p) => {
        const b = files.get(p);
        if (!b) throw new WeightsError(`The weights file ${p} of ${name} was not given.`);
        return b;
      });
      return toArtifacts(json, concat(buffers));
    },
  };
}

export function concat(parts: readonly Uint8Array[]): ArrayBuffer {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out.buffer;
}
