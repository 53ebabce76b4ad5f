import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../shared/contract/methods/imports';
import {
  mappingCounts,
  mergeMapping,
  needsVideo,
} from '../../../../renderer/src/features/annotationImport/mapping';

function preview(
  labels: { label: string; tubes: number; nodeId?: string; proposal?: string }[],
): ImportPreview {
  return {
    format: 'cvat-video',
    fileName: 'a.xml',
    sources: [],
    source: null,
    videos: [],
    labels: labels.map((l) => ({
      label: l.label,
      display: l.label,
      tubes: l.tubes,
      nodeId: l.nodeId ?? null,
      mappedTo: l.nodeId ?? null,
      proposal: l.proposal ?? null,
      reason: '',
      needsMapping: l.nodeId === undefined,
    })),
    actors: 1,
    tubes: labels.reduce((s, l) => s + l.tubes, 0),
    keyframes: 0,
    warnings: [],
  };
}

describe('the mapping of an imported file’s labels', () => {
  it('starts each label on the node it matches, else its proposal, else on nothing', () => {
    const p = preview([
      { label: 'walk', tubes: 2, nodeId: 'walk' },
      { label: 'Sturz', tubes: 1, proposal: 'fall' },
      { label: 'xyz', tubes: 4 },
    ]);
    const m = mergeMapping(p, {});
    expect(m).toEqual({ walk: 'walk', Sturz: 'fall', xyz: null });
    expect(mappingCounts(p, m)).toEqual({ taken: 3, leftOut: 4 });
  });

  it('keeps choices made across previews, including leaving a label out, and drops labels gone', () => {
    const p = preview([
      { label: 'walk', tubes: 2, nodeId: 'walk' },
      { label: 'Sturz', tubes: 1, proposal: 'fall' },
    ]);
    const m = mergeMapping(p, { walk: null, Sturz: 'on-floor', gone: 'x' });
    expect(m).toEqual({ walk: null, Sturz: 'on-floor' });
    expect(mappingCounts(p, m)).toEqual({ taken: 1, leftOut: 2 });
  });

  it('asks for a video for every format but the manifest', () => {
    expect(needsVideo('manifest')).toBe(false);
    expect(needsVideo('cvat-video')).toBe(true);
    expect(needsVideo(null)).toBe(true);
  });
});
