import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { PreLabel } from '../../../shared/contract/methods/models';
import type { Actor } from '../../../shared/domain/annotation';
import { createActor } from '../annotation/actors';
import type { EditMeta } from '../annotation/editLog';
import { createSegment } from '../annotation/segments';
import type { NewSegment } from '../annotation/segments';
import { announceEdit } from '../api/announce';
import type { EngineContext } from '../context';
import { keyframesFromBoxes } from '../poses/simplifyTrack';
import { getActor, getSegment } from '../store/annotationRows';
import { readTrackData, tracksOfVideo } from '../store/poseRows';
import { getRun, markPreLabel, poseJobOfRun } from './inferJob';

/**
 * The fields a pre-label's tube is created with: it comes from a model, and how sure the model was. Which
 * model and run made it is in the run's predicted stretches (`inference_segments.segment_id`).
 */
export function preLabelFields(confidence: number): Pick<NewSegment, 'origin' | 'confidence'> {
  return { origin: 'model', confidence: Math.min(1, Math.max(0, confidence)) };
}

/**
 * Turns a run's predicted stretches into pre-labels: tubes labelled with the predicted situation, boxes from
 * the person's track, for annotators to confirm or correct. One actor per person of the run (reused when
 * the run made pre-labels before); least confident first; each tube is an undoable edit.
 */
export function makePreLabels(
  ctx: EngineContext,
  meta: () => EditMeta,
  runId: string,
  options: { maxConfidence?: number | undefined; limit?: number | undefined },
): { actors: Actor[]; preLabels: PreLabel[] } {
  const db: Database = ctx.db;
  const run = getRun(db, ctx.layout, runId);
  if (!run) throw new AmeliaError('not_found', `No inference run ${runId}.`, 'runId');
  const poseJob = poseJobOfRun(db, runId);
  const tracks = new Map(tracksOfVideo(db, run.videoId, poseJob ?? undefined).map((t) => [t.trackId, t]));
  const todo = run.segments
    .filter((s) => s.segmentId === null || getSegment(db, s.segmentId) === null)
    .filter((s) => options.maxConfidence === undefined || s.confidence <= options.maxConfidence)
    .sort((a, b) => a.confidence - b.confidence || a.person - b.person || a.seq - b.seq)
    .slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const actorOf = new Map<number, Actor>();
  for (const s of run.segments) {
    if (!s.segmentId || actorOf.has(s.person)) continue;
    const seg = getSegment(db, s.segmentId);
    const actor = seg ? getActor(db, seg.actorId) : null;
    if (actor) actorOf.set(s.person, actor);
  }
  const made: Actor[] = [];
  const preLabels: PreLabel[] = [];
  const boxesOf = new Map<number, ReturnType<typeof readTrackData>>();
  for (const s of todo) {
    let actor = actorOf.get(s.person);
    if (!actor) {
      const outcome = createActor(db, meta(), ctx.newId(), run.videoId);
      announceEdit(ctx, outcome.entry);
      actor = outcome.value;
      actorOf.set(s.person, actor);
      made.push(actor);
    }
    const track = tracks.get(s.person);
    if (track && !boxesOf.has(s.person)) boxesOf.set(s.person, readTrackData(db, track));
    const data = boxesOf.get(s.person);
    const from = track ? s.startFrame - track.startFrame : 0;
    const boxes = data
      ? data.boxes.slice(Math.max(0, from), Math.max(0, s.endFrame - (track?.startFrame ?? 0) + 1))
      : [];
    const fields = preLabelFields(s.confidence);
    const outcome = createSegment(db, meta(), ctx.newId(), {
      videoId: run.videoId,
      actorId: actor.id,
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      labelNodeId: s.nodeId,
      ...fields,
      keyframes: keyframesFromBoxes(Math.max(s.startFrame, track?.startFrame ?? s.startFrame), boxes),
    });
    announceEdit(ctx, outcome.entry);
    markPreLabel(db, runId, s.person, s.seq, outcome.value.id);
    preLabels.push({
      segmentId: outcome.value.id,
      actorId: actor.id,
      person: s.person,
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      nodeId: s.nodeId,
      confidence: s.confidence,
    });
  }
  ctx.emit('data.changed', { entity: 'prediction', ids: [runId], removed: false, videoId: run.videoId });
  return { actors: made, preLabels };
}
