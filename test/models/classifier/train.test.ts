import { beforeAll, describe, expect, it } from 'vitest';
import { createSituationClassifier, ModelFileError } from '../../../models/classifier/classifier';
import { featuresOf } from '../../../models/classifier/dataset/windowSet';
import { prepareClassifierBackend, tensorCount } from '../../../models/classifier/node';
import { trainAndEvaluate } from '../../../models/classifier/pipeline';
import { dense, temporalConv, linear } from '../../../models/classifier/tf/layers';
import { tf } from '../../../models/classifier/tf/tfjs';
import { classWeightsOf, trainClassifier } from '../../../models/classifier/train';
import type { TrainingData } from '../../../models/classifier/train';
import type { ClassInfo, SplitName } from '../../../models/classifier/types';
import { prepareTrack, windowsOf } from '../../../models/classifier/windows';
import { createSeededRandom } from '../../../shared/classifier/seededRandom';
import { syntheticTrack } from '../../support/classifier';

const classes: ClassInfo[] = [
  { nodeId: 'locomotion', name: 'Locomotion' },
  { nodeId: 'fall', name: 'Fall' },
  { nodeId: 'on-floor', name: 'Down on the floor' },
];

/** Recordings of someone walking, then falling, then lying; some only walking. Nine recordings, 3 per split. */
function data(): TrainingData {
  const tracks = [];
  const splits: SplitName[] = [];
  for (let r = 0; r < 9; r++) {
    const falls = r % 3 !== 2;
    tracks.push(
      syntheticTrack({
        key: `rec-${r}`,
        frames: 60,
        seed: r + 1,
        origin: [200 + 20 * r, 380],
        scale: 0.8 + 0.05 * r,
        motions: falls
          ? [
              { motion: 'walk', frames: 24, label: 0 },
              { motion: 'fall', frames: 12, label: 1 },
              { motion: 'lie', frames: 24, label: 2 },
            ]
          : [{ motion: 'walk', frames: 60, label: 0 }],
      }),
    );
    splits.push(r < 5 ? 'train' : r < 7 ? 'validation' : 'test');
  }
  return { classes, tracks, splits };
}

const small = {
  windowFrames: 16,
  strideFrames: 2,
  evalStrideFrames: 2,
  batchSize: 16,
  tcnChannels: 16,
  gcnChannels: [8, 8],
};

