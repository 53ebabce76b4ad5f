import { createContext, useContext } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import { create } from 'zustand';
import type { Client } from '../../api/client';
import type { ModelsSlice } from './modelsSlice';
import { createModelsSlice } from './modelsSlice';

export type ModelsStore = UseBoundStore<StoreApi<ModelsSlice>>;

/**
 * The Models page's own store (self-contained: it needs only the client), kept current by the engine's
 * events: job progress of training and inference, and changes of models and predictions.
 */
export function createModelsStore(client: Client): { store: ModelsStore; unsubscribe: () => void } {
  const store = create<ModelsSlice>()(createModelsSlice(client));
  const unsubscribe = client.transport.subscribe((event) => {
    const s = store.getState();
    switch (event.name) {
      case 'job.progress':
        s.applyJob(event.payload);
        break;
      case 'data.changed':
        if (event.payload.entity === 'model') void s.load();
        if (event.payload.entity === 'prediction') void s.loadRuns();
        if (event.payload.entity === 'video') void s.load();
        break;
    }
  });
  return { store, unsubscribe };
}

export const ModelsStoreContext = createContext<ModelsStore | null>(null);

/** Selects one field of the Models page's store. */
export function useModels<T>(selector: (s: ModelsSlice) => T): T {
  const store = useContext(ModelsStoreContext);
  if (!store) throw new Error('useModels outside <ModelsView>');
  return store(selector);
}
