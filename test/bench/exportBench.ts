// npm run bench:export — export all of ../shared/data/upfall in every format, with poses, and say how long it
// took and how big it is. Each clip is imported and gets one whole-clip tube of its subject, labelled from
// its activity through the taxonomy's `upfall` mapping. Prints a table, then one JSON line with the figures.
//
// Poses: `--extract [--model lite|full|heavy]` runs the real pose job (BlazePose, every tube, timed on its
// own) and exports the stored poses; `--project DIR` keeps the project, so a second run reuses its videos,
// tubes and poses. Without `--extract` the poses are made up (test data of the real shape: 33 keypoints a
// frame, image and world coordinates) to measure the pose formats at their real size in seconds;
// `--no-poses` exports with no poses. The output says which.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createEngine } from '../../electron/engine/engine';
import type { PoseReader } from '../../electron/engine/export/poseReader';
import type { TubePoses } from '../../shared/domain/pose';
import defaultTaxonomy from '../../resources/taxonomy/assisted-living.json';
import { madeUpPoses } from '../support/madeUpPoses';

// Beside the checkout, from test/bench as from out/main (the same depth). Not the shared test helper, whose
// module a second bench would turn into a chunk one folder deeper.
const DATA = process.env.AMELIA_DATA ?? resolve(import.meta.dirname, '../../../shared/data');
const UPFALL = join(DATA, 'upfall');
const extract = process.argv.includes('--extract');
const synthetic = !extract && !process.argv.includes('--no-poses');
const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const keptProject = argValue('--project');
const poseModel = argValue('--model') ?? 'full';

function clips(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.mp4')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function sizeOf(path: string): { files: number; bytes: number } {
  const st = statSync(path);
  if (!st.isDirectory()) return { files: 1, bytes: st.size };
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(path)) {
    const s = sizeOf(join(path, e));
    files += s.files;
    bytes += s.bytes;
  }
  return { files, bytes };
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2);
}

