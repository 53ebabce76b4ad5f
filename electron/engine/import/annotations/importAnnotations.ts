import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { TubeState } from '../../../../shared/dataset/manifest';
import type { Database } from 'better-sqlite3';
import type {
  AnnotationImportResult,
  ImportFormat,
  ImportLabel,
  ImportPreview,
  ImportRequest,
} from '../../../../shared/contract/api';
import { MAX_ANNOTATION_FILE_BYTES } from '../../../../shared/contract/api';
import { AmeliaError } from '../../../../shared/contract/envelope';
import { findOverlap } from '../../../../shared/annotation/overlap';
import type { Actor, Segment, TrackKeyframe } from '../../../../shared/domain/annotation';
import { frameAtTime } from '../../../../shared/frames/frameTimes';
import { normaliseKeyframes } from '../../../../shared/tracks/interpolate';
import type { TaxonomyTree } from '../../../../shared/taxonomy/tree';
import { buildTree } from '../../../../shared/taxonomy/tree';
import type { EditMeta, EditOutcome } from '../../annotation/editLog';
import { applyEdit } from '../../annotation/editLog';
import { checkLabel, checkNoOverlap } from '../../annotation/rules';
import { actorColor, getActor, nextActorNumber, writeActor, writeSegment } from '../../store/annotationRows';
import { getTaxonomy, taxonomyDocument, taxonomyVersion } from '../../store/taxonomyRows';
import type { VideoRecord } from '../../store/videoRows';
import { findVideoByHash, getFrameTimes, getVideo } from '../../store/videoRows';
import { parseActivityNet } from './activitynet';
import { parseAva } from './ava';
import { parseCvat } from './cvat';
import type { LocatedJson } from './json';
import { parseJsonWithLines } from './json';
import { parseManifest } from './manifest';
import { resolveLabels } from './mapping';
import { refuseMd4fd } from './md4fd';
import type { ParsedFile, When } from './model';
import type { Place, Problem } from './problems';
import { fileError, placeText, problemsError } from './problems';
import { parseUrFall } from './urfall';

/** AVA's annotated part of each film starts 15 minutes in, and its timestamps count from the film's start. */
const AVA_FIRST_SECOND = 900;

export interface AnnotationFile {
  text: string;
  fileName: string;
}

/** The file's text, from a path (at most 64 MiB, a regular file) or as sent. */
export async function readAnnotationFile(
  req: Pick<ImportRequest, 'path' | 'text' | 'fileName'>,
): Promise<AnnotationFile> {
  if (req.text !== undefined) return { text: req.text, fileName: req.fileName ?? 'annotations' };
  const path = resolve(req.path as string);
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new AmeliaError('invalid_request', `${path} is not a file.`, 'path');
    size = st.size;
  } catch (err) {
    if (err instanceof AmeliaError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new AmeliaError('not_found', `No such file: ${path}`, 'path');
    throw new AmeliaError('forbidden', `Cannot read ${path}: ${(err as Error).message}`, 'path');
  }
  if (size > MAX_ANNOTATION_FILE_BYTES)
    throw new AmeliaError(
      'invalid_request',
      `${basename(path)} is larger than ${MAX_ANNOTATION_FILE_BYTES / 1024 / 1024} MiB.`,
      'path',
    );
  if (size === 0) throw new AmeliaError('invalid_request', `${basename(path)} is empty.`, 'path');
  return { text: await readFile(path, 'utf8'), fileName: req.fileName ?? basename(path) };
}

