import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyEvent } from '../../shared/contract/events';
import type { EngineContext } from '../../electron/engine/context';
import type { JobRunner } from '../../electron/engine/jobs/jobQueue';
import { JobQueue } from '../../electron/engine/jobs/jobQueue';
import type { MediaBinaries } from '../../electron/engine/media/binaries';
import { resolveMediaBinaries } from '../../electron/engine/media/binaries';
import { projectLayout } from '../../electron/engine/project/layout';
import { openDatabase } from '../../electron/engine/store/openDatabase';

export interface TestContext {
  ctx: EngineContext;
  jobs: JobQueue;
  events: AnyEvent[];
  close(): void;
}

const idle: JobRunner = async () => undefined;

/**
 * The engine's parts on a real, migrated project in `dir`, without the engine: for driving one part
 * (an import, the job queue) directly. The queue is not started.
 */
export async function testContext(dir: string, binaries?: MediaBinaries): Promise<TestContext> {
  const layout = projectLayout(dir);
  for (const d of [layout.derived, layout.staging, layout.media]) mkdirSync(d, { recursive: true });
  const db = openDatabase(layout.database);
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const staging = join(layout.staging, owner);
  mkdirSync(staging, { recursive: true });
  const events: AnyEvent[] = [];
  const ctx: EngineContext = {
    db,
    layout,
    binaries: binaries ?? (await resolveMediaBinaries()),
    owner,
    staging,
    emit: (name, payload) => events.push({ name, payload } as AnyEvent),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
  const jobs = new JobQueue(
    db,
    { proxy: idle, thumbnails: idle, poses: idle, export: idle, train: idle, infer: idle },
    { owner, onChange: () => undefined },
  );
  return { ctx, jobs, events, close: () => db.close() };
}

/** Rows of a table, counted. */
export function countRows(ctx: EngineContext, table: 'videos' | 'jobs' | 'project'): number {
  return (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
