import { createHash } from 'node:crypto';
import type { Segment } from '../../../shared/domain/annotation';
import { normaliseKeyframes } from '../../../shared/tracks/interpolate';

/**
 * A hash of what an extraction depends on in a tube: its frame range and its box keyframes (to a hundredth
 * of a pixel). When the segment's hash differs from the one stored with its poses, they are stale.
 */
export function trackHash(s: Pick<Segment, 'startFrame' | 'endFrame' | 'keyframes'>): string {
  const r = (v: number) => Math.round(v * 100) / 100;
  const parts = normaliseKeyframes(s.keyframes).map(
    (k) => `${k.frame}:${r(k.x)},${r(k.y)},${r(k.width)},${r(k.height)}${k.outside ? ':out' : ''}`,
  );
  return createHash('sha256')
    .update(`${s.startFrame}-${s.endFrame}|${parts.join(';')}`)
    .digest('hex')
    .slice(0, 32);
}
