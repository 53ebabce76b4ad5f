import { create } from 'zustand';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { PoseModel, TubePoseSummary, TubePoses } from '../../../../shared/domain/pose';
import { base64ToBytes, decodePoseArrays } from '../../../../shared/poses/encoding';
import type { Client } from '../../api/client';
import { errorMessage } from '../../api/client';

export interface TubePosesEntry {
  status: 'loading' | 'ready' | 'none' | 'error';
  poses: TubePoses | null;
  error: string | null;
}

export interface PosesState {
  /** A tube's poses, as loaded (`none`: not extracted yet). */
  tubes: Record<string, TubePosesEntry>;
  /** Per video: every tube's summary. */
  summaries: Record<string, TubePoseSummary[]>;
  overlayOn: boolean;
}

export interface PosesSlice extends PosesState {
  loadTubePoses(segmentId: string, model?: PoseModel): Promise<void>;
  loadSummaries(videoId: string): Promise<void>;
  /** Queues re-extraction of tubes (stale ones), returning the job's id. */
  reextract(segmentIds: string[], model?: PoseModel): Promise<string>;
  setOverlayOn(on: boolean): void;
  forgetTube(segmentId: string): void;
}

export const initialPosesState: PosesState = { tubes: {}, summaries: {}, overlayOn: true };

/** Decodes `poses.get`'s answer into typed arrays. */
export function decodeTubePoses(p: { summary: TubePoseSummary; data: string }): TubePoses {
  const { stale: _stale, ...summary } = p.summary;
  return { ...summary, ...decodePoseArrays(base64ToBytes(p.data)) };
}

/** The poses slice: state, initial state and creator, as the app's other slices (it needs only the client). */
export function createPosesSlice(client: Client) {
  return (set: StoreApi<PosesSlice>['setState'], get: StoreApi<PosesSlice>['getState']): PosesSlice => ({
    ...initialPosesState,
    async loadTubePoses(segmentId, model) {
      set((s) => ({
        tubes: {
          ...s.tubes,
          [segmentId]: { status: 'loading', poses: s.tubes[segmentId]?.poses ?? null, error: null },
        },
      }));
      try {
        const p = await client.call('poses.get', { segmentId, ...(model ? { model } : {}) });
        set((s) => ({
          tubes: { ...s.tubes, [segmentId]: { status: 'ready', poses: decodeTubePoses(p), error: null } },
        }));
      } catch (err) {
        const message = errorMessage(err);
        const none = /no poses/i.test(message);
        set((s) => ({
          tubes: {
            ...s.tubes,
            [segmentId]: { status: none ? 'none' : 'error', poses: null, error: none ? null : message },
          },
        }));
      }
    },
    async loadSummaries(videoId) {
      try {
        const list = await client.call('poses.summary', { videoId });
        set((s) => ({ summaries: { ...s.summaries, [videoId]: list } }));
      } catch {
        set((s) => ({ summaries: { ...s.summaries, [videoId]: [] } }));
      }
    },
    async reextract(segmentIds, model) {
      const job = await client.call('poses.extract', { segmentIds, ...(model ? { model } : {}) });
      return job.id;
    },
    setOverlayOn(on) {
      set({ overlayOn: on });
    },
    forgetTube(segmentId) {
      const { [segmentId]: _gone, ...tubes } = get().tubes;
      set({ tubes });
    },
  });
}

export type PosesStoreHook = UseBoundStore<StoreApi<PosesSlice>>;

/**
 * A store of its own for the pose views, kept current by the engine's events (poses written, tubes
 * changed). The app may instead spread `createPosesSlice` into its store.
 */
export function createPosesStore(client: Client): PosesStoreHook {
  const store = create<PosesSlice>()((set, get) => createPosesSlice(client)(set, get));
  client.transport.subscribe((event) => {
    if (event.name !== 'data.changed') return;
    const { entity, ids, videoId } = event.payload;
    const s = store.getState();
    if (entity === 'poses' || entity === 'segment') {
      for (const id of ids) if (id in s.tubes) void s.loadTubePoses(id);
      if (videoId && videoId in s.summaries) void s.loadSummaries(videoId);
    }
  });
  return store;
}