/** The format from the content (and, where the content says little, the file's extension). */
export function detectFormat(text: string, fileName: string): ImportFormat | 'json' {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return 'cvat-video';
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  const first = head.split(/\r?\n/, 1)[0] ?? '';
  const fields = first.split(',').map((f) => f.trim());
  // UR Fall: sequence, a whole frame number, a label of -1, 0 or 1 (then depth features).
  if (fields.length >= 3 && /^\d+$/.test(fields[1] ?? '') && /^-?[01]$/.test(fields[2] ?? ''))
    return 'urfall';
  // AVA: video, time, four coordinates from 0 to 1, action, person.
  if (
    (fields.length === 7 || fields.length === 8) &&
    fields.slice(2, 6).every((f) => /^\d*\.?\d+$/.test(f) && Number(f) <= 1)
  )
    return 'ava';
  if (fields.length >= 3 && /^[-+]?\d+$/.test(fields[1] ?? '')) return 'urfall';
  const ext = extname(fileName).toLowerCase();
  if (ext === '.xml') return 'cvat-video';
  if (ext === '.json') return 'json';
  throw fileError(
    fileName,
    { line: 1 },
    'amelia cannot tell what format this is: CVAT for video XML, ActivityNet JSON, AVA CSV, UR Fall CSV or an amelia manifest were expected.',
  );
}

/** Reads a file as the format says (or as found), refusing a malformed one with the place of the problem. */
export function parseAnnotationFile(
  file: AnnotationFile,
  format: ImportFormat | undefined,
  options: { labelAttribute?: string | undefined },
): ParsedFile {
  const found = format ?? detectFormat(file.text, file.fileName);
  const json = (): LocatedJson => parseJsonWithLines(file.text, file.fileName);
  switch (found) {
    case 'cvat-video':
      return parseCvat(file.text, file.fileName, options);
    case 'ava':
      return parseAva(file.text, file.fileName);
    case 'urfall':
      return parseUrFall(file.text, file.fileName);
    case 'activitynet':
      return parseActivityNet(json(), file.fileName);
    case 'manifest':
      return parseManifest(json(), file.fileName);
    case 'json': {
      const doc = json();
      if (Array.isArray(doc.value)) return refuseMd4fd(doc, file.fileName);
      const v = doc.value as Record<string, unknown> | null;
      if (v && typeof v === 'object' && v.format === 'amelia-dataset')
        return parseManifest(doc, file.fileName);
      if (v && typeof v === 'object' && v.format === 'amelia-taxonomy')
        throw fileError(
          file.fileName,
          { what: 'format' },
          'this is a taxonomy, not annotations: import it as a taxonomy.',
        );
      return parseActivityNet(doc, file.fileName);
    }
  }
}

interface TubePlan {
  videoId: string;
  actorRef: string;
  nodeId: string | null;
  startFrame: number;
  endFrame: number;
  keyframes: TrackKeyframe[];
  uncertain: boolean;
  note: string;
  labelUserId: string | null | undefined;
  labelAt: string | undefined;
  /** The review state the file gives (amelia's manifest), if any. */
  state: TubeState | undefined;
  place: Place;
}

interface ActorPlan {
  ref: string;
  videoId: string;
  /** An existing person the tubes go to; else a new one. */
  existing: Actor | null;
  name: string;
  color: string | null;
  order: number;
}

export interface ImportPlan {
  preview: ImportPreview;
  tubes: TubePlan[];
  actors: ActorPlan[];
  skipped: number;
  /** What stops a commit (unresolved videos or sources, unmapped labels, bad frames, overlaps). */
  blockers: { problems: Problem[]; message: string | null; where: string | null };
}

function whenText(w: When): string {
  return 'frame' in w ? `frame ${w.frame}` : `${w.sec} s`;
}

/** Guesses the file's source from the video's file name (UR Fall's `fall-01` in `fall-01-cam0.mp4`). */
function guessSource(sources: readonly string[], videoName: string | null): string | null {
  if (sources.length === 1) return sources[0] as string;
  if (!videoName) return null;
  const name = videoName.toLowerCase();
  const hits = sources.filter((s) => s.length >= 3 && name.includes(s.toLowerCase()));
  hits.sort((a, b) => b.length - a.length);
  if (hits.length === 0) return null;
  if (hits.length > 1 && (hits[0] as string).length === (hits[1] as string).length) return null;
  return hits[0] as string;
}

/**
 * Where every tube of a parsed file goes: its video, person, frames, boxes and node. Nothing is written;
 * whatever would stop the import is collected in `blockers`, naming the place in the file.
 */
