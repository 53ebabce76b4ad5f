import { AmeliaError } from '../../../shared/contract/envelope';
import type { ModelDetail } from '../../../shared/domain/classifier';
import type { Job } from '../../../shared/domain/job';
import { ClassifierConfigError, validateConfig } from '../../../models/classifier/config';
import type { ClassifierConfigInput } from '../../../models/classifier/config';
import { DEFAULTS as POSE_DEFAULTS } from '../../../models/pose/constants';
import type { EditMeta } from '../annotation/editLog';
import { requireVideo } from '../annotation/rules';
import { getRun, listRuns } from '../classifier/inferJob';
import { planDataset, resolveDatasetRequest, summarise, windowCountsOf } from '../classifier/plan';
import { makePreLabels } from '../classifier/preLabels';
import {
  listModels,
  readModelCard,
  readModelDetail,
  removeModel,
  requireModel,
} from '../classifier/registry';
import type { InferJobPayload } from '../classifier/inferJob';
import type { TrainJobPayload } from '../classifier/trainJob';
import type { EngineContext } from '../context';
import type { JobQueue } from '../jobs/jobQueue';
import type { JobRecord } from '../store/jobRows';
import type { HandlerGroup } from './types';

type ModelMethod = `models.${
  | 'list'
  | 'get'
  | 'dataset'
  | 'train'
  | 'compare'
  | 'card'
  | 'infer'
  | 'predictions'
  | 'toPreLabels'
  | 'remove'}`;

function publicJob(job: JobRecord): Job {
  const { payload: _p, leaseOwner: _l, cancelRequested: _c, ...rest } = job;
  return rest;
}

function configOf(input: ClassifierConfigInput) {
  try {
    return validateConfig(input);
  } catch (err) {
    if (err instanceof ClassifierConfigError) {
      throw new AmeliaError('invalid_request', err.message, `config.${err.field}`);
    }
    throw err;
  }
}

/** Metric rows of two models side by side (b − a). */
function compareRows(a: ModelDetail, b: ModelDetail) {
  const row = (
    metric: string,
    x: number | null | undefined,
    y: number | null | undefined,
    higherIsBetter = true,
  ) => ({
    metric,
    a: x ?? null,
    b: y ?? null,
    delta: x === null || x === undefined || y === null || y === undefined ? null : y - x,
    higherIsBetter,
  });
  const ta = a.metrics.test;
  const tb = b.metrics.test;
  const fpa = ta?.events?.falseAlarmsPerHour;
  const fpb = tb?.events?.falseAlarmsPerHour;
  const secs = (d: ModelDetail) =>
    d.history.length > 0 ? d.history.reduce((s, e) => s + e.seconds, 0) / d.history.length : null;
  return [
    row('test macro-F1', ta?.metrics.macroF1, tb?.metrics.macroF1),
    row('test top-1 accuracy', ta?.metrics.accuracy, tb?.metrics.accuracy),
    row('test mean class accuracy', ta?.metrics.meanClassAccuracy, tb?.metrics.meanClassAccuracy),
    row('test ECE', ta?.calibration.ece, tb?.calibration.ece, false),
    row('test false alarms per hour', fpa, fpb, false),
    row('validation macro-F1', a.metrics.validation?.metrics.macroF1, b.metrics.validation?.metrics.macroF1),
    row('parameters', a.info.parameterCount, b.info.parameterCount, false),
    row('seconds per epoch', secs(a), secs(b), false),
    row('epochs run', a.info.epochsRun, b.info.epochsRun, false),
  ];
}

