import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, sep } from 'node:path';
import type { ExportOptions } from '../../../shared/contract/api';
import { exportOptionsSchema } from '../../../shared/contract/api';
import { AmeliaError } from '../../../shared/contract/envelope';
import { MANIFEST_FILE } from '../../../shared/dataset/manifest';
import type { TubePoses } from '../../../shared/domain/pose';
import type { EngineContext } from '../context';
import type { JobRunner } from '../jobs/jobQueue';
import { getFrameTimes } from '../store/videoRows';
import { avaLabelMap, avaRows } from './formats/ava';
import { datasetCard } from './formats/card';
import { clipGeometry } from './formats/clipGeometry';
import { clipPasses, cutClips } from './formats/clips';
import type { ClipSpec } from './formats/clips';
import { cocoFile } from './formats/coco';
import { cvatXml } from './formats/cvat';
import { buildManifest } from './formats/manifest';
import { writePickleFile } from './formats/pickle';
import { pysklDataset } from './formats/skeleton';
import { pathInside, safeName } from './names';
import {
  EXPORT_INFO_FILE,
  EXPORT_INFO_FORMAT,
  checkExportTarget,
  partialDir,
  replaceable,
  replacedDir,
} from './outputDir';
import type { ExportPlan, PlanTube, PlanVideo } from './plan';
import { buildExportPlan, summarisePlan, tubeFrames } from './plan';
import type { PoseReader } from './poseReader';

export interface ExportFile {
  path: string;
  bytes: number;
}

/** What a finished export job keeps as its result. */
export interface ExportResult extends Record<string, unknown> {
  outDir: string;
  formats: string[];
  videos: number;
  tubes: number;
  clips: number;
  tubesWithPoses: number;
  files: number;
  bytes: number;
  ms: number;
  warnings: string[];
}

function cancelledIf(signal: AbortSignal): void {
  if (signal.aborted) throw new AmeliaError('cancelled', 'cancelled');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A name for the dataset: the card's title, else the folder's name. */
function datasetName(options: ExportOptions, out: string): string {
  return options.card.title?.trim() || out.split(sep).pop() || 'dataset';
}

function videoLabel(v: PlanVideo, options: ExportOptions): string {
  if (!options.privacy.descriptiveFileNames) return v.key;
  const base = v.record.name.slice(0, v.record.name.length - extname(v.record.name).length);
  return `${v.key}_${safeName(base, 'video', 60)}`;
}

function clipPath(t: PlanTube, options: ExportOptions): string {
  const split = t.split ?? 'all';
  if (!options.privacy.descriptiveFileNames) return `clips/${split}/${t.key}.mp4`;
  const cls = t.cls ? safeName(t.cls.node.name, `class-${t.cls.index}`, 60) : 'unlabelled';
  return `clips/${split}/${cls}/${videoLabel(t.video, options)}_${t.key.slice(t.video.key.length + 1)}.mp4`;
}

/**
 * Moves a finished export into place. An existing folder is replaced only when overwriting was asked and
 * it is an earlier export (or empty): it is moved aside, the new one renamed in, then the old one removed.
 */
async function moveIntoPlace(temp: string, out: string, overwrite: boolean, jobId: string): Promise<void> {
  if (!existsSync(out)) {
    await rename(temp, out);
    return;
  }
  if (!overwrite)
    throw new AmeliaError(
      'conflict',
      `${out} appeared while the export ran; the export was not put in its place.`,
    );
  if (!replaceable(out))
    throw new AmeliaError(
      'forbidden',
      `${out} is not an amelia export: amelia replaces only its own exports.`,
    );
  const old = replacedDir(out, jobId);
  await rm(old, { recursive: true, force: true });
  await rename(out, old);
  try {
    await rename(temp, out);
  } catch (err) {
    await rename(old, out);
    throw err;
  }
  await rm(old, { recursive: true, force: true });
}

/**
 * The export job: decides everything first (the plan), writes every format into a hidden folder beside
 * the target, then renames it into place. Cancel or failure removes the hidden folder: a dataset folder
 * exists only complete. Safe to run again from the start (a crashed run's folder is cleared first).
 */
export function exportJobRunner(ctx: EngineContext, poses: PoseReader, generator: string): JobRunner {
  return async (job, { signal, progress }) => {
    const t0 = Date.now();
    const options = exportOptionsSchema.parse(job.payload);
    const out = checkExportTarget(options.outDir, options.overwrite, ctx.layout.dir);
    const plan = buildExportPlan(ctx.db, options, poses);
    const temp = partialDir(out, job.id);
    await rm(temp, { recursive: true, force: true });
    await mkdir(temp, { recursive: true });
    const files: ExportFile[] = [];
    const write = async (rel: string, data: string | Buffer) => {
      const abs = pathInside(temp, rel);
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, data);
      files.push({ path: rel, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length });
    };
    try {
      const result = await writeExport(
        ctx,
        { poses, generator },
        plan,
        temp,
        out,
        write,
        files,
        signal,
        progress,
      );
      cancelledIf(signal);
      await moveIntoPlace(temp, out, options.overwrite, job.id);
      return { ...result, ms: Date.now() - t0 };
    } catch (err) {
      await rm(temp, { recursive: true, force: true });
      throw err;
    }
  };
}