export function planImport(db: Database, parsed: ParsedFile, req: ImportRequest): ImportPlan {
  const taxonomy = getTaxonomy(db);
  const tree = buildTree(taxonomy.nodes);
  const warnings = [...parsed.warnings];
  const problems: Problem[] = [];
  let blocker: { message: string; where: string } | null = null;
  const block = (message: string, where: string) => {
    blocker ??= { message, where };
  };

  // Sources and videos.
  const sourceKeys = parsed.sources.map((s) => s.key);
  const video = req.videoId ? getVideo(db, req.videoId) : null;
  if (req.videoId && !video)
    throw new AmeliaError('not_found', `No video ${req.videoId} in this project.`, 'videoId');
  if (req.source !== undefined && !sourceKeys.includes(req.source)) {
    throw new AmeliaError(
      'not_found',
      `${parsed.fileName} has no video or sequence "${req.source}"${sourceKeys.length ? ` (it has ${sourceKeys.slice(0, 8).join(', ')}${sourceKeys.length > 8 ? '…' : ''})` : ''}.`,
      'source',
    );
  }
  const videoOf = new Map<string, VideoRecord | null>();
  let source: string | null;
  if (parsed.multiVideo) {
    const taken = req.source !== undefined ? [req.source] : sourceKeys;
    for (const key of taken) {
      const s = parsed.sources.find((x) => x.key === key);
      let v: VideoRecord | null = null;
      if (video && taken.length === 1) {
        v = video;
        if (s?.contentHash && s.contentHash !== video.contentHash)
          warnings.push(
            `${key} was exported from another file than ${video.name} (the content differs); its tubes go on it as asked.`,
          );
      } else if (s?.contentHash) {
        const id = findVideoByHash(db, s.contentHash);
        v = id ? getVideo(db, id) : null;
      }
      videoOf.set(key, v);
    }
    source = req.source ?? null;
    const missing = [...videoOf.entries()].filter(([, v]) => v === null).map(([k]) => k);
    if (missing.length > 0) {
      const msg = `${missing.length} video${missing.length === 1 ? '' : 's'} of ${parsed.fileName} (${missing.slice(0, 6).join(', ')}${missing.length > 6 ? '…' : ''}) ${missing.length === 1 ? 'is' : 'are'} not in this project (none has the same content): import the video files first.`;
      warnings.push(msg);
      block(msg, 'videoId');
    }
  } else {
    source = req.source ?? guessSource(sourceKeys, video?.name ?? null);
    if (source === null && sourceKeys.length > 1) {
      const msg = `${parsed.fileName} holds ${sourceKeys.length} videos or sequences (${sourceKeys.slice(0, 8).join(', ')}${sourceKeys.length > 8 ? '…' : ''}): say which one with \`source\`.`;
      warnings.push(msg);
      block(msg, 'source');
    }
    if (!video) block('Name the video the annotations belong to (`videoId`).', 'videoId');
    if (source !== null) videoOf.set(source, video);
  }

  const chosen = parsed.tubes.filter((t) => videoOf.has(t.source));
  // The labels of the tubes taken (of every tube while no source is chosen).
  const inUse = new Set((videoOf.size > 0 ? chosen : parsed.tubes).map((t) => t.label));
  let labels: ImportLabel[] = resolveLabels(
    { ...parsed, labels: new Map([...parsed.labels].filter(([k]) => inUse.has(k))) },
    tree,
    taxonomyDocument(db).mappings,
    req.mapping,
    req.acceptProposals,
  );
  for (const k of Object.keys(req.mapping ?? {})) {
    if (!parsed.labels.has(k) && ![...parsed.labels.values()].some((l) => l.display === k))
      warnings.push(`The mapping names "${k}", which the file does not have.`);
  }
  const labelOf = new Map(labels.map((l) => [l.label, l]));
  const unmapped = labels.filter((l) => l.needsMapping);
  if (unmapped.length > 0) {
    block(
      `${unmapped.length} label${unmapped.length === 1 ? '' : 's'} of ${parsed.fileName} need${unmapped.length === 1 ? 's' : ''} a taxonomy node: ${unmapped
        .slice(0, 10)
        .map(
          (l) =>
            `"${l.label}"${l.display !== l.label ? ` (${l.display})` : ''}${l.proposal ? ` (proposed: ${l.proposal})` : ''}`,
        )
        .join(', ')}. Map each to a node, or to nothing to leave it out.`,
      'mapping',
    );
  }

  // Time offset: AVA files count from the film's start, where their annotated part is at 900 s.
  let offset = req.timeOffsetSec ?? 0;
  if (req.timeOffsetSec === undefined && parsed.format === 'ava' && chosen.length > 0) {
    const first = Math.min(...chosen.map((t) => ('sec' in t.start ? t.start.sec : Infinity)));
    const v = videoOf.get(chosen[0]?.source ?? '') ?? null;
    if (first >= AVA_FIRST_SECOND && (!v || v.durationSec < first)) {
      offset = AVA_FIRST_SECOND;
      warnings.push(
        `AVA times count from the film's start, and its annotated part starts at ${AVA_FIRST_SECOND} s: ${AVA_FIRST_SECOND} s is taken off every time (set timeOffsetSec to choose).`,
      );
    }
  }

  const tubes: TubePlan[] = [];
  const actors = new Map<string, ActorPlan>();
  let skipped = 0;
  let scaled = false;
  let clampedEnds = 0;
  const timesOf = new Map<string, Float64Array>();
  for (const t of chosen) {
    const v = videoOf.get(t.source) ?? null;
    const l = t.label === null ? null : labelOf.get(t.label);
    if (l && !l.needsMapping && l.mappedTo === null) {
      skipped++;
      continue;
    }
    if (!v) continue;
    let times = timesOf.get(v.id);
    if (!times) {
      times = getFrameTimes(db, v.id) ?? new Float64Array([0]);
      timesOf.set(v.id, times);
    }
    const last = v.frameCount - 1;
    const frameOf = (w: When, edge: 'start' | 'end' | 'at', place: Place): number | null => {
      if ('frame' in w) {
        if (w.frame > last) {
          problems.push({
            place,
            message: `frame ${w.frame} is past the last frame of ${v.name} (${last}).`,
          });
          return null;
        }
        return w.frame;
      }
      const s = w.sec - offset;
      if (s < 0) {
        problems.push({
          place,
          message: `${w.sec} s is before ${v.name} starts${offset ? ` (after taking off ${offset} s)` : ''}.`,
        });
        return null;
      }
      if (edge !== 'end' && s >= v.durationSec) {
        problems.push({
          place,
          message: `${w.sec} s is past the end of ${v.name} (${v.durationSec.toFixed(3)} s)${offset ? ` (after taking off ${offset} s)` : ''}.`,
        });
        return null;
      }
      // The end is a moment: the last frame starting before it.
      return edge === 'end'
        ? Math.min(last, frameAtTime(times as Float64Array, s - 0.001))
        : frameAtTime(times as Float64Array, s);
    };
    const start = frameOf(t.start, 'start', t.place);
    // A track that never leaves runs to the task's stop frame, which may lie past the video's end.
    const implicitPast = t.endImplicit === true && 'frame' in t.end && t.end.frame > last;
    if (implicitPast) clampedEnds++;
    let end = implicitPast ? last : frameOf(t.end, 'end', t.endPlace ?? t.place);
    if (start === null || end === null) continue;
    if (end < start) {
      if ('frame' in t.end) {
        problems.push({
          place: t.place,
          message: `the tube ends (${whenText(t.end)}) before it starts (${whenText(t.start)}).`,
        });
        continue;
      }
      end = start;
    }
    const size = t.frameSize ?? { width: v.width, height: v.height };
    const sx = t.units === 'normalised' ? v.width : v.width / size.width;
    const sy = t.units === 'normalised' ? v.height : v.height / size.height;
    if (t.units === 'pixels' && (size.width !== v.width || size.height !== v.height)) scaled = true;
    const keyframes: TrackKeyframe[] = [];
    for (const k of t.keyframes) {
      const f = frameOf(k.at, 'at', k.place);
      if (f === null) continue;
      if (f < start || f > end) continue;
      keyframes.push({
        frame: f,
        x: k.box.x * sx,
        y: k.box.y * sy,
        width: k.box.width * sx,
        height: k.box.height * sy,
        outside: k.outside,
      });
    }
    const actorRef =
      req.actorId && !parsed.multiVideo ? `existing:${req.actorId}` : `${t.source}\u0000${t.actor}`;
    if (!actors.has(actorRef)) {
      let existing: Actor | null = null;
      if (req.actorId && !parsed.multiVideo) {
        existing = getActor(db, req.actorId);
        if (!existing) throw new AmeliaError('not_found', `No person ${req.actorId}.`, 'actorId');
        if (existing.videoId !== v.id)
          throw new AmeliaError('invalid_request', 'That person belongs to another video.', 'actorId');
      }
      actors.set(actorRef, {
        ref: actorRef,
        videoId: v.id,
        existing,
        name: t.actorName ?? '',
        color: t.actorColor ?? null,
        order: t.actorNumber ?? actors.size + 1_000_000,
      });
    }
    tubes.push({
      videoId: v.id,
      actorRef,
      nodeId: l ? l.mappedTo : null,
      startFrame: start,
      endFrame: end,
      keyframes: normaliseKeyframes(keyframes),
      uncertain: t.uncertain,
      note: t.note,
      labelUserId: t.labelUserId,
      labelAt: t.labelAt,
      state: t.state,
      place: t.place,
    });
  }
  // A manifest keeps every person, also those without a tube in it.
  for (const a of parsed.actors ?? []) {
    const v = videoOf.get(a.source);
    const ref = `${a.source}\u0000${a.key}`;
    if (v && !actors.has(ref))
      actors.set(ref, {
        ref,
        videoId: v.id,
        existing: null,
        name: a.name ?? '',
        color: a.color,
        order: a.number,
      });
  }
  if (clampedEnds > 0)
    warnings.push(
      `${clampedEnds} track${clampedEnds === 1 ? '' : 's'} run to the task's stop frame, past the video's last frame: they end with the video.`,
    );
  if (scaled) warnings.push("The file's frame size differs from the video's: boxes are scaled to the video.");

  // The overlap rule among the imported tubes (with the labels as mapped).
  const byActor = new Map<string, TubePlan[]>();
  for (const t of tubes) byActor.set(t.actorRef, [...(byActor.get(t.actorRef) ?? []), t]);
  for (const list of byActor.values()) {
    const spans: {
      id: string;
      actorId: string;
      startFrame: number;
      endFrame: number;
      labelNodeId: string | null;
    }[] = [];
    list.forEach((t, i) => {
      const span = {
        id: String(i),
        actorId: 'a',
        startFrame: t.startFrame,
        endFrame: t.endFrame,
        labelNodeId: t.nodeId,
      };
      const other = findOverlap(spans, span, (id) => tree.levelOf(id));
      if (other) {
        const o = list[Number(other.id)] as TubePlan;
        problems.push({
          place: t.place,
          message: `this tube (frames ${t.startFrame}–${t.endFrame}) overlaps another of the same person on the same taxonomy level (frames ${o.startFrame}–${o.endFrame}, ${placeText(o.place)}), which amelia does not allow: map one of their labels to another level, or leave it out.`,
        });
      }
      spans.push(span);
    });
  }
  if (problems.length > 0) warnings.push(problemsError(parsed.fileName, problems).message);

  const countsBySource = new Map<string, number>();
  for (const t of parsed.tubes) countsBySource.set(t.source, (countsBySource.get(t.source) ?? 0) + 1);
  labels = labels.map((l) => ({
    ...l,
    tubes: chosen.filter((t) => t.label === l.label).length,
  }));
  const preview: ImportPreview = {
    format: parsed.format,
    fileName: parsed.fileName,
    sources: parsed.sources.map((s) => ({ key: s.key, tubes: countsBySource.get(s.key) ?? 0 })),
    source,
    videos: [...videoOf.entries()].map(([k, v]) => ({
      source: k,
      videoId: v?.id ?? null,
      name: v?.name ?? null,
    })),
    labels,
    actors: [...actors.values()].filter((a) => a.existing === null).length,
    tubes: tubes.length,
    keyframes: tubes.reduce((s, t) => s + t.keyframes.length, 0),
    warnings,
  };
  const b = blocker as { message: string; where: string } | null;
  return {
    preview,
    tubes,
    actors: [...actors.values()],
    skipped,
    blockers: { problems, message: b?.message ?? null, where: b?.where ?? null },
  };
}

