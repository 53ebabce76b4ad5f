import { classificationMetrics, argmax } from '../../shared/classifier/metrics';
import { createSeededRandom } from '../../shared/classifier/seededRandom';
import { applyAugmentation, drawAugmentation } from './augment';
import { createSituationClassifier } from './classifier';
import type { TrainableClassifier } from './classifier';
import { validateConfig } from './config';
import type { ClassifierConfigInput } from './config';
import { classCounts, featuresOf } from './dataset/windowSet';
import { jointsOf, mirrorOf } from './graph';
import { featureLayout, windowFeatures } from './normalise';
import { tf } from './tf/tfjs';
import type {
  ClassInfo,
  ClassifierConfig,
  EpochReport,
  PoseTrack,
  SplitName,
  WindowBatch,
  WindowRef,
} from './types';
import type { PreparedTrack } from './windows';
import { prepareTrack, windowLabel, windowsOf } from './windows';

export interface TrainingData {
  classes: readonly ClassInfo[];
  tracks: readonly PoseTrack[];
  /** The split of each track. */
  splits: readonly SplitName[];
}

export interface TrainOptions {
  signal?: AbortSignal;
  onEpoch?(report: EpochReport): void;
  /** Called after every batch: batches done of all the epochs planned. */
  onBatch?(done: number, total: number): void;
}

export interface TrainResult {
  classifier: TrainableClassifier;
  history: EpochReport[];
  /** The epoch whose weights were kept (best validation macro-F1), from 1. */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Loss weight of each class (0 for a class with no training window). */
  classWeights: number[];
  /** Windows of each class in each split. */
  windows: Record<SplitName, number[]>;
  seconds: number;
  warnings: string[];
}

export class TrainingCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'TrainingCancelled';
  }
}

/**
 * Loss weights for unbalanced classes: N / (K · n_c) over the K classes present in training (so that every
 * class weighs as much in all), capped at `max` times their mean; 0 for classes absent from training.
 */
export function classWeightsOf(counts: readonly number[], max: number): number[] {
  const present = counts.filter((n) => n > 0);
  const n = present.reduce((a, b) => a + b, 0);
  const raw = counts.map((c) => (c > 0 ? n / (present.length * c) : 0));
  const mean = present.length > 0 ? raw.filter((w) => w > 0).reduce((a, b) => a + b, 0) / present.length : 1;
  return raw.map((w) => Math.min(w, max * mean));
}

/** What the trainer works from: tracks prepared once, windows of each split. */
export interface PreparedData {
  config: ClassifierConfig;
  classes: readonly ClassInfo[];
  prepared: PreparedTrack[];
  refs: Record<SplitName, WindowRef[]>;
}

export function prepareData(data: TrainingData, config: ClassifierConfig): PreparedData {
  if (data.tracks.length !== data.splits.length) {
    throw new Error(`${data.tracks.length} tracks but ${data.splits.length} split names.`);
  }
  const prepared = data.tracks.map((t) => prepareTrack(t, config.frameRateHz));
  const of = (split: SplitName, stride: number) =>
    windowsOf(prepared, config, { stride, keepUnlabelled: false }).filter(
      (r) => data.splits[r.track] === split,
    );
  return {
    config,
    classes: data.classes,
    prepared,
    refs: {
      train: of('train', config.strideFrames),
      validation: of('validation', config.evalStrideFrames),
      test: of('test', config.evalStrideFrames),
    },
  };
}

/** Mean cross-entropy, accuracy and macro-F1 of probabilities against the windows' labels. */
export function scoreProbabilities(
  probs: Float32Array,
  refs: readonly WindowRef[],
  classes: number,
): { loss: number; accuracy: number; macroF1: number } {
  const truth: number[] = [];
  const predicted: number[] = [];
  let loss = 0;
  refs.forEach((r, i) => {
    const p = probs.subarray(i * classes, (i + 1) * classes);
    truth.push(r.label);
    predicted.push(argmax(p));
    loss -= Math.log(Math.max(1e-7, p[r.label] as number));
  });
  const m = classificationMetrics(truth, predicted, classes);
  return { loss: refs.length > 0 ? loss / refs.length : 0, accuracy: m.accuracy, macroF1: m.macroF1 };
}

