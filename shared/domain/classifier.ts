import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import { poseModelSchema } from './pose';

/** Situation classifiers: what the registry, the training and inference jobs and the app share. */

export const classifierArchitectureSchema = z.enum(['tcn', 'stgcn']);
export type ClassifierArchitecture = z.infer<typeof classifierArchitectureSchema>;

export const classInfoSchema = z.object({ nodeId: idSchema, name: z.string() });

export const classMetricsSchema = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int().nonnegative(),
  predicted: z.number().int().nonnegative(),
});

export const classificationMetricsSchema = z.object({
  accuracy: z.number(),
  meanClassAccuracy: z.number(),
  macroF1: z.number(),
  perClass: z.array(classMetricsSchema),
  confusion: z.array(z.array(z.number().int().nonnegative())),
  count: z.number().int().nonnegative(),
});

export const reliabilityBinSchema = z.object({
  lo: z.number(),
  hi: z.number(),
  count: z.number().int().nonnegative(),
  confidence: z.number(),
  accuracy: z.number(),
});

export const calibrationSchema = z.object({
  bins: z.array(reliabilityBinSchema),
  ece: z.number(),
  mce: z.number(),
});

export const eventMetricsSchema = z.object({
  perClass: z.array(
    z.object({
      classIndex: z.number().int().nonnegative(),
      events: z.number().int().nonnegative(),
      detected: z.number().int().nonnegative(),
      recall: z.number().nullable(),
      alerts: z.number().int().nonnegative(),
    }),
  ),
  falseAlarms: z.number().int().nonnegative(),
  hours: z.number().nonnegative(),
  falseAlarmsPerHour: z.number().nullable(),
  toleranceSec: z.number(),
});

/** A split's scores: window metrics, calibration, and events of the critical classes. */
export const splitEvaluationSchema = z.object({
  metrics: classificationMetricsSchema,
  calibration: calibrationSchema,
  events: eventMetricsSchema.nullable(),
  windows: z.number().int().nonnegative(),
});
export type SplitEvaluation = z.infer<typeof splitEvaluationSchema>;

export const epochReportSchema = z.object({
  epoch: z.number().int().positive(),
  epochs: z.number().int().positive(),
  trainLoss: z.number(),
  trainAccuracy: z.number(),
  validationLoss: z.number().nullable(),
  validationAccuracy: z.number().nullable(),
  validationMacroF1: z.number().nullable(),
  seconds: z.number(),
});
export type EpochReportDto = z.infer<typeof epochReportSchema>;

const splitCountsSchema = z.object({
  train: z.number().int().nonnegative(),
  validation: z.number().int().nonnegative(),
  test: z.number().int().nonnegative(),
});

/** The data a model was (or would be) trained on: classes and their amounts, splits, and what to know. */
export const datasetSummarySchema = z.object({
  level: z.number().int().positive(),
  levelName: z.string(),
  taxonomyVersion: z.number().int().positive(),
  poseModel: poseModelSchema,
  classes: z.array(
    classInfoSchema.extend({
      tubes: z.number().int().nonnegative(),
      recordings: z.number().int().nonnegative(),
      /** Windows of the class in each split. */
      windows: splitCountsSchema,
      /** Very rare: fewer windows or recordings than the thresholds (see `rareRule`). */
      rare: z.boolean(),
    }),
  ),
  splits: z.object({
    train: z.object({ groups: z.number().int(), tracks: z.number().int(), windows: z.number().int() }),
    validation: z.object({ groups: z.number().int(), tracks: z.number().int(), windows: z.number().int() }),
    test: z.object({ groups: z.number().int(), tracks: z.number().int(), windows: z.number().int() }),
  }),
  /** How tracks were kept together: by recording and person, or (where that left too few) by recording. */
  groupedBy: z.enum(['recording-and-person', 'recording']),
  recordingPattern: z.string().nullable(),
  seed: z.number().int().nonnegative(),
  videos: z.array(z.object({ id: idSchema, name: z.string() })),
  people: z.array(z.string()),
  /** Who labelled the tubes used (user ids; "local" for edits without a signed-in user). */
  annotators: z.array(z.string()),
  /** Agreement between annotators, where the review loop measured it; null until it does. */
  agreement: z.string().nullable(),
  tubesUsed: z.number().int().nonnegative(),
  tubesSkipped: z.array(z.object({ reason: z.string(), count: z.number().int().positive() })),
  rareRule: z.string(),
  warnings: z.array(z.string()),
});
export type DatasetSummary = z.infer<typeof datasetSummarySchema>;

