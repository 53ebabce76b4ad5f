import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ImportResult, MethodName, ResponseOf } from '../../shared/contract/api';
import { isMethodName, methods } from '../../shared/contract/api';
import type { ApiError, Envelope } from '../../shared/contract/envelope';
import { AmeliaError, fail, ok } from '../../shared/contract/envelope';
import type { MediaFile } from '../../shared/contract/transport';
import type { Project } from '../../shared/domain/project';
import defaultTaxonomy from '../../resources/taxonomy/assisted-living.json';
import { taxonomyDocumentSchema } from '../../shared/taxonomy/document';
import { annotationHandlers } from './api/annotationHandlers';
import { authHandlers } from './api/authHandlers';
import { reviewHandlers } from './api/reviewHandlers';
import { exportHandlers } from './api/exportHandlers';
import { importHandlers } from './api/importHandlers';
import { modelHandlers } from './api/modelHandlers';
import { poseHandlers } from './api/poseHandlers';
import type { Caller, Handlers, Who } from './api/types';
import { LOCAL_CALLER } from './api/types';
import { METHOD_ACCESS, allowed } from '../../shared/auth/access';
import { canSeeVideo, requireVideoAccess } from './annotation/permissions';
import { sessionUser } from './auth/sessions';
import { getUser, projectMode } from './auth/users';
import type { EngineContext } from './context';
import { storedPoses } from './poses/storedPoses';
import { seedTaxonomy } from './taxonomy/taxonomyEdits';
import type { EventListener } from './events';
import { EventHub } from './events';
import { exportJobRunner } from './export/exportJob';
import type { PoseReader } from './export/poseReader';
import { importVideo, POSTER_FILE } from './import/importVideo';
import { JobQueue } from './jobs/jobQueue';
import { PROXY_FILE, proxyJobRunner } from './jobs/proxyJob';
import { THUMBS_DIR, thumbnailsJobRunner } from './jobs/thumbnailsJob';
import { probeNodeBackends } from '../../models/pose/backends/probe';
import type { PoseRuntime } from './poses/posesJob';
import { nodePoseRuntime, posesJobRunner } from './poses/posesJob';
import { inferJobRunner } from './classifier/inferJob';
import { trainJobRunner } from './classifier/trainJob';
import type { MediaBinaries } from './media/binaries';
import { resolveMediaBinaries } from './media/binaries';
import type { ProjectLayout } from './project/layout';
import { derivedDir, projectLayout } from './project/layout';
import { ownerAlive, reconcileProject } from './project/reconcile';
import { getJob, listJobs, toJob } from './store/jobRows';
import { openDatabase } from './store/openDatabase';
import { getFrameTimes, getVideo, listVideos, toVideo } from './store/videoRows';
import { removeVideo, videoRemoval } from './videos/removal';

export const APP_VERSION = '0.1.0';

export interface EngineOptions {
  projectDir: string;
  /** Run queued jobs in this process (the app and `serve` do; most CLI commands only enqueue). */
  runJobs?: boolean;
  /** Jobs run at once. */
  jobConcurrency?: number;
  binaries?: MediaBinaries;
  /** Who a call without a caller is: the local user (default), or the trusted command line. */
  defaultCaller?: Caller;
  /** Where exports read poses; none until pose extraction provides its reader. */
  poses?: PoseReader;
  /** What pose backends this host offers (the Electron host adds its GPU window); Node's by default. */
  poseRuntime?: PoseRuntime;
}

export interface MediaFileInfo {
  path: string;
  contentType: string;
  size: number;
}