function segmentSummary(plan: ImportPlan, fileName: string): string {
  return `Import ${plan.tubes.length} tube${plan.tubes.length === 1 ? '' : 's'} from ${fileName}`;
}

/**
 * Writes a planned import as one audited edit in one transaction: the new people, then the tubes, each
 * checked (label, range, the overlap rule) as any edit is. Any error undoes all of it; undo takes it all back.
 */
export function commitImport(
  db: Database,
  meta: EditMeta,
  plan: ImportPlan,
  fileName: string,
  newId: () => string,
  tree: TaxonomyTree = buildTree(getTaxonomy(db).nodes),
): EditOutcome<AnnotationImportResult> {
  if (plan.blockers.message !== null)
    throw new AmeliaError('invalid_request', plan.blockers.message, plan.blockers.where ?? undefined);
  if (plan.blockers.problems.length > 0) throw problemsError(fileName, plan.blockers.problems);
  const videoIds = [...new Set([...plan.tubes.map((t) => t.videoId), ...plan.actors.map((a) => a.videoId)])];
  return applyEdit(
    db,
    meta,
    'annotations.import',
    segmentSummary(plan, fileName),
    videoIds.length === 1 ? (videoIds[0] as string) : null,
    (t) => {
      const actorIds = new Map<string, string>();
      const created: string[] = [];
      for (const a of [...plan.actors].sort((x, y) => x.order - y.order)) {
        if (a.existing) {
          actorIds.set(a.ref, a.existing.id);
          continue;
        }
        const id = newId();
        const number = nextActorNumber(db, a.videoId);
        t.touch('actor', id);
        writeActor(db, {
          id,
          videoId: a.videoId,
          number,
          name: a.name.trim(),
          color: a.color ?? actorColor(number),
          createdAt: meta.at,
        });
        actorIds.set(a.ref, id);
        created.push(id);
      }
      const version = taxonomyVersion(db);
      const segmentIds: string[] = [];
      for (const p of plan.tubes) {
        const actorId = actorIds.get(p.actorRef) as string;
        if (p.nodeId !== null) checkLabel(db, p.nodeId);
        const id = newId();
        const segment: Segment = {
          id,
          videoId: p.videoId,
          actorId,
          startFrame: p.startFrame,
          endFrame: p.endFrame,
          label:
            p.nodeId === null
              ? null
              : {
                  nodeId: p.nodeId,
                  taxonomyVersion: version,
                  userId: p.labelUserId !== undefined ? p.labelUserId : meta.userId,
                  at: p.labelAt ?? meta.at,
                },
          uncertain: p.uncertain,
          note: p.note,
          keyframes: p.keyframes,
          ownerId: meta.userId,
          reviewState: p.state === 'final' ? 'final' : 'draft',
          origin: p.state === 'final' ? 'final' : 'import',
          confidence: null,
          revision: 1,
          updatedAt: meta.at,
        };
        try {
          checkNoOverlap(
            db,
            { id, actorId, startFrame: p.startFrame, endFrame: p.endFrame, labelNodeId: p.nodeId },
            tree,
          );
        } catch (err) {
          if (err instanceof AmeliaError)
            throw new AmeliaError(
              err.code,
              `${fileName}, ${placeText(p.place)}: ${err.message} Nothing was imported.`,
              `${fileName}: ${placeText(p.place)}`,
            );
          throw err;
        }
        t.touch('segment', id);
        writeSegment(db, segment);
        segmentIds.push(id);
      }
      return {
        format: plan.preview.format,
        videoIds,
        actorIds: created,
        segmentIds,
        skipped: plan.skipped,
        editId: null,
        warnings: plan.preview.warnings,
      };
    },
  );
}
