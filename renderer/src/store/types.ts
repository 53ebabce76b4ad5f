import type { StateCreator } from 'zustand';
import type { Client } from '../api/client';
import type { AnnotationSlice } from './annotationSlice';
import type { EditsSlice } from './editsSlice';
import type { ImportSlice } from './importSlice';
import type { JobsSlice } from './jobsSlice';
import type { NoticesSlice } from './noticesSlice';
import type { PanelsSlice } from './panelsSlice';
import type { PlayerSlice } from './playerSlice';
import type { SelectionSlice } from './selectionSlice';
import type { SettingsSlice } from './settingsSlice';
import type { SystemSlice } from './systemSlice';
import type { TaxonomySlice } from './taxonomySlice';
import type { TimelineSlice } from './timelineSlice';
import type { VideosSlice } from './videosSlice';

export type AppStore = SystemSlice &
  VideosSlice &
  JobsSlice &
  ImportSlice &
  NoticesSlice &
  AnnotationSlice &
  SelectionSlice &
  EditsSlice &
  PlayerSlice &
  TimelineSlice &
  TaxonomySlice &
  SettingsSlice &
  PanelsSlice;

/** A slice's creator: it sees the whole store and the client it talks to the engine through. */
export type SliceCreator<S> = (client: Client) => StateCreator<AppStore, [], [], S>;
