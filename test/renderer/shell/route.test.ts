import { describe, expect, it } from 'vitest';
import type { Route } from '../../../renderer/src/features/shell/routePaths';
import { hrefOf, parseRoute } from '../../../renderer/src/features/shell/routePaths';

describe('hash routes', () => {
  it('reads back every route it writes', () => {
    const routes: Route[] = [
      { kind: 'library' },
      { kind: 'video', videoId: 'v1' },
      { kind: 'video', videoId: 'v1', frame: 30 },
      { kind: 'video', videoId: 'v1', frame: 0, segmentId: 'seg_2' },
      { kind: 'taxonomy' },
      { kind: 'people' },
      { kind: 'assignments' },
      { kind: 'work' },
      { kind: 'review' },
      { kind: 'reviewItem', itemId: 'item-7' },
      { kind: 'agreement' },
      { kind: 'models' },
    ];
    for (const r of routes) expect(parseRoute(hrefOf(r))).toEqual(r);
  });

  it('opens a video at a frame with a tube selected', () => {
    expect(hrefOf({ kind: 'video', videoId: 'v1', frame: 30, segmentId: 's1' })).toBe(
      '#/video/v1?frame=30&segment=s1',
    );
  });

  it('drops a frame or tube that is not one, and falls back to the library for unknown pages', () => {
    expect(parseRoute('#/video/v1?frame=-3&segment=../x')).toEqual({ kind: 'video', videoId: 'v1' });
    expect(parseRoute('#/video/v1?frame=1.5')).toEqual({ kind: 'video', videoId: 'v1' });
    expect(parseRoute('#/review/bad id')).toEqual({ kind: 'library' });
    expect(parseRoute('#/nowhere')).toEqual({ kind: 'library' });
    expect(parseRoute('')).toEqual({ kind: 'library' });
  });
});