export interface Engine {
  readonly project: Project;
  readonly binaries: MediaBinaries;
  readonly layout: ProjectLayout;
  readonly jobs: JobQueue;
  /** Calls a method of the contract: the request is checked, the reply is an envelope, nothing throws. */
  call<M extends MethodName>(method: M, request: unknown, caller?: Caller): Promise<Envelope<ResponseOf<M>>>;
  /** As `call`, for a method name that came from outside. */
  callByName(method: string, request: unknown, caller?: Caller): Promise<Envelope<unknown>>;
  on(listener: EventListener): () => void;
  /**
   * Whether a caller may receive events, read a video's files, or upload: hosts ask before serving what
   * the contract's methods do not cover. Null when allowed, else the error to answer.
   */
  permit(
    caller: Caller,
    what: { kind: 'events' } | { kind: 'media'; videoId: string } | { kind: 'upload' },
  ): ApiError | null;
  /** The file behind a media URL, or null where there is none (yet). */
  mediaFile(videoId: string, file: MediaFile): MediaFileInfo | null;
  /** A folder of this process's own for a host to receive an upload into. */
  uploadDir(): Promise<string>;
  /** Imports a received upload, which the project takes over (or deletes, if the import fails). */
  importUpload(tempPath: string, originalName: string, signal?: AbortSignal): Promise<ImportResult>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
};

/** A message about an upload names the file as its sender knows it, not the temporary copy it was received into. */
function messageFor(message: string, path: string, adoptName: string | undefined): string {
  if (adoptName === undefined) return message;
  const abs = resolve(path);
  return message.replaceAll(`file:${abs}`, adoptName).replaceAll(abs, adoptName);
}

function ensureProjectRow(db: Database, dir: string, now: string): Project {
  let row = db.prepare('SELECT id, name, created_at FROM project LIMIT 1').get() as
    { id: string; name: string; created_at: string } | undefined;
  if (!row) {
    row = { id: randomUUID(), name: basename(dir) || 'project', created_at: now };
    db.prepare('INSERT INTO project (id, name, created_at) VALUES (?, ?, ?)').run(
      row.id,
      row.name,
      row.created_at,
    );
  }
  return {
    id: row.id,
    name: row.name,
    dir,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    createdAt: row.created_at,
  };
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const layout = projectLayout(options.projectDir);
  const binaries = options.binaries ?? (await resolveMediaBinaries());
  await mkdir(layout.dir, { recursive: true });
  const db = openDatabase(layout.database);
  try {
    await Promise.all(
      [layout.derived, layout.staging, layout.media].map((d) => mkdir(d, { recursive: true })),
    );
    const project = ensureProjectRow(db, layout.dir, new Date().toISOString());
    seedTaxonomy(db, taxonomyDocumentSchema.parse(defaultTaxonomy), new Date().toISOString());
    const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
    await reconcileProject(db, layout, ownerAlive);
    const hub = new EventHub();
    const ctx: EngineContext = {
      db,
      layout,
      binaries,
      owner,
      staging: join(layout.staging, owner),
      emit: (name, payload) => hub.emit(name, payload),
      now: () => new Date(),
      newId: () => randomUUID(),
    };
    await mkdir(ctx.staging, { recursive: true });
    return buildEngine(ctx, project, hub, options);
  } catch (err) {
    db.close();
    throw err;
  }
}

