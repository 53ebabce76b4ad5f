import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Actor, Segment } from '../../../shared/domain/annotation';
import type { PoseModel } from '../../../shared/domain/pose';
import { BackendUnavailableError } from '../../../models/pose/backends/choose';
import { validateConfig } from '../../../models/pose/config';
import { verifyWeights } from '../../../models/pose/weights/fileModelSource';
import { createActor } from '../annotation/actors';
import { requireVideoAccess } from '../annotation/permissions';
import { poseSummaryOf } from '../poses/storedPoses';
import type { EditMeta } from '../annotation/editLog';
import { requireVideo } from '../annotation/rules';
import { createSegment } from '../annotation/segments';
import type { EngineContext } from '../context';
import type { JobQueue } from '../jobs/jobQueue';
import type { PoseRuntime, PosesJobPayload } from '../poses/posesJob';
import { planBackend } from '../poses/posesJob';
import { keyframesFromBoxes } from '../poses/simplifyTrack';
import { trackHash } from '../poses/trackHash';
import { getSegment, listSegments } from '../store/annotationRows';
import {
  extractionsOfVideo,
  getExtraction,
  readExtractionData,
  readTrackData,
  setTrackSegment,
  tracksOfVideo,
  writeExtraction,
} from '../store/poseRows';
import { getJob } from '../store/jobRows';
import { listVideos } from '../store/videoRows';
import { usableTubes } from '../review/usableTubes';
import { announceEdit } from './announce';
import type { HandlerGroup } from './types';

type PoseMethod = `poses.${'backends' | 'extract' | 'summary' | 'get' | 'tracks' | 'tracksToActors'}`;

function segmentsFor(
  db: Database,
  segmentIds: readonly string[] | undefined,
  videoIds: readonly string[] | undefined,
): Segment[] {
  const out = new Map<string, Segment>();
  for (const id of segmentIds ?? []) {
    const s = getSegment(db, id);
    if (!s) throw new AmeliaError('not_found', `No segment ${id}: it may have been removed.`, 'segmentIds');
    out.set(s.id, s);
  }
  for (const v of videoIds ?? []) {
    requireVideo(db, v);
    for (const s of listSegments(db, v)) out.set(s.id, s);
  }
  return [...out.values()];
}

/** The tubes that feed training and export, of the videos named or of all. */
function usableTubesOf(db: Database, videoIds: readonly string[] | undefined): Segment[] {
  const ids = videoIds ?? listVideos(db).map((v) => v.id);
  return ids.flatMap((v) => {
    requireVideo(db, v);
    return usableTubes(db, v);
  });
}

