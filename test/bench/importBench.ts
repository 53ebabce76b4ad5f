// npm run bench:import — import time of every clip in ../shared/data, and proxy time of the 1080p AVI.
// Prints a table, then one JSON line with the figures.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { createEngine } from '../../electron/engine/engine';
import { DATA_DIR, allClips } from '../support/data';
import { median } from '../../shared/util/median';

const DATA = process.env.AMELIA_DATA ?? DATA_DIR;

async function main(): Promise<void> {
  if (!existsSync(DATA)) throw new Error(`No data at ${DATA} (set AMELIA_DATA).`);
  const dir = mkdtempSync(join(tmpdir(), 'amelia-bench-'));
  const engine = await createEngine({ projectDir: dir, runJobs: false });
  const rows: { clip: string; frames: number; size: string; ms: number; framesPerSec: number }[] = [];
  try {
    for (const clip of allClips(DATA)) {
      const t0 = performance.now();
      const r = await engine.call('videos.import', { paths: [clip] });
      const ms = performance.now() - t0;
      if (!r.ok || r.value.failed.length > 0) {
        throw new Error(`${clip}: ${r.ok ? JSON.stringify(r.value.failed) : r.error.message}`);
      }
      const v = r.value.imported[0];
      if (!v) {
        console.log(
          `(${relative(DATA, clip)} has the same content as a clip imported before: reported as a duplicate)`,
        );
        continue;
      }
      rows.push({
        clip: relative(DATA, clip),
        frames: v.frameCount,
        size: `${v.width}x${v.height}`,
        ms,
        framesPerSec: v.frameCount / (ms / 1000),
      });
    }
    // Proxy of the 1080p MPEG-4 Part 2 AVI.
    const avi = await engine.call('videos.list', {});
    if (!avi.ok) throw new Error(avi.error.message);
    const target = avi.value.find((v) => v.name === 'S001C001P001R001A043_rgb.avi');
    if (!target) throw new Error('the 1080p AVI is missing from the data');
    const jobs = await engine.call('jobs.list', {});
    if (!jobs.ok) throw new Error(jobs.error.message);
    const others = jobs.value.filter(
      (j) => j.state === 'queued' && !(j.videoId === target.id && j.kind === 'proxy'),
    );
    for (const j of others) await engine.call('jobs.cancel', { jobId: j.id });
    const proxyJob = jobs.value.find((j) => j.videoId === target.id && j.kind === 'proxy');
    if (!proxyJob) throw new Error('no proxy job for the AVI');
    const t0 = performance.now();
    engine.jobs.start();
    await engine.jobs.whenIdle([proxyJob.id]);
    const proxyMs = performance.now() - t0;
    const done = await engine.call('videos.get', { videoId: target.id });
    if (!done.ok || done.value.proxyState !== 'ready') throw new Error('the AVI proxy did not finish');

    const w = Math.max(...rows.map((r) => r.clip.length));
    console.log(`${'clip'.padEnd(w)}  frames  size        import ms  frames/s`);
    for (const r of rows) {
      console.log(
        `${r.clip.padEnd(w)}  ${String(r.frames).padStart(6)}  ${r.size.padEnd(10)}  ${r.ms.toFixed(0).padStart(9)}  ${r.framesPerSec.toFixed(0).padStart(8)}`,
      );
    }
    const total = rows.reduce((a, r) => a + r.ms, 0);
    console.log(
      `\n${rows.length} clips imported in ${(total / 1000).toFixed(1)} s (median ${median(rows.map((r) => r.ms)).toFixed(0)} ms a clip)`,
    );
    console.log(
      `proxy of ${basename(target.sourcePath)} (${target.width}x${target.height}, ${target.frameCount} frames): ${(proxyMs / 1000).toFixed(2)} s, ${(target.frameCount / (proxyMs / 1000)).toFixed(1)} frames/s`,
    );
    console.log(
      JSON.stringify({
        bench: 'import',
        ffmpeg: engine.binaries.ffmpeg.version,
        ffprobe: engine.binaries.ffprobe.version,
        clips: rows.length,
        importTotalMs: Math.round(total),
        importMedianMs: Math.round(median(rows.map((r) => r.ms))),
        importMaxMs: Math.round(Math.max(...rows.map((r) => r.ms))),
        perClipMs: Object.fromEntries(rows.map((r) => [r.clip, Math.round(r.ms)])),
        proxy1080pAviMs: Math.round(proxyMs),
        proxy1080pAviFramesPerSec: Number((target.frameCount / (proxyMs / 1000)).toFixed(1)),
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
