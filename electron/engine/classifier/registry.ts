import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { DatasetSummary, ModelDetail, ModelInfo } from '../../../shared/domain/classifier';
import { modelDetailSchema } from '../../../shared/domain/classifier';
import type { PoseModel } from '../../../shared/domain/pose';
import type { DriftReference } from '../../../models/classifier/drift';
import { MODEL_FILE, WEIGHTS_FILE } from '../../../models/classifier/constants';
import type { ModelArtifacts, ModelFile } from '../../../models/classifier/types';
import type { ProjectLayout } from '../project/layout';

/** Files of a model in <project>/models/<id>/. */
export const MODEL_FILES = {
  model: MODEL_FILE,
  weights: WEIGHTS_FILE,
  config: 'config.json',
  dataset: 'dataset.json',
  metrics: 'metrics.json',
  history: 'history.json',
  drift: 'drift.json',
  card: 'card.md',
  detail: 'detail.json',
} as const;

export function modelsDir(layout: ProjectLayout): string {
  return join(layout.dir, 'models');
}

export function modelDir(layout: ProjectLayout, id: string): string {
  return join(modelsDir(layout), id);
}

interface ModelRow {
  id: string;
  name: string;
  created_at: string;
  job_id: string | null;
  architecture: string;
  level: number;
  level_name: string;
  taxonomy_version: number;
  classes: string;
  pose_model: string;
  seed: number;
  parameter_count: number;
  epochs_run: number;
  best_epoch: number;
  train_seconds: number;
  backend: string;
  test_macro_f1: number | null;
  test_accuracy: number | null;
}

function toInfo(layout: ProjectLayout, r: ModelRow): ModelInfo {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    jobId: r.job_id,
    architecture: r.architecture as ModelInfo['architecture'],
    level: r.level,
    levelName: r.level_name,
    taxonomyVersion: r.taxonomy_version,
    classes: JSON.parse(r.classes) as ModelInfo['classes'],
    poseModel: r.pose_model as PoseModel,
    seed: r.seed,
    parameterCount: r.parameter_count,
    epochsRun: r.epochs_run,
    bestEpoch: r.best_epoch,
    trainSeconds: r.train_seconds,
    backend: r.backend,
    testMacroF1: r.test_macro_f1,
    testAccuracy: r.test_accuracy,
    dir: modelDir(layout, r.id),
  };
}

export function listModels(db: Database, layout: ProjectLayout): ModelInfo[] {
  return (
    db.prepare('SELECT * FROM classifier_models ORDER BY created_at DESC, rowid DESC').all() as ModelRow[]
  ).map((r) => toInfo(layout, r));
}

export function getModelInfo(db: Database, layout: ProjectLayout, id: string): ModelInfo | null {
  const r = db.prepare('SELECT * FROM classifier_models WHERE id = ?').get(id) as ModelRow | undefined;
  return r ? toInfo(layout, r) : null;
}

export function requireModel(db: Database, layout: ProjectLayout, id: string, field = 'modelId'): ModelInfo {
  const m = getModelInfo(db, layout, id);
  if (!m)
    throw new AmeliaError('not_found', `No model ${id} in this project (models.list lists them).`, field);
  return m;
}

/** Everything written for a new model (the detail's info is completed from the row once stored). */
export interface NewModel {
  info: Omit<ModelInfo, 'dir'>;
  artifacts: ModelArtifacts;
  config: Record<string, unknown>;
  /** The dataset: its summary and every track used with its split (the snapshot). */
  dataset: { summary: DatasetSummary; tracks: unknown[] };
  detail: Omit<ModelDetail, 'info'>;
  drift: DriftReference;
  card: string;
}

/**
 * Stores a model: its files written in the staging folder, then moved into <project>/models/<id>/ in one
 * rename, then its row; a model folder without a row (a crash between the two) is not listed.
 */
