import { z } from 'zod';
import { segmentSchema } from '../../domain/annotation';
import { idSchema, instantSchema } from '../../domain/ids';
import { roleSchema } from '../../domain/user';
import { reviewStateSchema } from '../../review/states';
import { empty, writeMeta } from './common';

export const reviewSettingsSchema = z.object({
  /** Boundaries of matched tubes further apart than this many frames raise a dispute. */
  boundaryToleranceFrames: z.number().int().nonnegative().max(10_000),
  /** Whether agreed tubes (not only final ones) feed training and export. */
  agreedCountsAsFinal: z.boolean(),
  /**
   * What training and export take: every labelled tube (a project without a review loop), or reviewed
   * tubes only (final, and agreed where the project says so).
   */
  trainingSource: z.enum(['all-labelled', 'reviewed']),
});
export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;

export const assignmentSchema = z.object({
  id: idSchema,
  videoId: idSchema,
  userId: idSchema,
  state: z.enum(['open', 'submitted']),
  createdAt: instantSchema,
  submittedAt: instantSchema.nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const disputeReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('missing'), labelledBy: z.array(idSchema), missingFor: z.array(idSchema) }),
  z.object({
    kind: z.literal('label'),
    level: z.number().int().positive(),
    labels: z.record(z.string(), idSchema.nullable()),
  }),
  z.object({ kind: z.literal('depth'), labels: z.record(z.string(), idSchema.nullable()) }),
  z.object({ kind: z.literal('unlabelled'), by: z.array(idSchema) }),
  z.object({
    kind: z.literal('boundary'),
    startDiff: z.number().int(),
    endDiff: z.number().int(),
    tolerance: z.number().int(),
  }),
  z.object({ kind: z.literal('uncertain'), by: z.array(idSchema) }),
]);

export const reviewCommentSchema = z.object({
  id: idSchema,
  userId: idSchema.nullable(),
  /** For a return: the annotator it went to. */
  toUserId: idSchema.nullable(),
  at: instantSchema,
  kind: z.enum(['return', 'comment']),
  text: z.string(),
});

