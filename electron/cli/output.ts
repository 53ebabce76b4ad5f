import { formatFps, formatTimecode } from '../../shared/frames/frameTimes';
import type { Job } from '../../shared/domain/job';
import type { Video } from '../../shared/domain/video';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function proxyText(v: Video): string {
  return v.proxyState === 'not-needed' ? 'original plays' : `proxy ${v.proxyState}`;
}

export function videoRows(videos: Video[]): string {
  return table(
    ['id', 'name', 'frames', 'fps', 'size', 'duration', 'playback'],
    videos.map((v) => [
      v.id.slice(0, 8),
      v.name,
      String(v.frameCount),
      formatFps(v.fps) + (v.variableFrameRate ? ' (variable)' : ''),
      `${v.width}×${v.height}`,
      formatTimecode(v.durationSec),
      proxyText(v),
    ]),
  );
}

export function jobLine(job: Job, label: string): string {
  const pct = job.total > 0 ? Math.floor((100 * job.done) / job.total) : 0;
  const rate = job.rate !== null ? `, ${job.rate.toFixed(1)} ${job.unit}/s` : '';
  const eta = job.etaSec !== null ? `, ${Math.ceil(job.etaSec)} s left` : '';
  const err = job.error && job.state !== 'cancelled' ? `: ${job.error}` : '';
  return `${job.kind} ${label}: ${job.state} ${job.done}/${job.total} ${job.unit} (${pct}%${rate}${eta})${err}`;
}

/** A word for a POSIX shell: as it is where it is safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * How to run a failed job again from the shell (it keeps what it saved), naming the project as the command
 * that ran it was given it.
 */
export function retryHint(jobId: string, project: string | undefined): string {
  const p = project === undefined ? '' : ` --project ${shellWord(project)}`;
  return `To run it again, keeping what it saved: amelia jobs retry ${jobId}${p} && amelia jobs run${p}`;
}
