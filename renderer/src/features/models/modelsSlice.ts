import type { StateCreator } from 'zustand';
import type { Client } from '../../api/client';
import { ApiCallError, errorMessage } from '../../api/client';
import type { RequestOf, ResponseOf } from '../../../../shared/contract/api';
import type {
  DatasetSummary,
  InferenceRun,
  ModelDetail,
  ModelInfo,
} from '../../../../shared/domain/classifier';
import type { Job } from '../../../../shared/domain/job';
import type { Video } from '../../../../shared/domain/video';

export type Comparison = ResponseOf<'models.compare'>;
export type TrainForm = RequestOf<'models.train'>;

export interface ModelsState {
  models: ModelInfo[];
  loaded: boolean;
  selectedId: string | null;
  detail: ModelDetail | null;
  card: string | null;
  compareWith: string | null;
  comparison: Comparison | null;
  /** Class counts of the training set the form would make. */
  preview: DatasetSummary | null;
  previewing: boolean;
  /** The extraction of labelled tubes' missing poses that the class counts wait for (as `amelia train`). */
  posesJob: Job | null;
  /** Training and inference jobs, kept current by job events. */
  jobs: Record<string, Job>;
  runs: InferenceRun[];
  videos: Video[];
  levels: string[];
  error: string | null;
}

export interface ModelsSlice extends ModelsState {
  load(): Promise<void>;
  select(modelId: string | null): Promise<void>;
  compare(otherId: string | null): Promise<void>;
  previewDataset(form: TrainForm): Promise<void>;
  train(form: TrainForm): Promise<void>;
  cancelJob(jobId: string): Promise<void>;
  infer(videoIds: string[]): Promise<void>;
  loadRuns(): Promise<void>;
  makePreLabels(runId: string, maxConfidence: number | null): Promise<number>;
  removeModel(modelId: string): Promise<void>;
  applyJob(job: Job): void;
  clearError(): void;
}

export const initialModelsState: ModelsState = {
  models: [],
  loaded: false,
  selectedId: null,
  detail: null,
  card: null,
  compareWith: null,
  comparison: null,
  preview: null,
  previewing: false,
  posesJob: null,
  jobs: {},
  runs: [],
  videos: [],
  levels: [],
  error: null,
};

/** The client id this view's writes carry (pre-labels are edits, audited and undoable per client). */
const CLIENT_ID = `models-${Math.random().toString(36).slice(2, 10)}`;