export const reviewItemSchema = z.object({
  id: idSchema,
  videoId: idSchema,
  videoName: z.string(),
  actorId: idSchema,
  state: z.enum(['agreed', 'disputed', 'returned', 'final']),
  severity: z.number(),
  reasons: z.array(disputeReasonSchema),
  /** Sentences for people, one a reason. */
  reasonText: z.array(z.string()),
  versions: z.array(z.object({ segmentId: idSchema, annotatorId: idSchema })),
  finalSegmentId: idSchema.nullable(),
  meanIoU: z.number().nullable(),
  updatedAt: instantSchema,
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

const measure = z.object({ value: z.number().nullable(), note: z.string().optional() });

export const agreementReportSchema = z.object({
  level: z.number().int().positive(),
  annotators: z.array(z.object({ id: idSchema, name: z.string() })),
  /** Matched tubes compared. */
  items: z.number().int().nonnegative(),
  percentAgreement: measure,
  fleissKappa: measure,
  krippendorffAlpha: measure,
  meanTemporalIoU: z.number().nullable(),
  pairs: z.array(
    z.object({
      a: idSchema,
      b: idSchema,
      items: z.number().int().nonnegative(),
      cohensKappa: measure,
      percentAgreement: measure,
      meanTemporalIoU: z.number().nullable(),
      confusion: z.object({
        categories: z.array(z.string()),
        counts: z.array(z.array(z.number())),
        total: z.number(),
      }),
    }),
  ),
});
export type AgreementReport = z.infer<typeof agreementReportSchema>;

export const annotatorStatsSchema = z.object({
  userId: idSchema,
  name: z.string(),
  role: roleSchema,
  /** Tubes made (versions) and frames covered. */
  tubes: z.number().int().nonnegative(),
  frames: z.number().int().nonnegative(),
  submitted: z.number().int().nonnegative(),
  /** Share of their reviewed tubes that were disputed. */
  disputeRate: z.number().nullable(),
  /** Share of their reviewed tubes returned to them at least once. */
  reworkRate: z.number().nullable(),
  /** Share of their tubes whose label matches the final version's (at the deepest level). */
  agreementWithFinal: z.number().nullable(),
});

export const reviewMethods = {
  'review.settings': { request: empty, response: reviewSettingsSchema },
  'review.updateSettings': {
    request: reviewSettingsSchema.partial().strict(),
    response: reviewSettingsSchema,
  },
  'assignments.list': {
    request: z.object({ videoId: idSchema.optional(), userId: idSchema.optional() }).strict(),
    response: z.array(assignmentSchema),
  },
  /**
   * Assigns videos to annotators: each video to one annotator in turn, and a share of them (overlap) to
   * `annotatorsPerOverlap` annotators, who label independently. Seeded, so the same call assigns the same.
   */
  'assignments.create': {
    request: z
      .object({
        videoIds: z.array(idSchema).min(1).max(10_000),
        userIds: z.array(idSchema).min(1).max(1000),
        overlapShare: z.number().min(0).max(1).default(0),
        annotatorsPerOverlap: z.number().int().min(2).max(20).default(2),
        seed: z.number().int().default(1),
      })
      .strict(),
    response: z.array(assignmentSchema),
  },
  'assignments.remove': {
    request: z.object({ assignmentId: idSchema }).strict(),
    response: z.object({ assignmentId: idSchema }),
  },
  /** The caller's work: assigned videos, and tubes returned to them with the expert's comments. */
  'work.queue': {
    request: empty,
    response: z.object({
      assignments: z.array(assignmentSchema.extend({ videoName: z.string(), tubes: z.number().int() })),
      /** Review items returned to the caller, with their tubes in them (none for a tube they missed). */
      returned: z.array(
        z.object({
          itemId: idSchema,
          videoId: idSchema,
          videoName: z.string(),
          actorId: idSchema,
          startFrame: z.number().int(),
          endFrame: z.number().int(),
          segments: z.array(segmentSchema),
          comments: z.array(reviewCommentSchema),
        }),
      ),
    }),
  },
  /** Submits the caller's tubes of a video (drafts and returned ones); they are locked until returned. */
  'work.submit': {
    request: z.object({ ...writeMeta, videoId: idSchema }).strict(),
    response: z.object({ submitted: z.number().int(), compared: z.boolean() }),
  },
  /** Review items, worst first. */
  'review.queue': {
    request: z
      .object({ states: z.array(z.enum(['agreed', 'disputed', 'returned', 'final'])).default(['disputed']) })
      .strict(),
    response: z.array(reviewItemSchema),
  },
  'review.get': {
    request: z.object({ itemId: idSchema }).strict(),
    response: z.object({
      item: reviewItemSchema,
      segments: z.array(segmentSchema),
      comments: z.array(reviewCommentSchema),
    }),
  },
  /**
   * Makes an item final: accept one version as it is, or (edit) copy it into the expert's own final tube
   * to change it in the workspace.
   */
  'review.finalize': {
    request: z
      .object({ ...writeMeta, itemId: idSchema, segmentId: idSchema, edit: z.boolean().default(false) })
      .strict(),
    response: z.object({ item: reviewItemSchema, finalSegment: segmentSchema }),
  },
  /** Returns an item's versions (or one annotator's) to their annotators with a comment. */
  'review.return': {
    request: z
      .object({
        ...writeMeta,
        itemId: idSchema,
        annotatorId: idSchema.optional(),
        comment: z.string().trim().min(1).max(10_000),
      })
      .strict(),
    response: reviewItemSchema,
  },
  'review.comment': {
    request: z.object({ itemId: idSchema, text: z.string().trim().min(1).max(10_000) }).strict(),
    response: reviewCommentSchema,
  },
  'review.agreement': {
    request: z.object({ level: z.number().int().positive().max(12).default(1) }).strict(),
    response: agreementReportSchema,
  },
  'review.annotators': { request: empty, response: z.array(annotatorStatsSchema) },
} as const;

export { reviewStateSchema };
