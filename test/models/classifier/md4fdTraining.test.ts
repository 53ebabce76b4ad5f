import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stratifiedGroupSplit } from '../../../models/classifier/dataset/split';
import { parseMd4fd } from '../../../models/classifier/importers/md4fd';
import { prepareClassifierBackend } from '../../../models/classifier/node';
import { trainAndEvaluate } from '../../../models/classifier/pipeline';
import type { ClassInfo } from '../../../models/classifier/types';
import { dataPath } from '../../support/data';

const classes: ClassInfo[] = [
  { nodeId: 'daily-activity', name: 'Daily activity' },
  { nodeId: 'fall', name: 'Fall' },
];

function sequences() {
  const read = (file: string, fps: number) =>
    parseMd4fd(readFileSync(dataPath('md4fd-skeleton', file), 'utf8'), {
      source: file,
      fps,
      classOf: { 0: 0, 1: 1 },
    });
  return [...read('ur_fall_FALL.json', 30), ...read('le2i_home_01.json', 25)];
}

describe('training on the md4fd skeleton sequences', () => {
  beforeAll(async () => {
    await prepareClassifierBackend('wasm');
  });

  it('splits by recording (overlapping windows of one video stay together) and trains and scores a model', async () => {
    const seqs = sequences();
    const plan = stratifiedGroupSplit(
      seqs.map((s) => ({ group: s.recording, classCounts: s.label === 1 ? [0, 90] : [90, 0] })),
      2,
      { train: 0.6, validation: 0.2, test: 0.2 },
      1,
      classes.map((c) => c.name),
    );
    // No recording in two splits; both classes in every split (the daily activities are in 3 recordings).
    const splitOf = new Map<string, string>();
    seqs.forEach((s, i) => {
      expect(splitOf.get(s.recording) ?? plan.items[i]).toBe(plan.items[i]);
      splitOf.set(s.recording, plan.items[i] as string);
    });
    for (const split of ['train', 'validation', 'test'] as const)
      expect(plan.counts[split][0]).toBeGreaterThan(0);

    const r = await trainAndEvaluate(
      { classes, tracks: seqs.map((s) => s.track), splits: plan.items },
      { jointSet: 'md4fd11', epochs: 3, patience: 3, windowFrames: 40, strideFrames: 4 },
      { critical: [1] },
    );
    const test = r.test;
    if (!test) throw new Error('no test split');
    const confusionTotal = test.metrics.confusion.flat().reduce((a, b) => a + b, 0);
    expect(confusionTotal).toBe(test.windows);
    expect(test.metrics.perClass[0]?.support).toBeGreaterThan(0);
    expect(test.metrics.macroF1).toBeGreaterThanOrEqual(0);
    expect(test.events?.perClass[0]?.events).toBeGreaterThan(0);
    expect(r.history).toHaveLength(3);
    expect(r.model.config.jointSet).toBe('md4fd11');
  });
});
