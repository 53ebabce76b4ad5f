import type { StateCreator } from 'zustand';
import type { Client } from '../api/client';
import type { ImportSlice } from './importSlice';
import type { JobsSlice } from './jobsSlice';
import type { NoticesSlice } from './noticesSlice';
import type { SystemSlice } from './systemSlice';
import type { VideosSlice } from './videosSlice';

export type AppStore = SystemSlice & VideosSlice & JobsSlice & ImportSlice & NoticesSlice;

/** A slice's creator: it sees the whole store and the client it talks to the engine through. */
export type SliceCreator<S> = (client: Client) => StateCreator<AppStore, [], [], S>;