describe('training', () => {
  beforeAll(async () => {
    await prepareClassifierBackend('wasm');
  });

  it('gives the same weights, curves and scores for the same seed', async () => {
    const run = async () => {
      const r = await trainClassifier(data(), { ...small, epochs: 3, seed: 5 });
      const saved = await r.classifier.save();
      r.classifier.dispose();
      return {
        weights: new Float32Array(saved.weights),
        history: r.history.map(({ seconds: _s, ...e }) => e),
      };
    };
    const a = await run();
    const b = await run();
    expect(b.history).toEqual(a.history);
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    const c = await trainClassifier(data(), { ...small, epochs: 1, seed: 6 });
    const cw = new Float32Array((await c.classifier.save()).weights);
    c.classifier.dispose();
    expect(Array.from(cw)).not.toEqual(Array.from(a.weights.slice(0, cw.length)));
  });

  it('leaves no tensor behind: training, scoring, saving and disposing', async () => {
    const before = tensorCount();
    for (const architecture of ['tcn', 'stgcn'] as const) {
      await trainAndEvaluate(data(), { ...small, architecture, epochs: 2 }, { critical: [1, 2] });
    }
    expect(tensorCount()).toBe(before);
  });

  it('learns to tell walking, falling and lying apart (temporal CNN and graph network)', async () => {
    for (const architecture of ['tcn', 'stgcn'] as const) {
      const r = await trainAndEvaluate(
        data(),
        { ...small, architecture, epochs: 12, patience: 12 },
        { critical: [1, 2] },
      );
      expect(r.test?.metrics.accuracy, architecture).toBeGreaterThan(0.8);
      expect(r.history.length).toBeGreaterThan(0);
      expect(r.test?.events?.perClass.map((c) => c.events)).toEqual([1, 1]);
    }
  });

  it('stops early when validation macro-F1 stops improving and keeps the best epoch’s weights', async () => {
    const r = await trainClassifier(data(), { ...small, epochs: 30, patience: 2, learningRate: 0.01 });
    r.classifier.dispose();
    expect(r.stoppedEarly).toBe(true);
    const best = r.history[r.bestEpoch - 1];
    expect(r.history.every((e) => (e.validationMacroF1 ?? 0) <= (best?.validationMacroF1 ?? 0) + 1e-9)).toBe(
      true,
    );
  });

  it('weighs classes by their rarity, capped', () => {
    // N = 160 windows over K = 3 classes present: N / (K · n).
    const w = classWeightsOf([100, 50, 0, 10], 10);
    [160 / 300, 160 / 150, 0, 160 / 30].forEach((x, i) => expect(w[i]).toBeCloseTo(x, 12));
    // 1000 and 1 windows: raw weights 0.5005 and 500.5, mean 250.5, the rare one capped at 1.5 × 250.5.
    const capped = classWeightsOf([1000, 1], 1.5);
    expect(capped[0]).toBeCloseTo(1001 / 2000, 12);
    expect(capped[1]).toBeCloseTo(1.5 * ((1001 / 2000 + 1001 / 2) / 2), 9);
  });

  it('saves and loads: the loaded model predicts what the trained one did', async () => {
    const r = await trainClassifier(data(), { ...small, architecture: 'stgcn', epochs: 1 });
    const prepared = data().tracks.map((t) => prepareTrack(t, r.classifier.config.frameRateHz));
    const batch = featuresOf(
      prepared,
      windowsOf(prepared, r.classifier.config, { stride: 4, keepUnlabelled: true }),
      r.classifier.config,
    );
    const p1 = await r.classifier.predict(batch);
    const artifacts = await r.classifier.save();
    r.classifier.dispose();
    const loaded = createSituationClassifier({ classes, artifacts });
    const p2 = await loaded.predict(batch);
    loaded.dispose();
    expect(Array.from(p2)).toEqual(Array.from(p1));
    const bad = { ...artifacts, model: { ...artifacts.model, format: 'something-else' } };
    expect(() => createSituationClassifier({ classes, artifacts: bad })).toThrow(ModelFileError);
    const short = { ...artifacts, weights: artifacts.weights.slice(0, 100) };
    expect(() => createSituationClassifier({ classes, artifacts: short })).toThrow(/weights cannot be read/);
  });

  it('refuses a joint set the data does not have (md4fd data on all 33 joints)', async () => {
    const d = data();
    for (const t of d.tracks)
      for (let i = 0; i < t.image.length; i += 3) if ((i / 3) % 33 > 12) t.image[i + 2] = 0;
    await expect(trainClassifier(d, { ...small, epochs: 1 })).rejects.toThrow(/choose a smaller joint set/);
  });

  it('runs on the plain JavaScript backend too', async () => {
    await prepareClassifierBackend('cpu');
    try {
      const r = await trainClassifier(data(), { ...small, architecture: 'tcn', epochs: 1, tcnChannels: 8 });
      expect(r.history).toHaveLength(1);
      r.classifier.dispose();
    } finally {
      await prepareClassifierBackend('wasm');
    }
  });
});

describe('layers', () => {
  beforeAll(async () => {
    await prepareClassifierBackend('wasm');
  });

  it('have the gradients of finite differences (dense product, temporal convolution)', () => {
    const p = createSeededRandom(3);
    const x = tf.tensor3d(
      Float32Array.from({ length: 2 * 6 * 3 }, () => p.normal()),
      [2, 6, 3],
    );
    const l = linear(p, 'check', 3 * 3, 2, 'he');
    const loss = (w: tf.Tensor) =>
      tf.tidy(() => tf.sum(tf.square(temporalConv(x, { ...l, w: w as tf.Variable }, 3, 2))) as tf.Scalar);
    const grad = tf.tidy(() => tf.grad((w: tf.Tensor) => loss(w))(l.w));
    const g = grad.dataSync();
    const w0 = l.w.dataSync().slice();
    const eps = 1e-2;
    for (const i of [0, 5, 11, 17]) {
      const plus = w0.slice();
      plus[i] = (plus[i] as number) + eps;
      const minus = w0.slice();
      minus[i] = (minus[i] as number) - eps;
      const fp = tf.tidy(
        () => loss(tf.tensor2d(plus, l.w.shape as [number, number])).dataSync()[0] as number,
      );
      const fm = tf.tidy(
        () => loss(tf.tensor2d(minus, l.w.shape as [number, number])).dataSync()[0] as number,
      );
      expect(g[i]).toBeCloseTo((fp - fm) / (2 * eps), 1);
    }
    const a = tf.tensor2d([[1, 2]]);
    const b = tf.tensor2d([[3], [4]]);
    const [ga, gb] = tf.grads((u: tf.Tensor, v: tf.Tensor) =>
      tf.sum(dense(u as tf.Tensor2D, v as tf.Tensor2D)),
    )([a, b]);
    expect(Array.from(ga?.dataSync() ?? [])).toEqual([3, 4]);
    expect(Array.from(gb?.dataSync() ?? [])).toEqual([1, 2]);
    tf.dispose([x, l.w, l.b, grad, a, b, ga as tf.Tensor, gb as tf.Tensor]);
  });
});