async function writeExport(
  ctx: EngineContext,
  deps: { poses: PoseReader; generator: string },
  plan: ExportPlan,
  temp: string,
  out: string,
  write: (rel: string, data: string | Buffer) => Promise<void>,
  files: ExportFile[],
  signal: AbortSignal,
  progress: (done: number, total?: number) => void,
): Promise<ExportResult> {
  const options = plan.options;
  const formats = new Set(options.formats);
  const generator = deps.generator;
  const createdAt = ctx.now().toISOString();
  const name = datasetName(options, out);
  const tubes = plan.tubes;
  const clipFrames = formats.has('clips') ? tubes.reduce((s, t) => s + tubeFrames(t), 0) : 0;
  const perTube = [...formats].filter((f) => f !== 'clips' && f !== 'card').length;
  const total = clipFrames + tubes.length * perTube + 2;
  let done = 0;
  const step = (n = 1) => {
    done += n;
    progress(done, total);
  };
  progress(0, total);

  // Clips first: the longest part, and the manifest lists their files.
  let clips = 0;
  if (formats.has('clips')) {
    const tubeOf = new Map<ClipSpec, PlanTube>();
    for (const t of tubes) {
      const r = t.video.record;
      const spec: ClipSpec = {
        src: r.sourcePath,
        streamIndex: r.streamIndex,
        rateText: r.rateText,
        start: t.segment.startFrame,
        end: t.segment.endFrame,
        geometry: clipGeometry(
          t.segment.keyframes,
          t.segment.startFrame,
          t.segment.endFrame,
          r.width,
          r.height,
          options.clips,
        ),
        crf: options.clips.crf,
        out: pathInside(temp, clipPath(t, options)),
      };
      tubeOf.set(spec, t);
    }
    for (const pass of clipPasses([...tubeOf.keys()])) {
      cancelledIf(signal);
      const before = done;
      for (const spec of pass) await mkdir(dirname(spec.out), { recursive: true });
      const video = (tubeOf.get(pass[0] as ClipSpec) as PlanTube).video.record;
      const times = getFrameTimes(ctx.db, video.id);
      await cutClips(
        ctx.binaries.ffmpeg,
        ctx.binaries.ffprobe.path,
        pass,
        (frames) => {
          done = before + frames;
          progress(done, total);
        },
        signal,
        // A pass far into a long recording starts at a proved seek rather than at frame 0.
        times ? { times, firstFrameOffsetSec: video.firstFrameOffsetSec } : null,
      );
      for (const spec of pass) {
        const t = tubeOf.get(spec) as PlanTube;
        const rel = clipPath(t, options);
        files.push({ path: rel, bytes: (await stat(spec.out)).size });
        t.files.clips = rel;
        clips++;
      }
    }
  }

  // Poses of the tubes that have current ones.
  const poseOf = new Map<PlanTube, TubePoses>();
  if (formats.has('pyskl') || formats.has('coco')) {
    for (const t of tubes) {
      cancelledIf(signal);
      if (!t.poses || t.poses.stale) continue;
      const p = await deps.poses.read(t.segment.id);
      if (p) poseOf.set(t, p);
    }
  }

  const labelMap = plan.classes.map((c) => c.node.name.replace(/\s*\r?\n\s*/g, ' ')).join('\n') + '\n';
  if (formats.has('pyskl')) {
    const entries = tubes
      .filter((t) => t.cls !== null && poseOf.has(t))
      .map((t) => ({ tube: t, poses: poseOf.get(t) as TubePoses }));
    for (const variant of options.skeletons) {
      cancelledIf(signal);
      const rel = `skeleton/pyskl_${variant}.pkl`;
      const abs = pathInside(temp, rel);
      await mkdir(dirname(abs), { recursive: true });
      const bytes = writePickleFile(
        abs,
        pysklDataset(
          entries,
          plan.parts.map((p) => p.name),
          variant,
        ),
      );
      files.push({ path: rel, bytes });
      for (const e of entries) e.tube.files[`pyskl-${variant}`] = rel;
    }
    await write('skeleton/label_map.txt', labelMap);
    step(tubes.length);
  }

  if (formats.has('coco')) {
    for (const p of plan.parts) {
      cancelledIf(signal);
      const inSplit = tubes.filter((t) => t.split === p.name);
      if (inSplit.length === 0) continue;
      const rel = `coco/keypoints_${p.name}.json`;
      const coco = cocoFile(
        inSplit.map((t) => ({ tube: t, poses: poseOf.get(t) ?? null })),
        plan.classes,
        {
          description: name,
          version: '1',
          date: createdAt,
          licence: options.card.licence?.trim() || 'see README.md',
        },
      );
      await write(rel, JSON.stringify(coco));
      for (const t of inSplit) t.files.coco = rel;
      step(inSplit.length);
    }
  }

  if (formats.has('cvat')) {
    for (const v of plan.videos) {
      cancelledIf(signal);
      const vt = tubes.filter((t) => t.video === v);
      const rel = `cvat/${videoLabel(v, options)}.xml`;
      await write(
        rel,
        cvatXml(v, vt, plan.classes, {
          labelsAs: options.cvatLabels,
          sourceName: options.privacy.includeNames ? v.record.name : v.key,
          created: createdAt,
        }),
      );
      for (const t of vt) t.files.cvat = rel;
      step(vt.length);
    }
  }

  if (formats.has('ava')) {
    for (const p of plan.parts) {
      cancelledIf(signal);
      const rows: string[] = [];
      const inSplit = tubes.filter((t) => t.split === p.name && t.cls !== null);
      if (inSplit.length === 0) continue;
      const rel = `ava/${p.name}.csv`;
      for (const t of inSplit) {
        const times = getFrameTimes(ctx.db, t.video.record.id);
        if (!times) throw new AmeliaError('not_found', 'A video of the export was removed while it ran.');
        rows.push(...avaRows(t, times, videoLabel(t.video, options)));
        t.files.ava = rel;
      }
      await write(rel, rows.join('\n') + (rows.length > 0 ? '\n' : ''));
      step(inSplit.length);
    }
    await write('ava/label_map.pbtxt', avaLabelMap(plan.classes));
  }

  if (formats.has('manifest')) {
    cancelledIf(signal);
    const manifest = buildManifest(plan, { name, createdAt, generator });
    await write(MANIFEST_FILE, JSON.stringify(manifest, null, 1) + '\n');
    step(tubes.length);
  }

  if (formats.has('card')) {
    cancelledIf(signal);
    await write('README.md', datasetCard(plan, { name, createdAt, generator, files: [...files] }));
  }
  step();

  // export.json: what was asked, what came out, and every file with its checksum.
  cancelledIf(signal);
  const listed = [];
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    cancelledIf(signal);
    listed.push({ ...f, sha256: await sha256Of(pathInside(temp, f.path)) });
  }
  const { outDir: _outDir, ...asked } = options;
  const summary = summarisePlan(plan);
  await write(
    EXPORT_INFO_FILE,
    JSON.stringify(
      {
        format: EXPORT_INFO_FORMAT,
        formatVersion: 1,
        name,
        createdAt,
        generator,
        options: asked,
        summary: { ...summary, tubesWithPoses: poseOf.size },
        files: listed,
      },
      null,
      1,
    ) + '\n',
  );
  step();
  return {
    outDir: out,
    formats: options.formats,
    videos: plan.videos.length,
    tubes: tubes.length,
    clips,
    tubesWithPoses: poseOf.size,
    files: files.length,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    ms: 0,
    warnings: plan.warnings,
  };
}