/** A model in the registry, as listed. */
export const modelInfoSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: instantSchema,
  jobId: idSchema.nullable(),
  architecture: classifierArchitectureSchema,
  level: z.number().int().positive(),
  levelName: z.string(),
  taxonomyVersion: z.number().int().positive(),
  classes: z.array(classInfoSchema),
  poseModel: poseModelSchema,
  seed: z.number().int().nonnegative(),
  parameterCount: z.number().int().nonnegative(),
  epochsRun: z.number().int().nonnegative(),
  bestEpoch: z.number().int().nonnegative(),
  trainSeconds: z.number().nonnegative(),
  backend: z.string(),
  testMacroF1: z.number().nullable(),
  testAccuracy: z.number().nullable(),
  /** Where its files are: <project>/models/<id>/. */
  dir: z.string(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const modelMetricsSchema = z.object({
  test: splitEvaluationSchema.nullable(),
  validation: splitEvaluationSchema.nullable(),
  /** Indices of the classes scored as critical events (falls, lying on the floor). */
  critical: z.array(z.number().int().nonnegative()),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

export const modelDetailSchema = z.object({
  info: modelInfoSchema,
  /** The configuration it was trained with (network, windows, augmentation, training). */
  config: z.record(z.string(), z.unknown()),
  dataset: datasetSummarySchema,
  metrics: modelMetricsSchema,
  history: z.array(epochReportSchema),
  classWeights: z.array(z.number()),
  stoppedEarly: z.boolean(),
  warnings: z.array(z.string()),
});
export type ModelDetail = z.infer<typeof modelDetailSchema>;

export const driftReportSchema = z.object({
  features: z.array(
    z.object({
      feature: z.string(),
      description: z.string(),
      psi: z.number(),
      ks: z.number(),
      level: z.enum(['none', 'notice', 'warning']),
    }),
  ),
  level: z.enum(['none', 'notice', 'warning']),
  messages: z.array(z.string()),
  windows: z.number().int().nonnegative(),
  thresholds: z.object({ psiNotice: z.number(), psiWarning: z.number(), ksWarning: z.number() }),
});
export type DriftReportDto = z.infer<typeof driftReportSchema>;

export const predictedSegmentSchema = z.object({
  /** The person (whole-video track number). */
  person: z.number().int().positive(),
  seq: z.number().int().nonnegative(),
  startFrame: z.number().int().nonnegative(),
  endFrame: z.number().int().nonnegative(),
  startSec: z.number(),
  endSec: z.number(),
  nodeId: idSchema,
  name: z.string(),
  confidence: z.number(),
  minConfidence: z.number(),
  /** The pre-label (tube) made from it, once made. */
  segmentId: idSchema.nullable(),
});
export type PredictedSegment = z.infer<typeof predictedSegmentSchema>;

export const alertSchema = z.object({
  person: z.number().int().positive(),
  nodeId: idSchema,
  name: z.string(),
  startFrame: z.number().int().nonnegative(),
  endFrame: z.number().int().nonnegative(),
  startSec: z.number(),
  endSec: z.number(),
  peak: z.number(),
});
export type Alert = z.infer<typeof alertSchema>;

/** One model run over one video: its people's timelines, alerts and the drift check. */
export const inferenceRunSchema = z.object({
  id: idSchema,
  jobId: idSchema,
  modelId: idSchema,
  modelName: z.string(),
  videoId: idSchema,
  videoName: z.string(),
  createdAt: instantSchema,
  people: z.number().int().nonnegative(),
  windows: z.number().int().nonnegative(),
  durationSec: z.number().nonnegative(),
  /** Seconds of processing (poses and classification) per second of video. */
  realTimeFactor: z.number().nonnegative().nullable(),
  segments: z.array(predictedSegmentSchema),
  alerts: z.array(alertSchema),
  drift: driftReportSchema,
  /** The results written for people and other tools (JSON and CSV), absolute paths. */
  outputs: z.object({ json: z.string(), csv: z.string() }),
});
export type InferenceRun = z.infer<typeof inferenceRunSchema>;
