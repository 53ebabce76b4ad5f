import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, parse, projectDirOf } from '../args';
import { printJson, table } from '../output';
import { runJobsWithProgress } from '../progress';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';
import { formatFps, formatTimecode } from '../../../shared/frames/frameTimes';
import { MAX_IMPORT_FILES } from '../../../shared/contract/api';

export const importCommand: Command = {
  name: 'import',
  summary: 'add video files to the project',
  usage: `Usage: amelia import [options] FILE...

Adds videos to the project. Each file is read with ffprobe (container, codec, size, rotation,
frame rate) and decoded once to count its frames and record when each is shown, so frame N
means the same image everywhere. Originals are never changed. Where a browser cannot play a
file (AVI, MPEG-4 Part 2, HEVC, MJPEG, 4:4:4 colour, variable frame rate, rotation) a playback
proxy is made with one frame per source frame; a poster and thumbnails are made for every video.
Files already in the project (same content) are reported as duplicates.

The command waits for the proxies and thumbnails, with progress on stderr; Ctrl-C cancels
them (the import itself stays). It exits with 1 if any file could not be imported.

Options:
      --no-wait      return after the import; the app or \`amelia jobs run\` makes proxies later
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, { 'no-wait': { type: 'boolean', default: false } }, true);
    if (positionals.length === 0) throw new UsageError('Name at least one video file to import.');
    if (positionals.length > MAX_IMPORT_FILES)
      throw new UsageError(`At most ${MAX_IMPORT_FILES} files at a time.`);
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const result = unwrap(await engine.call('videos.import', { paths: positionals }));
      const quiet = values.json === true;
      if (!quiet) {
        for (const v of result.imported) {
          process.stderr.write(
            `imported ${v.name}: ${v.frameCount} frames${v.proxyReason ? `; a proxy is needed (${v.proxyReason})` : ''}\n`,
          );
          for (const w of v.warnings) process.stderr.write(`  warning: ${w}\n`);
        }
        for (const d of result.duplicates)
          process.stderr.write(`already in the project: ${d.path} (video ${d.videoId})\n`);
      }
      // Failures go to stderr with --json too: stdout keeps the one JSON document.
      for (const f of result.failed) process.stderr.write(`amelia import: ${f.message}\n`);
      let jobs: { id: string; kind: string; videoId: string | null; state: string; error: string | null }[] =
        [];
      if (!values['no-wait'] && result.imported.length > 0) {
        const ids = new Set(result.imported.map((v) => v.id));
        const listed = unwrap(await engine.call('jobs.list', {})).filter(
          (j) => j.videoId !== null && ids.has(j.videoId),
        );
        const labels = new Map(result.imported.map((v) => [v.id, v.name]));
        jobs = await runJobsWithProgress(
          engine,
          listed.map((j) => j.id),
          labels,
          quiet,
        );
      }
      // The import's result, with the state the videos reached once their jobs ended.
      const videos = await Promise.all(
        result.imported.map(async (v) => unwrap(await engine.call('videos.get', { videoId: v.id }))),
      );
      const failedJobs = jobs.filter((j) => j.state === 'failed');
      if (values.json) {
        printJson({
          imported: videos.map((v) => ({
            id: v.id,
            path: v.sourcePath,
            name: v.name,
            frameCount: v.frameCount,
            fps: v.fps,
            width: v.width,
            height: v.height,
            durationSec: v.durationSec,
            variableFrameRate: v.variableFrameRate,
            rotation: v.rotation,
            codec: v.codec,
            proxyState: v.proxyState,
            proxyReason: v.proxyReason,
            warnings: v.warnings,
          })),
          duplicates: result.duplicates,
          failed: result.failed,
          jobs,
        });
      } else if (videos.length > 0) {
        process.stdout.write(
          table(
            ['id', 'path', 'frames', 'fps', 'size', 'duration', 'playback'],
            videos.map((v) => [
              v.id,
              v.sourcePath,
              String(v.frameCount),
              formatFps(v.fps) + (v.variableFrameRate ? ' (variable)' : ''),
              `${v.width}×${v.height}`,
              formatTimecode(v.durationSec),
              v.proxyState === 'not-needed' ? 'original' : `proxy ${v.proxyState}`,
            ]),
          ) + '\n',
        );
      }
      for (const j of failedJobs)
        process.stderr.write(`amelia import: ${j.kind} job failed: ${j.error ?? 'unknown error'}\n`);
      return result.failed.length > 0 || failedJobs.length > 0 ? 1 : 0;
    });
  },
};
