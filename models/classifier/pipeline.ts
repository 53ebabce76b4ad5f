import type { Calibration } from '../../shared/classifier/calibration';
import type { ClassificationMetrics } from '../../shared/classifier/metrics';
import { validateConfig } from './config';
import type { ClassifierConfigInput } from './config';
import { driftReference, windowDriftFeatures } from './drift';
import type { DriftReference } from './drift';
import type { EventMetrics } from './evaluate/events';
import { evaluateClassifier } from './evaluate/evaluate';
import type { EvaluationOptions } from './evaluate/evaluate';
import { prepareData, trainClassifier } from './train';
import type { TrainingData, TrainOptions } from './train';
import type { EpochReport, ModelFile, SplitName } from './types';

export interface SplitScores {
  metrics: ClassificationMetrics;
  calibration: Calibration;
  events: EventMetrics | null;
  windows: number;
}

/** Everything a training run makes: the model's files, its curves, its scores, its drift reference. */
export interface TrainedModel {
  model: ModelFile;
  weights: ArrayBuffer;
  parameterCount: number;
  history: EpochReport[];
  bestEpoch: number;
  stoppedEarly: boolean;
  classWeights: number[];
  windows: Record<SplitName, number[]>;
  warnings: string[];
  trainSeconds: number;
  test: SplitScores | null;
  validation: SplitScores | null;
  drift: DriftReference;
}

/**
 * Trains a classifier, scores it on the validation and the held-out test tracks (windows, calibration,
 * critical events over each track as a continuous recording), makes the drift reference from the training
 * windows and the held-out confidences, and returns it all with the weights; the tensors are freed.
 */
export async function trainAndEvaluate(
  data: TrainingData,
  configInput: ClassifierConfigInput,
  evaluation: EvaluationOptions,
  options: TrainOptions = {},
): Promise<TrainedModel> {
  const config = validateConfig(configInput);
  const trained = await trainClassifier(data, config, options);
  try {
    const pd = prepareData(data, config);
    const tracksOf = (split: SplitName) => pd.prepared.filter((_, i) => data.splits[i] === split);
    const testEval =
      tracksOf('test').length > 0
        ? await evaluateClassifier(trained.classifier, tracksOf('test'), evaluation)
        : null;
    const validationEval =
      tracksOf('validation').length > 0
        ? await evaluateClassifier(trained.classifier, tracksOf('validation'), evaluation)
        : null;
    const features = windowDriftFeatures(pd.prepared, pd.refs.train, config.windowFrames, config.frameRateHz);
    const confidence = [...(validationEval?.confidences ?? []), ...(testEval?.confidences ?? [])];
    const drift = driftReference(
      { ...features, ...(confidence.length > 0 ? { confidence } : {}) },
      config.seed,
    );
    const saved = await trained.classifier.save();
    const strip = (e: typeof testEval): SplitScores | null =>
      e ? { metrics: e.metrics, calibration: e.calibration, events: e.events, windows: e.windows } : null;
    return {
      model: saved.model,
      weights: saved.weights,
      parameterCount: trained.classifier.parameterCount,
      history: trained.history,
      bestEpoch: trained.bestEpoch,
      stoppedEarly: trained.stoppedEarly,
      classWeights: trained.classWeights,
      windows: trained.windows,
      warnings: trained.warnings,
      trainSeconds: trained.seconds,
      test: strip(testEval),
      validation: strip(validationEval),
      drift,
    };
  } finally {
    trained.classifier.dispose();
  }
}