/**
 * Trains a classifier from scratch with a fixed seed: the same data, configuration and seed give the same
 * weights. Each epoch visits the training windows in a seeded order, each window shifted by up to
 * ±jitterFrames and augmented (mirror with joint swap, rotation, scaling); the loss is the class-weighted
 * cross-entropy plus L2 weight decay; Adam. After each epoch the validation windows are scored, and the
 * weights of the epoch with the best validation macro-F1 are kept; training stops after `patience` epochs
 * without a better one.
 */
export async function trainClassifier(
  data: TrainingData,
  configInput: ClassifierConfigInput,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const config = validateConfig(configInput);
  const started = performance.now();
  const pd = prepareData(data, config);
  const k = data.classes.length;
  const warnings: string[] = [];
  const windows: Record<SplitName, number[]> = {
    train: classCounts(pd.refs.train, k),
    validation: classCounts(pd.refs.validation, k),
    test: classCounts(pd.refs.test, k),
  };
  if (pd.refs.train.length === 0)
    throw new Error('No training window: label more, or longer, tubes with poses.');
  if (pd.refs.validation.length === 0) {
    warnings.push('No validation window: training ran all its epochs and kept the last weights.');
  }
  const joints = jointsOf(config.jointSet);
  const uncovered = joints.filter((j) => pd.prepared.every((t) => everyVisibilityZero(t, j)));
  if (uncovered.length > joints.length / 2) {
    throw new Error(
      `The data has no ${uncovered.length} of the ${joints.length} joints of the joint set ${config.jointSet}: choose a smaller joint set (md4fd data: md4fd11).`,
    );
  }
  const classWeights = classWeightsOf(windows.train, config.maxClassWeight);
  const classifier = createSituationClassifier({ config, classes: data.classes });
  const network = classifier.network;
  const layout = featureLayout(config);
  const mirror = mirrorOf(joints);
  const per = config.windowFrames * joints.length * layout.channels;
  const validation: WindowBatch = featuresOf(pd.prepared, pd.refs.validation, config);

  const optimizer = tf.train.adam(config.learningRate);
  const root = createSeededRandom(config.seed);
  const batchesPerEpoch = Math.ceil(pd.refs.train.length / config.batchSize);
  const history: EpochReport[] = [];
  let best = { f1: -1, loss: Number.POSITIVE_INFINITY, epoch: 0, weights: null as Float32Array[] | null };
  let stale = 0;
  let stoppedEarly = false;
  const x = new Float32Array(config.batchSize * per);

  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const t0 = performance.now();
      const prng = root.fork(`epoch-${epoch}`);
      const order = prng.shuffle(pd.refs.train.map((_, i) => i));
      let lossSum = 0;
      let seen = 0;
      let correct = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        if (options.signal?.aborted) throw new TrainingCancelled();
        const idx = order.slice(b * config.batchSize, (b + 1) * config.batchSize);
        const n = idx.length;
        const labels = new Int32Array(n);
        const weights = new Float32Array(n);
        idx.forEach((wi, i) => {
          const ref = pd.refs.train[wi] as WindowRef;
          const track = pd.prepared[ref.track] as PreparedTrack;
          let start = ref.start;
          let label = ref.label;
          if (config.augment.jitterFrames > 0 && track.length > config.windowFrames) {
            const shifted = Math.min(
              track.length - config.windowFrames,
              Math.max(
                0,
                start + prng.int(2 * config.augment.jitterFrames + 1) - config.augment.jitterFrames,
              ),
            );
            const l = windowLabel(track, shifted, config.windowFrames);
            if (l >= 0) {
              start = shifted;
              label = l;
            }
          }
          windowFeatures(track, start, joints, config, x, i * per);
          applyAugmentation(
            x,
            i * per,
            config.windowFrames,
            joints.length,
            layout,
            mirror,
            drawAugmentation(config.augment, prng),
          );
          labels[i] = label;
          weights[i] = classWeights[label] as number;
        });
        const dropPrng = prng.fork(`dropout-${b}`);
        let predicted: tf.Tensor | null = null;
        const lossTensor = optimizer.minimize(
          () => {
            const xs = tf.tensor4d(x.subarray(0, n * per), [
              n,
              config.windowFrames,
              joints.length,
              layout.channels,
            ]);
            const logits = network.apply(xs, dropPrng);
            predicted = tf.keep(tf.argMax(logits, 1));
            const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), k);
            const w = tf.tensor1d(weights);
            const ce = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1));
            let loss: tf.Scalar = tf.div(
              tf.sum(tf.mul(ce, w)),
              Math.max(
                1e-8,
                weights.reduce((a, v) => a + v, 0),
              ),
            );
            if (config.weightDecay > 0) {
              const l2 = tf.addN(network.weightMatrices.map((v) => tf.sum(tf.square(v))));
              loss = tf.add(loss, tf.mul(l2, config.weightDecay));
            }
            return loss;
          },
          true,
          network.variables,
        );
        const lossValue = (await (lossTensor as tf.Scalar).data())[0] as number;
        lossTensor?.dispose();
        const pred = predicted as tf.Tensor | null;
        if (pred) {
          const p = await pred.data();
          for (let i = 0; i < n; i++) if (p[i] === labels[i]) correct++;
          pred.dispose();
        }
        lossSum += lossValue * n;
        seen += n;
        options.onBatch?.((epoch - 1) * batchesPerEpoch + b + 1, config.epochs * batchesPerEpoch);
      }

      let validationScore: { loss: number; accuracy: number; macroF1: number } | null = null;
      if (validation.count > 0) {
        const probs = await classifier.predict(validation);
        validationScore = scoreProbabilities(probs, validation.refs, k);
      }
      const report: EpochReport = {
        epoch,
        epochs: config.epochs,
        trainLoss: lossSum / Math.max(1, seen),
        trainAccuracy: correct / Math.max(1, seen),
        validationLoss: validationScore?.loss ?? null,
        validationAccuracy: validationScore?.accuracy ?? null,
        validationMacroF1: validationScore?.macroF1 ?? null,
        seconds: (performance.now() - t0) / 1000,
      };
      history.push(report);
      options.onEpoch?.(report);

      const f1 = validationScore?.macroF1 ?? -1;
      const vloss = validationScore?.loss ?? 0;
      const better =
        validationScore === null ||
        f1 > best.f1 + 1e-9 ||
        (Math.abs(f1 - best.f1) <= 1e-9 && vloss < best.loss);
      if (better) {
        best = {
          f1,
          loss: vloss,
          epoch,
          weights: network.variables.map((v) => Float32Array.from(v.dataSync())),
        };
        stale = 0;
      } else if (++stale >= config.patience) {
        stoppedEarly = epoch < config.epochs;
        break;
      }
    }
    if (best.weights) {
      const w = best.weights;
      network.variables.forEach((v, i) => {
        const t = tf.tensor(w[i] as Float32Array, v.shape);
        v.assign(t);
        t.dispose();
      });
    }
  } catch (err) {
    classifier.dispose();
    throw err;
  } finally {
    optimizer.dispose();
  }
  return {
    classifier,
    history,
    bestEpoch: best.epoch,
    stoppedEarly,
    classWeights,
    windows,
    seconds: (performance.now() - started) / 1000,
    warnings,
  };
}

function everyVisibilityZero(t: PreparedTrack, joint: number): boolean {
  for (let f = 0; f < t.length; f++) if ((t.image[(f * 33 + joint) * 3 + 2] as number) > 0) return false;
  return true;
}
