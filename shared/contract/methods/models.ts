import { z } from 'zod';
import { actorSchema } from '../../domain/annotation';
import {
  classifierArchitectureSchema,
  datasetSummarySchema,
  inferenceRunSchema,
  modelDetailSchema,
  modelInfoSchema,
} from '../../domain/classifier';
import { idSchema } from '../../domain/ids';
import { jobSchema } from '../../domain/job';
import { empty, writeMeta } from './common';
import { poseBackendRequestSchema, poseModelInputSchema } from './poses';

const modelRef = z.object({ modelId: idSchema }).strict();

/** What a training set is made of: the level, the poses, how recordings are told apart, the seed. */
export const datasetRequestSchema = z.object({
  /** Taxonomy level the classes are taken at (1: situation); finer labels count as their ancestor there. */
  level: z.number().int().min(1).max(10).optional(),
  /** Pose model whose extractions are used (default: full). */
  poseModel: poseModelInputSchema.optional(),
  /**
   * A regular expression on the videos' file paths: videos whose first match (or first group) is equal are
   * one recording (several cameras of one scene). Default: each video is a recording.
   */
  recordingPattern: z.string().min(1).max(500).optional(),
  seed: z.number().int().min(0).max(4294967295).optional(),
  /** Fractions of the recordings for training, validation and test. */
  split: z
    .object({
      train: z.number().min(0).max(1),
      validation: z.number().min(0).max(1),
      test: z.number().min(0).max(1),
    })
    .strict()
    .optional(),
});

export const trainRequestSchema = datasetRequestSchema
  .extend({
    name: z.string().min(1).max(200).optional(),
    architecture: classifierArchitectureSchema.optional(),
    epochs: z.number().int().min(1).max(1000).optional(),
    /** Further settings of the classifier (validated by the engine, which names a wrong one). */
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type TrainRequest = z.infer<typeof trainRequestSchema>;

export const compareRowSchema = z.object({
  metric: z.string(),
  a: z.number().nullable(),
  b: z.number().nullable(),
  /** b − a; null where either is missing. */
  delta: z.number().nullable(),
  /** Whether larger is better for this metric. */
  higherIsBetter: z.boolean(),
});

export const preLabelSchema = z.object({
  segmentId: idSchema,
  actorId: idSchema,
  person: z.number().int().positive(),
  startFrame: z.number().int().nonnegative(),
  endFrame: z.number().int().nonnegative(),
  nodeId: idSchema,
  /** The model's confidence, also kept on the tube (its origin is 'model'). */
  confidence: z.number(),
});
export type PreLabel = z.infer<typeof preLabelSchema>;

export const modelMethods = {
  'models.list': { request: empty, response: z.array(modelInfoSchema) },
  'models.get': { request: modelRef, response: modelDetailSchema },
  /** The training set a `models.train` with these settings would use: class counts, splits, warnings. */
  'models.dataset': { request: datasetRequestSchema.strict(), response: datasetSummarySchema },
  /** Trains a model as a job (progress per epoch; the running job's result holds the curves so far). */
  'models.train': { request: trainRequestSchema, response: jobSchema },
  /** Two models side by side: their details and each metric's difference. */
  'models.compare': {
    request: z.object({ a: idSchema, b: idSchema }).strict(),
    response: z.object({
      a: modelDetailSchema,
      b: modelDetailSchema,
      rows: z.array(compareRowSchema),
      perClass: z.array(
        z.object({
          nodeId: idSchema,
          name: z.string(),
          f1A: z.number().nullable(),
          f1B: z.number().nullable(),
        }),
      ),
      notes: z.array(z.string()),
    }),
  },
  /** The model card (Markdown). */
  'models.card': { request: modelRef, response: z.object({ modelId: idSchema, markdown: z.string() }) },
  /** Runs a model over whole videos as a job: people found and tracked, their timelines, alerts. */
  'models.infer': {
    request: z
      .object({
        modelId: idSchema,
        videoIds: z.array(idSchema).min(1).max(1000),
        poseModel: poseModelInputSchema.optional(),
        backend: poseBackendRequestSchema.optional(),
        /** Run pose extraction again even where the video has whole-video poses already. */
        freshPoses: z.boolean().optional(),
      })
      .strict(),
    response: jobSchema,
  },
  /** Results of inference runs: of a video, of a model, or one run; newest first. */
  'models.predictions': {
    request: z
      .object({ videoId: idSchema.optional(), modelId: idSchema.optional(), runId: idSchema.optional() })
      .strict(),
    response: z.array(inferenceRunSchema),
  },
  /**
   * Turns a run's predictions into pre-labels for annotators: one actor per person, one tube per predicted
   * stretch (boxes from the person's track), least confident first. Only stretches below `maxConfidence`
   * where given; those already made are skipped.
   */
  'models.toPreLabels': {
    request: z
      .object({
        ...writeMeta,
        runId: idSchema,
        maxConfidence: z.number().min(0).max(1).optional(),
        limit: z.number().int().positive().max(100_000).optional(),
      })
      .strict(),
    response: z.object({ actors: z.array(actorSchema), preLabels: z.array(preLabelSchema) }),
  },
  'models.remove': { request: modelRef, response: z.object({ modelId: idSchema }) },
} as const;
