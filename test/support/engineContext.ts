import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { AnyEvent } from '../../shared/contract/events';
import type { EngineContext } from '../../electron/engine/context';
import type { JobRunner } from '../../electron/engine/jobs/jobQueue';
import { JobQueue } from '../../electron/engine/jobs/jobQueue';
import type { MediaBinaries } from '../../electron/engine/media/binaries';
import { resolveMediaBinaries } from '../../electron/engine/media/binaries';
import { projectLayout } from '../../electron/engine/project/layout';
import { openDatabase } from '../../electron/engine/store/openDatabase';
import { tempDir } from './tempProject';

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

/** A fresh test context for each test: the project in `<dir>/project`, `dir` for other files; both go after. */
export interface TestContextFixture {
  readonly ctx: EngineContext;
  readonly jobs: JobQueue;
  readonly events: AnyEvent[];
  /** The test's own temporary folder (the project is its `project` folder). */
  readonly dir: string;
}

export function useTestContext(): TestContextFixture {
  let current: { t: TestContext; dir: ReturnType<typeof tempDir> } | null = null;
  beforeEach(async () => {
    const dir = tempDir();
    current = { t: await testContext(join(dir.dir, 'project')), dir };
  });
  afterEach(() => {
    current?.t.close();
    current?.dir.remove();
    current = null;
  });
  const now = () => {
    if (!current) throw new Error('The test context exists only while a test runs.');
    return current;
  };
  return {
    get ctx() {
      return now().t.ctx;
    },
    get jobs() {
      return now().t.jobs;
    },
    get events() {
      return now().t.events;
    },
    get dir() {
      return now().dir.dir;
    },
  };
}
