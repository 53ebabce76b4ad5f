import { z } from 'zod';
import { idSchema } from '../../../shared/domain/ids';
import { poseModelSchema } from '../../../shared/domain/pose';
import type { EpochReportDto, ModelDetail, ModelInfo } from '../../../shared/domain/classifier';
import { modelCard } from '../../../models/classifier/card';
import { validateConfig } from '../../../models/classifier/config';
import type { ClassifierConfigInput } from '../../../models/classifier/config';
import { DEFAULTS } from '../../../models/classifier/constants';
import { taxonomyTree } from '../annotation/rules';
import type { EngineContext } from '../context';
import type { JobRunner } from '../jobs/jobQueue';
import { criticalClasses, planDataset, snapshotOf, summarise, windowCountsOf } from './plan';
import { getModelInfo, storeModel } from './registry';
import { runInWorker } from './workerClient';

export const trainJobPayloadSchema = z.object({
  modelId: idSchema,
  name: z.string().min(1),
  request: z.object({
    level: z.number().int().positive(),
    poseModel: poseModelSchema,
    recordingPattern: z.string().nullable(),
    seed: z.number().int().nonnegative(),
    split: z.object({ train: z.number(), validation: z.number(), test: z.number() }),
  }),
  config: z.record(z.string(), z.unknown()),
});
export type TrainJobPayload = z.infer<typeof trainJobPayloadSchema>;

/** What a running or finished training job shows: the data, the curves so far, then the model. */
export interface TrainJobResult extends Record<string, unknown> {
  phase: 'preparing' | 'training' | 'saving' | 'done';
  modelId: string;
  name: string;
  classes: string[];
  history: EpochReportDto[];
  backend: string | null;
  testMacroF1?: number | null;
  testAccuracy?: number | null;
}

/**
 * The 'train' job: the dataset built from the project (labelled tubes with poses, at the level asked),
 * split by recording and person, then training in a worker thread (progress per batch, the curves as the
 * job's result while it runs), scoring on the held-out split, and the model stored in the registry with
 * its dataset snapshot, configuration, metrics and card. Cancelling ends the worker.
 */
export function trainJobRunner(ctx: EngineContext): JobRunner {
  return async (job, { signal, progress, report }) => {
    const p = trainJobPayloadSchema.parse(job.payload);
    const existing = getModelInfo(ctx.db, ctx.layout, p.modelId);
    if (existing) return finishedResult(existing, p.name, []);
    const config = validateConfig(p.config as ClassifierConfigInput);
    const state: TrainJobResult = {
      phase: 'preparing',
      modelId: p.modelId,
      name: p.name,
      classes: [],
      history: [],
      backend: null,
    };
    report({ ...state });
    const planned = planDataset(ctx.db, p.request, true);
    const classes = planned.built.classes;
    const summary = summarise(planned, windowCountsOf(planned, config));
    const tree = taxonomyTree(ctx.db);
    const critical = criticalClasses(classes, tree);
    state.classes = classes.map((c) => c.name);
    state.phase = 'training';
    report({ ...state, summary });
    progress(0, config.epochs);

    const startedAt = Date.now();
    const done = await runInWorker(
      {
        type: 'train',
        backend: 'auto',
        classes,
        tracks: planned.built.tracks,
        splits: planned.splits,
        config,
        evaluation: {
          critical,
          calibrationBins: DEFAULTS.calibrationBins,
          toleranceSec: DEFAULTS.eventToleranceSec,
        },
      },
      'trained',
      (msg) => {
        switch (msg.type) {
          case 'backend':
            state.backend = msg.backend;
            report({ ...state, summary });
            break;
          case 'epoch':
            state.history = [...state.history, msg.report];
            progress(msg.report.epoch, config.epochs);
            report({ ...state, summary });
            break;
          case 'batch':
            progress((msg.done / msg.total) * config.epochs, config.epochs);
            break;
          case 'trained':
          case 'inferred':
          case 'error':
            break;
        }
      },
      signal,
    );
    state.phase = 'saving';
    report({ ...state, summary });
    const t = done.result;
    const finalSummary = {
      ...summary,
      classes: summary.classes.map((c, i) => ({
        ...c,
        windows: {
          train: t.windows.train[i] ?? 0,
          validation: t.windows.validation[i] ?? 0,
          test: t.windows.test[i] ?? 0,
        },
      })),
    };
    const info: Omit<ModelInfo, 'dir'> = {
      id: p.modelId,
      name: p.name,
      createdAt: ctx.now().toISOString(),
      jobId: job.id,
      architecture: config.architecture,
      level: planned.built.level,
      levelName: planned.built.levelName,
      taxonomyVersion: planned.built.taxonomyVersion,
      classes,
      poseModel: planned.built.poseModel,
      seed: config.seed,
      parameterCount: t.parameterCount,
      epochsRun: t.history.length,
      bestEpoch: t.bestEpoch,
      trainSeconds: (Date.now() - startedAt) / 1000,
      backend: state.backend ?? 'unknown',
      testMacroF1: t.test?.metrics.macroF1 ?? null,
      testAccuracy: t.test?.metrics.accuracy ?? null,
    };
    const warnings = [...t.warnings];
    if (done.tensorsLeft > 0) warnings.push(`The training left ${done.tensorsLeft} tensors behind (a leak).`);
    const detail: Omit<ModelDetail, 'info'> = {
      config: { ...config },
      dataset: finalSummary,
      metrics: { test: t.test, validation: t.validation, critical },
      history: t.history,
      classWeights: t.classWeights,
      stoppedEarly: t.stoppedEarly,
      warnings,
    };
    const stored = await storeModel(ctx.db, ctx.layout, ctx.staging, {
      info,
      artifacts: { model: t.model, weights: t.weights },
      config: { classifier: config, dataset: p.request, critical: critical.map((i) => classes[i]?.nodeId) },
      dataset: { summary: finalSummary, tracks: snapshotOf(planned) },
      detail,
      drift: t.drift,
      card: modelCard({ ...detail, info: { ...info, dir: '' } }),
    });
    ctx.emit('data.changed', { entity: 'model', ids: [stored.id], removed: false });
    return finishedResult(stored, p.name, t.history);
  };
}

function finishedResult(m: ModelInfo, name: string, history: EpochReportDto[]): TrainJobResult {
  return {
    phase: 'done',
    modelId: m.id,
    name,
    classes: m.classes.map((c) => c.name),
    history,
    backend: m.backend,
    testMacroF1: m.testMacroF1,
    testAccuracy: m.testAccuracy,
  };
}