/** The model registry, training and inference jobs, predictions and pre-labels. */
export function modelHandlers(ctx: EngineContext, jobs: JobQueue): HandlerGroup<ModelMethod> {
  const { db, layout } = ctx;
  return {
    'models.list': () => listModels(db, layout),

    'models.get': ({ modelId }) => readModelDetail(db, layout, modelId),

    'models.dataset': (request) => {
      const resolved = resolveDatasetRequest(request);
      const planned = planDataset(db, resolved, true);
      return summarise(planned, windowCountsOf(planned, validateConfig({ seed: resolved.seed })));
    },

    'models.train': (request) => {
      const resolved = resolveDatasetRequest(request);
      const config = configOf({
        ...((request.config ?? {}) as ClassifierConfigInput),
        ...(request.architecture ? { architecture: request.architecture } : {}),
        ...(request.epochs ? { epochs: request.epochs } : {}),
        seed: resolved.seed,
      });
      // Refuse at once what cannot train (fewer than two classes), without reading the poses.
      const planned = planDataset(db, resolved, false);
      const modelId = ctx.newId();
      const name =
        request.name ??
        `${config.architecture} ${planned.built.levelName} ${new Date(ctx.now()).toISOString().slice(0, 16).replace('T', ' ')}`;
      const payload: TrainJobPayload = { modelId, name, request: resolved, config: { ...config } };
      const job = jobs.enqueue({
        id: ctx.newId(),
        kind: 'train',
        videoId: null,
        unit: 'epochs',
        total: config.epochs,
        payload: { ...payload },
      });
      return publicJob(job);
    },

    'models.compare': async ({ a, b }) => {
      const da = await readModelDetail(db, layout, a, 'a');
      const db_ = await readModelDetail(db, layout, b, 'b');
      const ids = [...new Set([...da.info.classes, ...db_.info.classes].map((c) => c.nodeId))];
      const f1 = (d: ModelDetail, nodeId: string) => {
        const i = d.info.classes.findIndex((c) => c.nodeId === nodeId);
        return i >= 0 ? (d.metrics.test?.metrics.perClass[i]?.f1 ?? null) : null;
      };
      const notes: string[] = [];
      if (da.info.level !== db_.info.level)
        notes.push('The models classify at different taxonomy levels: their metrics are not comparable.');
      if (da.info.taxonomyVersion !== db_.info.taxonomyVersion)
        notes.push('The models were trained with different taxonomy versions.');
      if (
        JSON.stringify(da.dataset.classes.map((c) => c.windows)) !==
        JSON.stringify(db_.dataset.classes.map((c) => c.windows))
      ) {
        notes.push('The models were trained and tested on different data (class counts or splits differ).');
      }
      return {
        a: da,
        b: db_,
        rows: compareRows(da, db_),
        perClass: ids.map((nodeId) => ({
          nodeId,
          name: [...da.info.classes, ...db_.info.classes].find((c) => c.nodeId === nodeId)?.name ?? nodeId,
          f1A: f1(da, nodeId),
          f1B: f1(db_, nodeId),
        })),
        notes,
      };
    },

    'models.card': async ({ modelId }) => ({ modelId, markdown: await readModelCard(db, layout, modelId) }),

    'models.infer': ({ modelId, videoIds, poseModel, backend, freshPoses }) => {
      requireModel(db, layout, modelId);
      const videos = videoIds.map((v) => requireVideo(db, v));
      const payload: InferJobPayload = {
        modelId,
        videoIds: videos.map((v) => v.id),
        poseModel: poseModel ?? POSE_DEFAULTS.model,
        backend: backend ?? 'auto',
        freshPoses: freshPoses ?? false,
      };
      const job = jobs.enqueue({
        id: ctx.newId(),
        kind: 'infer',
        videoId: videos.length === 1 ? (videos[0]?.id ?? null) : null,
        unit: 'videos',
        total: videos.length,
        payload: { ...payload },
      });
      return publicJob(job);
    },

    'models.predictions': ({ videoId, modelId, runId }) => {
      if (videoId) requireVideo(db, videoId);
      if (modelId) requireModel(db, layout, modelId);
      if (runId && !getRun(db, layout, runId))
        throw new AmeliaError('not_found', `No inference run ${runId}.`, 'runId');
      return listRuns(db, layout, { videoId, modelId, runId });
    },

    'models.toPreLabels': ({ clientId, runId, maxConfidence, limit }, caller) => {
      const meta = (): EditMeta => ({
        userId: caller.userId,
        // Methods that edit are never public: the engine has resolved a role before it gets here.
        role: caller.role ?? 'annotator',
        clientId,
        at: ctx.now().toISOString(),
      });
      return makePreLabels(ctx, meta, runId, { maxConfidence, limit });
    },

    'models.remove': async ({ modelId }) => {
      const running = db
        .prepare(
          "SELECT id FROM jobs WHERE kind = 'infer' AND state IN ('queued', 'running') AND payload LIKE ?",
        )
        .get(`%"modelId":"${modelId}"%`) as { id: string } | undefined;
      if (running)
        throw new AmeliaError('conflict', `Model ${modelId} is in use by job ${running.id}.`, 'modelId');
      await removeModel(db, layout, modelId);
      ctx.emit('data.changed', { entity: 'model', ids: [modelId], removed: true });
      return { modelId };
    },
  };
}