/** Pose extraction: backends, the 'poses' job, reading poses back, and whole-video people into actors. */
export function poseHandlers(
  ctx: EngineContext,
  jobs: JobQueue,
  runtime: PoseRuntime,
): HandlerGroup<PoseMethod> {
  const { db } = ctx;
  return {
    'poses.backends': () => {
      const { choice, workers } = planBackend(runtime, { backend: 'auto', workers: 'auto' });
      let weightProblems: string[];
      try {
        weightProblems = verifyWeights();
      } catch (err) {
        weightProblems = [(err as Error).message];
      }
      return {
        chosen: choice.backend,
        reason: choice.reason,
        candidates: choice.candidates,
        workers,
        cores: runtime.cores(),
        weightProblems,
      };
    },

    'poses.extract': ({ segmentIds, videoIds, wholeVideo, model, backend, filter, onlyMissing, usable }) => {
      let config;
      try {
        config = validateConfig({
          ...(model ? { model } : {}),
          ...(backend ? { backend } : {}),
          ...(filter !== undefined ? { filter } : {}),
        });
        planBackend(runtime, config);
      } catch (err) {
        if (err instanceof BackendUnavailableError)
          throw new AmeliaError('invalid_request', err.message, 'backend');
        throw new AmeliaError('invalid_request', (err as Error).message);
      }
      let payload: PosesJobPayload;
      let total: number;
      let videoId: string | null;
      if (wholeVideo) {
        if (!videoIds || videoIds.length === 0 || (segmentIds && segmentIds.length > 0) || usable) {
          throw new AmeliaError(
            'invalid_request',
            'Whole-video extraction takes videoIds (and no segmentIds).',
            'videoIds',
          );
        }
        const videos = videoIds.map((v) => requireVideo(db, v));
        total = videos.reduce((n, v) => n + v.frameCount, 0);
        videoId = videos.length === 1 ? (videos[0]?.id ?? null) : null;
        payload = {
          mode: 'wholeVideo',
          segmentIds: [],
          videoIds: videos.map((v) => v.id),
          model: config.model,
          backend: config.backend,
          filter: config.filter,
          workers: 'auto',
        };
      } else {
        if (usable && segmentIds && segmentIds.length > 0) {
          throw new AmeliaError(
            'invalid_request',
            'usable picks the tubes itself: name videos (videoIds) or nothing, not segmentIds.',
            'segmentIds',
          );
        }
        let segments = usable ? usableTubesOf(db, videoIds) : segmentsFor(db, segmentIds, videoIds);
        if (usable && segments.length === 0) {
          throw new AmeliaError('invalid_request', 'No tube feeds training or export yet: label some first.');
        }
        if (onlyMissing) {
          segments = segments.filter((s) => {
            const prior = getExtraction(db, s.id, config.model);
            return !prior || prior.trackHash !== trackHash(s);
          });
        }
        if (segments.length === 0) {
          throw new AmeliaError(
            'invalid_request',
            usable
              ? 'Every tube that feeds training and export already has current poses of this model.'
              : onlyMissing
                ? 'Every tube named already has current poses of this model.'
                : 'Name at least one tube (segmentIds), or videos that have tubes (videoIds).',
            'segmentIds',
          );
        }
        total = segments.reduce((n, s) => n + s.endFrame - s.startFrame + 1, 0);
        const vids = new Set(segments.map((s) => s.videoId));
        videoId = vids.size === 1 ? ([...vids][0] ?? null) : null;
        payload = {
          mode: 'tubes',
          segmentIds: segments.map((s) => s.id),
          videoIds: [...vids],
          model: config.model,
          backend: config.backend,
          filter: config.filter,
          workers: 'auto',
        };
      }
      const job = jobs.enqueue({
        id: ctx.newId(),
        kind: 'poses',
        videoId,
        unit: 'frames',
        total,
        payload: { ...payload },
      });
      const { payload: _p, leaseOwner: _l, cancelRequested: _c, ...rest } = job;
      return rest;
    },

    'poses.summary': ({ videoId }, who) => {
      requireVideo(db, videoId);
      requireVideoAccess(db, { userId: who.userId, role: who.role ?? 'annotator' }, videoId);
      const segments = new Map(listSegments(db, videoId).map((s) => [s.id, s]));
      return extractionsOfVideo(db, videoId).map((r) => poseSummaryOf(r, segments.get(r.segmentId) ?? null));
    },

    'poses.get': ({ segmentId, model }, who) => {
      const rec = getExtraction(db, segmentId, model as PoseModel | undefined);
      if (rec) requireVideoAccess(db, { userId: who.userId, role: who.role ?? 'annotator' }, rec.videoId);
      if (!rec) {
        throw new AmeliaError(
          'not_found',
          `The tube ${segmentId} has no poses${model ? ` of ${model}` : ''} yet: extract them first.`,
          'segmentId',
        );
      }
      const data = readExtractionData(db, segmentId, rec.model) as Buffer;
      return {
        summary: poseSummaryOf(rec, getSegment(db, segmentId)),
        encoding: 'amelia-poses/1' as const,
        data: data.toString('base64'),
        frameWidth: rec.frameWidth,
        frameHeight: rec.frameHeight,
        cropMargin: rec.cropMargin,
      };
    },

    'poses.tracks': ({ videoId, jobId }, who) => {
      requireVideo(db, videoId);
      requireVideoAccess(db, { userId: who.userId, role: who.role ?? 'annotator' }, videoId);
      return tracksOfVideo(db, videoId, jobId).map((t) => ({
        jobId: t.jobId,
        videoId: t.videoId,
        trackId: t.trackId,
        startFrame: t.startFrame,
        frameCount: t.frameCount,
        meanScore: t.meanScore,
        framesWithPose: t.framesWithPose,
        meanVisibility: t.meanVisibility,
        model: t.model,
        segmentId: t.segmentId,
        createdAt: t.createdAt,
      }));
    },

    'poses.tracksToActors': ({ clientId, videoId, jobId }, caller) => {
      requireVideo(db, videoId);
      const job = getJob(db, jobId);
      if (!job || job.kind !== 'poses') throw new AmeliaError('not_found', `No pose job ${jobId}.`, 'jobId');
      const tracks = tracksOfVideo(db, videoId, jobId).filter((t) => t.segmentId === null);
      if (tracks.length === 0) {
        throw new AmeliaError(
          'invalid_request',
          `Job ${jobId} found no people in this video that are not actors already.`,
          'jobId',
        );
      }
      const meta = (): EditMeta => ({
        userId: caller.userId,
        role: caller.role ?? 'admin',
        clientId,
        at: ctx.now().toISOString(),
      });
      const actors: Actor[] = [];
      const segments: Segment[] = [];
      for (const t of tracks) {
        const data = readTrackData(db, t);
        if (!data) continue;
        const actorOutcome = createActor(db, meta(), ctx.newId(), videoId);
        announceEdit(ctx, actorOutcome.entry);
        const actor = actorOutcome.value;
        const segOutcome = createSegment(db, meta(), ctx.newId(), {
          videoId,
          actorId: actor.id,
          startFrame: t.startFrame,
          endFrame: t.startFrame + t.frameCount - 1,
          note: `Found by whole-video pose extraction (job ${jobId}, person ${t.trackId}).`,
          keyframes: keyframesFromBoxes(t.startFrame, data.boxes),
        });
        announceEdit(ctx, segOutcome.entry);
        const segment = segOutcome.value;
        // The poses were made on the track's own boxes, which the keyframes follow to within a few pixels.
        writeExtraction(
          db,
          {
            segmentId: segment.id,
            videoId,
            model: t.model,
            modelVersion: t.modelVersion,
            backend: t.backend,
            startFrame: t.startFrame,
            filtered: t.filtered,
            trackHash: trackHash(segment),
            cropMargin: t.cropMargin,
            frameWidth: t.frameWidth,
            frameHeight: t.frameHeight,
            jobId,
            extractedAt: t.createdAt,
          },
          data.arrays,
        );
        setTrackSegment(db, t, segment.id);
        actors.push(actor);
        segments.push(segment);
      }
      ctx.emit('data.changed', { entity: 'poses', ids: segments.map((s) => s.id), removed: false, videoId });
      return { actors, segments };
    },
  };
}