export const createModelsSlice =
  (client: Client): StateCreator<ModelsSlice> =>
  (set, get) => {
    const fail = (what: string, err: unknown) => set({ error: `${what}: ${errorMessage(err)}` });
    /** The form the class counts are for, while their poses are being extracted. */
    let waiting: TrainForm | null = null;
    /** Starts the extraction of labelled tubes' missing poses; false when every one has them. */
    const extractMissingPoses = async (form: TrainForm): Promise<boolean> => {
      try {
        const job = await client.call('poses.extract', {
          usable: true,
          onlyMissing: true,
          ...(form.poseModel !== undefined ? { model: form.poseModel } : {}),
        });
        waiting = form;
        set({ posesJob: job });
        return true;
      } catch (err) {
        if (
          err instanceof ApiCallError &&
          /already has current poses|No tube feeds training/.test(err.error.message)
        )
          return false;
        throw err;
      }
    };
    return {
      ...initialModelsState,
      async load() {
        try {
          const [models, jobs, videos, taxonomy] = await Promise.all([
            client.call('models.list', {}),
            client.call('jobs.list', {}),
            client.call('videos.list', {}),
            client.call('taxonomy.get', {}),
          ]);
          set({
            models,
            loaded: true,
            videos,
            levels: taxonomy.levels,
            jobs: Object.fromEntries(
              jobs.filter((j) => j.kind === 'train' || j.kind === 'infer').map((j) => [j.id, j]),
            ),
          });
          const selected = get().selectedId;
          if (selected && !models.some((m) => m.id === selected))
            set({ selectedId: null, detail: null, card: null });
        } catch (err) {
          fail('Cannot list the models', err);
        }
      },
      async select(modelId) {
        set({ selectedId: modelId, detail: null, card: null, comparison: null, compareWith: null });
        if (modelId === null) return;
        try {
          const [detail, card] = await Promise.all([
            client.call('models.get', { modelId }),
            client.call('models.card', { modelId }),
          ]);
          if (get().selectedId === modelId) set({ detail, card: card.markdown });
          await get().loadRuns();
        } catch (err) {
          fail('Cannot open the model', err);
        }
      },
      async compare(otherId) {
        const a = get().selectedId;
        set({ compareWith: otherId, comparison: null });
        if (!a || !otherId) return;
        try {
          set({ comparison: await client.call('models.compare', { a, b: otherId }) });
        } catch (err) {
          fail('Cannot compare', err);
        }
      },
      async previewDataset(form) {
        set({ previewing: true, preview: null });
        try {
          // Labelled tubes without current poses get them first, as `amelia train` does; the counts follow
          // when that job is done.
          if (await extractMissingPoses(form)) return;
          const { name: _n, architecture: _a, epochs: _e, config: _c, ...request } = form;
          set({ preview: await client.call('models.dataset', request), previewing: false });
        } catch (err) {
          set({ previewing: false });
          fail('Cannot gather the training set', err);
        }
      },
      async train(form) {
        try {
          get().applyJob(await client.call('models.train', form));
        } catch (err) {
          fail('Cannot start training', err);
        }
      },
      async cancelJob(jobId) {
        try {
          get().applyJob(await client.call('jobs.cancel', { jobId }));
        } catch (err) {
          fail('Cannot cancel', err);
        }
      },
      async infer(videoIds) {
        const modelId = get().selectedId;
        if (!modelId || videoIds.length === 0) return;
        try {
          get().applyJob(await client.call('models.infer', { modelId, videoIds }));
        } catch (err) {
          fail('Cannot start inference', err);
        }
      },
      async loadRuns() {
        const modelId = get().selectedId;
        if (!modelId) return;
        try {
          set({ runs: await client.call('models.predictions', { modelId }) });
        } catch (err) {
          fail('Cannot read the predictions', err);
        }
      },
      async makePreLabels(runId, maxConfidence) {
        try {
          const made = await client.call('models.toPreLabels', {
            clientId: CLIENT_ID,
            runId,
            ...(maxConfidence !== null ? { maxConfidence } : {}),
          });
          await get().loadRuns();
          return made.preLabels.length;
        } catch (err) {
          fail('Cannot make pre-labels', err);
          return 0;
        }
      },
      async removeModel(modelId) {
        try {
          await client.call('models.remove', { modelId });
          if (get().selectedId === modelId) set({ selectedId: null, detail: null, card: null });
          await get().load();
        } catch (err) {
          fail('Cannot remove the model', err);
        }
      },
      applyJob(job) {
        const posesJob = get().posesJob;
        if (posesJob && job.id === posesJob.id) {
          set({ posesJob: job });
          const form = waiting;
          if (job.state === 'done' && form) {
            waiting = null;
            void get().previewDataset(form);
          } else if (job.state === 'failed' || job.state === 'cancelled') {
            waiting = null;
            set({ previewing: false });
            fail('The poses of the labelled tubes were not extracted', job.error ?? job.state);
          }
          return;
        }
        if (job.kind !== 'train' && job.kind !== 'infer') return;
        const before = get().jobs[job.id];
        set((s) => ({ jobs: { ...s.jobs, [job.id]: job } }));
        if (job.state === 'done' && before?.state !== 'done') {
          void get().load();
          if (job.kind === 'infer') void get().loadRuns();
        }
      },
      clearError: () => set({ error: null }),
    };
  };

/** The newest training job, running or not. */
export function latestTrainJob(jobs: Record<string, Job>): Job | null {
  return (
    Object.values(jobs)
      .filter((j) => j.kind === 'train')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null
  );
}