export async function storeModel(
  db: Database,
  layout: ProjectLayout,
  staging: string,
  m: NewModel,
): Promise<ModelInfo> {
  const tmp = join(staging, `model-${m.info.id}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const weights = Buffer.from(m.artifacts.weights);
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  await writeFile(join(tmp, MODEL_FILES.weights), weights);
  await writeFile(
    join(tmp, MODEL_FILES.model),
    json({ ...m.artifacts.model, weightsSha256: createHash('sha256').update(weights).digest('hex') }),
  );
  await writeFile(join(tmp, MODEL_FILES.config), json(m.config));
  await writeFile(join(tmp, MODEL_FILES.dataset), json(m.dataset));
  await writeFile(join(tmp, MODEL_FILES.metrics), json(m.detail.metrics));
  await writeFile(join(tmp, MODEL_FILES.history), json(m.detail.history));
  await writeFile(join(tmp, MODEL_FILES.drift), json(m.drift));
  await writeFile(join(tmp, MODEL_FILES.detail), json(m.detail));
  await writeFile(join(tmp, MODEL_FILES.card), m.card);
  const dir = modelDir(layout, m.info.id);
  await mkdir(modelsDir(layout), { recursive: true });
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  const i = m.info;
  db.prepare(
    `INSERT INTO classifier_models (id, name, created_at, job_id, architecture, level, level_name, taxonomy_version,
       classes, pose_model, seed, parameter_count, epochs_run, best_epoch, train_seconds, backend, test_macro_f1, test_accuracy)
     VALUES (@id, @name, @createdAt, @jobId, @architecture, @level, @levelName, @taxonomyVersion, @classes, @poseModel,
       @seed, @parameterCount, @epochsRun, @bestEpoch, @trainSeconds, @backend, @testMacroF1, @testAccuracy)`,
  ).run({ ...i, classes: JSON.stringify(i.classes) });
  return requireModel(db, layout, i.id);
}

async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (err) {
    throw new AmeliaError(
      'internal',
      `The model's ${what} cannot be read (${path}): ${(err as Error).message}`,
    );
  }
}

export async function readModelDetail(
  db: Database,
  layout: ProjectLayout,
  id: string,
  field = 'modelId',
): Promise<ModelDetail> {
  const info = requireModel(db, layout, id, field);
  const rest = (await readJson(join(info.dir, MODEL_FILES.detail), 'details')) as Omit<ModelDetail, 'info'>;
  return modelDetailSchema.parse({ ...rest, info });
}

export async function readModelCard(db: Database, layout: ProjectLayout, id: string): Promise<string> {
  const info = requireModel(db, layout, id);
  return readFile(join(info.dir, MODEL_FILES.card), 'utf8');
}

/** A model's weights, checked against the SHA-256 stored beside them. */
export async function readModelArtifacts(
  db: Database,
  layout: ProjectLayout,
  id: string,
): Promise<ModelArtifacts> {
  const info = requireModel(db, layout, id);
  const model = (await readJson(join(info.dir, MODEL_FILES.model), 'description')) as ModelFile & {
    weightsSha256?: string;
  };
  const weights = await readFile(join(info.dir, MODEL_FILES.weights));
  const sha = createHash('sha256').update(weights).digest('hex');
  if (model.weightsSha256 && model.weightsSha256 !== sha) {
    throw new AmeliaError(
      'internal',
      `The weights of model ${id} do not match their checksum: the file was changed or damaged.`,
    );
  }
  const { weightsSha256: _s, ...file } = model;
  const buffer = weights.buffer.slice(
    weights.byteOffset,
    weights.byteOffset + weights.byteLength,
  ) as ArrayBuffer;
  return { model: file, weights: buffer };
}

export async function readDriftReference(layout: ProjectLayout, id: string): Promise<DriftReference> {
  return (await readJson(join(modelDir(layout, id), MODEL_FILES.drift), 'drift reference')) as DriftReference;
}

export async function removeModel(db: Database, layout: ProjectLayout, id: string): Promise<void> {
  requireModel(db, layout, id);
  db.prepare('DELETE FROM classifier_models WHERE id = ?').run(id);
  const dir = modelDir(layout, id);
  if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
}
