// npm run bench:export — export all of ../shared/data/upfall in every format, with poses, and say how long it
// took and how big it is. Each clip is imported and gets one whole-clip tube of its subject, labelled from
// its activity through the taxonomy's `upfall` mapping. Prints a table, then one JSON line with the figures.
//
// Pose extraction is not part of this version, so by default the poses are made up (test data of the real
// shape: 33 keypoints a frame, image and world coordinates) to measure the pose formats at their real size;
// `--no-poses` exports with the engine's own reader (no poses). The output says which.
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
const synthetic = !process.argv.includes('--no-poses');

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
    projectDir: join(dir, 'project'),
    runJobs: false,
    ...(synthetic ? { poses } : {}),
  });
  const mapping = defaultTaxonomy.mappings.upfall as Record<string, string>;
  try {
    const t0 = performance.now();
    let frames = 0;
    const files = clips(UPFALL);
    for (const clip of files) {
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
      if (synthetic) made.set(seg.value.id, madeUpPoses(seg.value.id, v.id, 0, v.frameCount));
      frames += v.frameCount;
    }
    const importMs = performance.now() - t0;
    // The import queued proxies and thumbnails: the bench measures the export alone.
    const queued = await engine.call('jobs.list', {});
    if (queued.ok)
      for (const j of queued.value.filter((x) => x.state === 'queued'))
        await engine.call('jobs.cancel', { jobId: j.id });

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

    const parts = readdirSync(out)
      .sort()
      .map((name) => ({ name, ...sizeOf(join(out, name)) }));
    const total = sizeOf(out);
    const w = Math.max(...parts.map((p) => p.name.length), 'total'.length);
    console.log(
      `UP-Fall: ${files.length} clips, ${frames} frames, imported and annotated in ${(importMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `poses: ${synthetic ? 'made up (pose extraction is not in this version): 33 keypoints a frame' : 'none'}`,
    );
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
        poses: synthetic ? 'made-up' : 'none',
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
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