function buildEngine(ctx: EngineContext, project: Project, hub: EventHub, options: EngineOptions): Engine {
  const { db, layout } = ctx;
  const lastState = new Map<string, string>();
  const poses = options.poses ?? storedPoses(db);
  const poseRuntime = options.poseRuntime ?? nodePoseRuntime(probeNodeBackends);
  const jobs = new JobQueue(
    db,
    {
      proxy: proxyJobRunner(ctx),
      thumbnails: thumbnailsJobRunner(ctx),
      export: exportJobRunner(ctx, poses, `amelia ${APP_VERSION}`),
      poses: posesJobRunner(ctx, poseRuntime),
      train: trainJobRunner(ctx),
      infer: inferJobRunner(ctx, poseRuntime),
    },
    {
      owner: ctx.owner,
      concurrency: options.jobConcurrency ?? 1,
      onChange: (job) => {
        hub.emit('job.progress', toJob(job));
        if (lastState.get(job.id) !== job.state) {
          lastState.set(job.id, job.state);
          if (job.videoId && job.kind === 'proxy') {
            hub.emit('data.changed', { entity: 'video', ids: [job.videoId], removed: false });
          }
        }
      },
    },
  );

  function requireVideo(videoId: string) {
    const v = getVideo(db, videoId);
    if (!v) throw new AmeliaError('not_found', `No video ${videoId} in this project.`, 'videoId');
    return v;
  }

  async function importPaths(
    paths: readonly string[],
    adoptName?: string,
    signal?: AbortSignal,
  ): Promise<ImportResult> {
    const result: ImportResult = { imported: [], duplicates: [], failed: [] };
    for (const path of paths) {
      if (signal?.aborted) {
        result.failed.push({
          path: adoptName ?? path,
          code: 'cancelled',
          message: 'cancelled before it started',
        });
        continue;
      }
      try {
        const outcome = await importVideo(ctx, jobs, path, {
          ...(signal ? { signal } : {}),
          ...(adoptName !== undefined ? { adopt: { name: adoptName } } : {}),
        });
        if (outcome.kind === 'imported') result.imported.push(toVideo(outcome.video));
        else result.duplicates.push({ path: adoptName ?? path, videoId: outcome.videoId });
      } catch (err) {
        const e =
          err instanceof AmeliaError
            ? err
            : new AmeliaError('internal', (err as Error).message ?? String(err));
        if (e.code === 'internal') console.error('amelia: import failed unexpectedly:', err);
        result.failed.push({
          path: adoptName ?? path,
          code: e.code,
          message: messageFor(e.message, path, adoptName),
        });
      }
    }
    return result;
  }

  const handlers: Handlers = {
    'system.info': () => ({
      appVersion: APP_VERSION,
      project,
      ffmpeg: {
        path: ctx.binaries.ffmpeg.path,
        version: ctx.binaries.ffmpeg.version,
        source: ctx.binaries.ffmpeg.source,
      },
      ffprobe: {
        path: ctx.binaries.ffprobe.path,
        version: ctx.binaries.ffprobe.version,
        source: ctx.binaries.ffprobe.source,
      },
    }),
    'videos.list': (_req, who) =>
      listVideos(db)
        .filter((v) => canSeeVideo(db, acting(who), v.id))
        .map(toVideo),
    'videos.get': ({ videoId }, who) => {
      const v = requireVideo(videoId);
      requireVideoAccess(db, acting(who), videoId);
      return toVideo(v);
    },
    'videos.import': ({ paths }) => importPaths(paths),
    'videos.removePreview': ({ videoId }) => videoRemoval(db, requireVideo(videoId)),
    'videos.remove': async ({ videoId, discardTubes }) => {
      await removeVideo(ctx, jobs, requireVideo(videoId), discardTubes);
      return { videoId };
    },
    'videos.frameTimes': ({ videoId }, who) => {
      requireVideoAccess(db, acting(who), videoId);
      const times = getFrameTimes(db, videoId);
      if (!times) throw new AmeliaError('not_found', `No video ${videoId} in this project.`, 'videoId');
      return { videoId, times: Array.from(times) };
    },
    'jobs.list': () => listJobs(db).map(toJob),
    'jobs.cancel': ({ jobId }) => toJob(jobs.cancel(jobId)),
    'jobs.retry': ({ jobId }) => {
      const job = getJob(db, jobId);
      if (job?.videoId) requireVideo(job.videoId);
      return toJob(jobs.retry(jobId));
    },
    ...annotationHandlers(ctx),
    ...authHandlers(ctx),
    ...reviewHandlers(ctx),
    ...exportHandlers(ctx, jobs, poses),
    ...importHandlers(ctx),
    ...poseHandlers(ctx, jobs, poseRuntime),
    ...modelHandlers(ctx, jobs),
  };

  /**
   * Who the caller is and what the engine lets them do: the CLI is the machine's owner (admin); in an open
   * project (nobody set up yet) whoever opens it is its admin; otherwise the signed-in user or picked profile,
   * and nobody at all without one.
   */
  function resolveCaller(caller: Caller): Who {
    const token = caller.sessionToken ?? null;
    let userId = caller.userId;
    if (!userId && token) userId = sessionUser(db, token, Date.now());
    const user = userId ? getUser(db, userId) : null;
    const desktop = caller.desktop === true;
    if (caller.trusted) return { userId: user?.id ?? null, role: 'admin', sessionToken: token, desktop };
    if (user && !user.disabled) return { userId: user.id, role: user.role, sessionToken: token, desktop };
    if (projectMode(db) === 'open') return { userId: null, role: 'admin', sessionToken: token, desktop };
    return { userId: null, role: null, sessionToken: token, desktop };
  }

  function acting(who: Who) {
    return { userId: who.userId, role: who.role ?? 'annotator' };
  }

  async function call<M extends MethodName>(
    method: M,
    request: unknown,
    caller: Caller = options.defaultCaller ?? LOCAL_CALLER,
  ): Promise<Envelope<ResponseOf<M>>> {
    const spec = methods[method];
    // Who may call comes first: a caller without access learns nothing, not even what a request looks like.
    const who = resolveCaller(caller);
    const access = METHOD_ACCESS[method];
    if (!allowed(access, who.role)) {
      return who.role === null
        ? fail('unauthenticated', 'Sign in first.')
        : fail(
            'forbidden',
            `${method} is for ${(access as readonly string[]).map((r) => `${r}s`).join(' or ')}; you are signed in as an ${who.role}.`,
          );
    }
    const parsed = spec.request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // An unknown field is pointed at by its own name, not by the object that holds it.
      const path = issue
        ? [...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])]
        : [];
      const where = path.length > 0 ? path.join('.') : undefined;
      return fail(
        'invalid_request',
        `Invalid request for ${method}: ${issue?.message ?? 'malformed'}`,
        where,
      );
    }
    try {
      const handler = handlers[method] as (r: unknown, w: Who) => Promise<unknown> | unknown;
      const value = await handler(parsed.data, who);
      return ok(spec.response.parse(value) as ResponseOf<M>);
    } catch (err) {
      if (err instanceof AmeliaError) return { ok: false, error: err.toApiError() };
      console.error(`amelia: ${method} failed:`, err);
      return fail('internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  if (options.runJobs ?? true) jobs.start();

  return {
    project,
    binaries: ctx.binaries,
    layout,
    jobs,
    call,
    callByName: (method, request, caller) =>
      isMethodName(method)
        ? (call(method, request, caller) as Promise<Envelope<unknown>>)
        : Promise.resolve(fail('unknown_method', `No method "${method}".`)),
    on: (listener) => hub.on(listener),
    permit(caller, what) {
      const who = resolveCaller(caller);
      if (who.role === null) return { code: 'unauthenticated', message: 'Sign in first.' };
      switch (what.kind) {
        case 'events':
          return null;
        case 'media':
          return canSeeVideo(db, acting(who), what.videoId)
            ? null
            : { code: 'forbidden', message: 'This video is not assigned to you.' };
        case 'upload':
          return allowed(METHOD_ACCESS['videos.import'], who.role)
            ? null
            : { code: 'forbidden', message: 'Importing videos is for experts and admins.' };
      }
    },
    mediaFile(videoId, file) {
      const v = getVideo(db, videoId);
      if (!v) return null;
      const dir = derivedDir(layout, videoId);
      let path: string;
      let contentType: string;
      switch (file.kind) {
        case 'source':
          path = v.sourcePath;
          contentType =
            CONTENT_TYPES[v.sourcePath.slice(v.sourcePath.lastIndexOf('.')).toLowerCase()] ??
            'application/octet-stream';
          break;
        case 'proxy':
          if (v.proxyState !== 'ready') return null;
          path = join(dir, PROXY_FILE);
          contentType = 'video/mp4';
          break;
        case 'poster':
          path = join(dir, POSTER_FILE);
          contentType = 'image/jpeg';
          break;
        case 'thumb':
          if (file.index >= v.thumbnailFrames.length) return null;
          path = join(dir, THUMBS_DIR, `${file.index}.jpg`);
          contentType = 'image/jpeg';
          break;
      }
      if (!existsSync(path)) return null;
      return { path, contentType, size: statSync(path).size };
    },
    async uploadDir() {
      const dir = join(ctx.staging, `upload-${randomUUID()}`);
      await mkdir(dir, { recursive: true });
      return dir;
    },
    async importUpload(tempPath, originalName, signal) {
      try {
        return await importPaths([tempPath], originalName, signal);
      } finally {
        await rm(tempPath, { force: true });
      }
    },
    async close() {
      await jobs.stop();
      await rm(ctx.staging, { recursive: true, force: true });
      db.close();
    },
  };
}
