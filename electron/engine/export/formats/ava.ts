import { frameAtTime } from '../../../../shared/frames/frameTimes';
import { boxAt, clampBox, normaliseKeyframes } from '../../../../shared/tracks/interpolate';
import type { PlanClass, PlanTube } from '../plan';

const n3 = (v: number) => Math.min(1, Math.max(0, v)).toFixed(3);

/**
 * AVA-style rows of a tube: `video_id, timestamp, x1, y1, x2, y2, action_id, person_id`, one per whole
 * second of the video the tube covers (the frame shown at that second), the box normalised to 0–1, the
 * action the class index + 1 (AVA counts from 1), the person the actor's number. A tube that covers no
 * whole second gets one row at its middle frame, with the time to the millisecond. Frames where the
 * person is out of view have no row; a tube without boxes has the whole frame.
 */
export function avaRows(tube: PlanTube, times: ArrayLike<number>, videoId: string): string[] {
  if (!tube.cls) return [];
  const { startFrame: start, endFrame: end } = tube.segment;
  const W = tube.video.record.width;
  const H = tube.video.record.height;
  const kf = normaliseKeyframes(tube.segment.keyframes);
  const row = (f: number, stamp: string): string | null => {
    const at = boxAt(kf, f);
    if (at.kind === 'outside') return null;
    const b = at.box ? clampBox(at.box, W, H) : { x: 0, y: 0, width: W, height: H };
    if (!b) return null;
    return [
      videoId,
      stamp,
      n3(b.x / W),
      n3(b.y / H),
      n3((b.x + b.width) / W),
      n3((b.y + b.height) / H),
      String((tube.cls as PlanClass).index + 1),
      String(tube.actor.number),
    ].join(',');
  };
  const rows: string[] = [];
  const t0 = times[start] as number;
  const t1 = times[end] as number;
  for (let s = Math.ceil(t0 - 1e-9); s <= t1 + 1e-9; s++) {
    const f = frameAtTime(times, s);
    if (f < start || f > end) continue;
    const r = row(f, String(s));
    if (r) rows.push(r);
  }
  if (rows.length === 0 && Math.ceil(t0 - 1e-9) > t1 + 1e-9) {
    const mid = Math.floor((start + end) / 2);
    const r = row(mid, (times[mid] as number).toFixed(3));
    if (r) rows.push(r);
  }
  return rows;
}

/** AVA's label map (`label_map.pbtxt`): items with the name and the 1-based id. */
export function avaLabelMap(classes: readonly PlanClass[]): string {
  return classes
    .map(
      (c) =>
        `item {\n  name: "${c.node.name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n  id: ${c.index + 1}\n}\n`,
    )
    .join('');
}
