import { describe, expect, it } from 'vitest';
import { clipPasses } from '../../../../electron/engine/export/exportJob';

const tube = (id: string, sourcePath: string, startFrame: number, streamIndex = 0) => ({
  id,
  video: { record: { sourcePath, streamIndex } },
  segment: { startFrame },
});

describe('clipPasses', () => {
  it('cuts the tubes of one video stream together, in order of their first frame, at most eight a pass', () => {
    const tubes = [
      tube('b2', 'b.mp4', 50),
      ...Array.from({ length: 10 }, (_, i) => tube(`a${i}`, 'a.mp4', 100 - i * 10)),
      tube('b1', 'b.mp4', 5),
      tube('b-other-stream', 'b.mp4', 0, 1),
    ];
    const passes = clipPasses(tubes).map((p) => p.map((t) => t.id));
    expect(passes).toEqual([
      ['b1', 'b2'],
      ['a9', 'a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2'],
      ['a1', 'a0'],
      ['b-other-stream'],
    ]);
  });
});
