import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { MediaBinaries } from './media/binaries';
import type { ProjectLayout } from './project/layout';

/** What the engine's parts share: the open project, the media tools and the way to tell clients. */
export interface EngineContext {
  db: Database;
  layout: ProjectLayout;
  binaries: MediaBinaries;
  /** This process's name in job leases and staging folders: `<pid>-<random>`. */
  owner: string;
  /** This process's own staging folder. */
  staging: string;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  now(): Date;
  newId(): string;
}