async function main(): Promise<void> {
  if (!existsSync(UPFALL)) throw new Error(`No UP-Fall clips at ${UPFALL} (set AMELIA_DATA).`);
  const dir = mkdtempSync(join(tmpdir(), 'amelia-bench-export-'));
  const projectDir = keptProject ? resolve(keptProject) : join(dir, 'project');
  if (poseModel !== 'lite' && poseModel !== 'full' && poseModel !== 'heavy')
    throw new Error(`--model is lite, full or heavy, not ${poseModel}`);
  const made = new Map<string, TubePoses>();
  const poses: PoseReader = {
    summary: (id) => {
      const p = made.get(id);
      if (!p) return null;
      const { keypointCount: _k, present: _p, score: _s, image: _i, world: _w, crops: _c, ...summary } = p;
      return { ...summary, stale: false };
    },
    read: (id) => made.get(id) ?? null,
  };
  const engine = await createEngine({
    projectDir,
    runJobs: false,
    ...(synthetic ? { poses } : {}),
  });
  const mapping = defaultTaxonomy.mappings.upfall as Record<string, string>;
  try {
    const t0 = performance.now();
    let frames = 0;
    const files = clips(UPFALL);
    const segmentIds: string[] = [];
    const known = await engine.call('videos.list', {});
    const reuse = known.ok && known.value.length === files.length;
    if (reuse && known.ok) {
      for (const v of known.value) {
        frames += v.frameCount;
        const segs = await engine.call('segments.list', { videoId: v.id });
        for (const x of segs.ok ? segs.value : []) {
          segmentIds.push(x.id);
          if (synthetic) made.set(x.id, madeUpPoses(x.id, v.id, x.startFrame, x.endFrame - x.startFrame + 1));
        }
      }
    }
    for (const clip of reuse ? [] : files) {
      const m = /Activity(\d+)[\\/]Subject(\d+)[\\/]/.exec(clip);
      if (!m) throw new Error(`${clip}: no activity and subject in the path`);
      const r = await engine.call('videos.import', { paths: [clip] });
      if (!r.ok || !r.value.imported[0])
        throw new Error(`${clip}: ${r.ok ? JSON.stringify(r.value) : r.error.message}`);
      const v = r.value.imported[0];
      const actor = await engine.call('actors.create', {
        clientId: 'bench',
        videoId: v.id,
        name: `Subject${m[2]}`,
      });
      if (!actor.ok) throw new Error(actor.error.message);
      const seg = await engine.call('segments.create', {
        clientId: 'bench',
        videoId: v.id,
        actorId: actor.value.id,
        startFrame: 0,
        endFrame: v.frameCount - 1,
        labelNodeId: mapping[m[1] as string] ?? null,
      });
      if (!seg.ok) throw new Error(seg.error.message);
      segmentIds.push(seg.value.id);
      if (synthetic) made.set(seg.value.id, madeUpPoses(seg.value.id, v.id, 0, v.frameCount));
      frames += v.frameCount;
    }
    const importMs = performance.now() - t0;
    // The import queued proxies and thumbnails: the bench measures the export alone.
    const queued = await engine.call('jobs.list', {});
    if (queued.ok)
      for (const j of queued.value.filter((x) => x.state === 'queued'))
        await engine.call('jobs.cancel', { jobId: j.id });

    let posesMs = 0;
    if (extract) {
      const p0 = performance.now();
      const pj = await engine.call('poses.extract', { segmentIds, model: poseModel, onlyMissing: true });
      if (!pj.ok) throw new Error(pj.error.message);
      engine.jobs.start();
      let last = 0;
      const timer = setInterval(() => {
        void engine.call('jobs.list', {}).then((l) => {
          const j = l.ok ? l.value.find((x) => x.id === pj.value.id) : undefined;
          if (j && j.done !== last) {
            last = j.done;
            process.stderr.write(`poses: ${j.done}/${j.total} ${j.unit}\n`);
          }
        });
      }, 30_000);
      await engine.jobs.whenIdle([pj.value.id]);
      clearInterval(timer);
      const l = await engine.call('jobs.list', {});
      const pdone = l.ok ? l.value.find((x) => x.id === pj.value.id) : undefined;
      if (!pdone || pdone.state !== 'done')
        throw new Error(`pose extraction did not finish: ${pdone?.state} ${pdone?.error ?? ''}`);
      posesMs = performance.now() - p0;
    }

    const out = join(dir, 'upfall-dataset');
    const t1 = performance.now();
    const job = await engine.call('exports.start', {
      outDir: out,
      card: { title: 'UP-Fall subject 1 (bench)' },
    });
    if (!job.ok) throw new Error(job.error.message);
    engine.jobs.start();
    await engine.jobs.whenIdle([job.value.id]);
    const exportMs = performance.now() - t1;
    const list = await engine.call('jobs.list', {});
    const done = list.ok ? list.value.find((j) => j.id === job.value.id) : undefined;
    if (!done || done.state !== 'done')
      throw new Error(`the export did not finish: ${done?.state} ${done?.error ?? ''}`);

    const withPoses = typeof done.result?.tubesWithPoses === 'number' ? done.result.tubesWithPoses : 0;
    const parts = readdirSync(out)
      .sort()
      .map((name) => ({ name, ...sizeOf(join(out, name)) }));
    const total = sizeOf(out);
    const w = Math.max(...parts.map((p) => p.name.length), 'total'.length);
    console.log(
      `UP-Fall: ${files.length} clips, ${frames} frames, imported and annotated in ${(importMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `poses: ${
        extract
          ? `extracted (BlazePose ${poseModel}) in ${(posesMs / 1000).toFixed(0)} s, ${(frames / (posesMs / 1000)).toFixed(1)} frames/s${posesMs < 1000 ? ' (kept from an earlier run)' : ''}`
          : synthetic
            ? 'made up (33 keypoints a frame, the real shape)'
            : 'none'
      }`,
    );
    console.log(`tubes with poses in the export: ${withPoses} of ${segmentIds.length}`);
    console.log(`${'part'.padEnd(w)}  files        MiB`);
    for (const p of parts)
      console.log(`${p.name.padEnd(w)}  ${String(p.files).padStart(5)}  ${mib(p.bytes).padStart(9)}`);
    console.log(`${'total'.padEnd(w)}  ${String(total.files).padStart(5)}  ${mib(total.bytes).padStart(9)}`);
    console.log(
      `\nexport of ${relative(DATA, UPFALL)} in every format: ${(exportMs / 1000).toFixed(1)} s (${(frames / (exportMs / 1000)).toFixed(0)} frames/s), ${mib(total.bytes)} MiB`,
    );
    console.log(
      JSON.stringify({
        bench: 'export',
        ffmpeg: engine.binaries.ffmpeg.version,
        clips: files.length,
        frames,
        poses: extract ? `blazepose-${poseModel}` : synthetic ? 'made-up' : 'none',
        posesMs: Math.round(posesMs),
        tubes: segmentIds.length,
        tubesWithPoses: withPoses,
        formats: 'all',
        importAndAnnotateMs: Math.round(importMs),
        exportMs: Math.round(exportMs),
        exportFramesPerSec: Number((frames / (exportMs / 1000)).toFixed(1)),
        bytes: total.bytes,
        files: total.files,
        parts: Object.fromEntries(parts.map((p) => [p.name, { files: p.files, bytes: p.bytes }])),
      }),
    );
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
    if (!keptProject) rmSync(projectDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
