import { createContext, useContext } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import { create } from 'zustand';
import type { Client } from '../api/client';
import { createAnnotationSlice } from './annotationSlice';
import { createEditsSlice } from './editsSlice';
import { createImportSlice } from './importSlice';
import { createJobsSlice } from './jobsSlice';
import { createNoticesSlice } from './noticesSlice';
import { createPanelsSlice } from './panelsSlice';
import { createPlayerSlice } from './playerSlice';
import { createSelectionSlice } from './selectionSlice';
import { createSettingsSlice } from './settingsSlice';
import { createSystemSlice } from './systemSlice';
import { createTaxonomySlice } from './taxonomySlice';
import { createTimelineSlice } from './timelineSlice';
import type { AppStore } from './types';
import { createVideosSlice } from './videosSlice';

export type AppStoreHook = UseBoundStore<StoreApi<AppStore>>;

export function createAppStore(client: Client): AppStoreHook {
  const store = create<AppStore>()((...a) => ({
    ...createSystemSlice(client)(...a),
    ...createVideosSlice(client)(...a),
    ...createJobsSlice(client)(...a),
    ...createImportSlice(client)(...a),
    ...createNoticesSlice(client)(...a),
    ...createAnnotationSlice(client)(...a),
    ...createSelectionSlice(client)(...a),
    ...createEditsSlice(client)(...a),
    ...createPlayerSlice(client)(...a),
    ...createTimelineSlice(client)(...a),
    ...createTaxonomySlice(client)(...a),
    ...createSettingsSlice(client)(...a),
    ...createPanelsSlice(client)(...a),
  }));
  // Engine events keep the store current for every client at once.
  client.transport.subscribe((event) => {
    const s = store.getState();
    switch (event.name) {
      case 'job.progress':
        s.applyJob(event.payload);
        break;
      case 'data.changed':
        if (event.payload.entity === 'video') {
          for (const id of event.payload.ids) {
            if (event.payload.removed) s.forgetVideo(id);
            else void s.refreshVideo(id);
          }
        } else s.onDataChanged(event.payload);
        break;
    }
  });
  return store;
}

export const StoreContext = createContext<AppStoreHook | null>(null);

/** Selects one field (or a derived value) of the store; components re-render only when it changes. */
export function useApp<T>(selector: (s: AppStore) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside <StoreContext.Provider>');
  return store(selector);
}

/** The store itself, for code that reads it outside React renders (canvas drawing, key handlers). */
export function useAppStore(): AppStoreHook {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
}
