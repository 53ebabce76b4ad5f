import { z } from 'zod';
import { idSchema } from '../../domain/ids';
import { taxonomySchema, taxonomyVersionSchema } from '../../domain/taxonomy';
import { taxonomyDocumentSchema } from '../../taxonomy/document';
import { empty, writeMeta } from './common';

const nodeText = {
  name: z.string().trim().min(1).max(200),
  definition: z.string().max(10_000),
  includes: z.string().max(10_000),
  excludes: z.string().max(10_000),
  example: z.string().max(10_000),
};

export const taxonomyMethods = {
  'taxonomy.get': { request: empty, response: taxonomySchema },
  'taxonomy.history': { request: empty, response: z.array(taxonomyVersionSchema) },
  /** The taxonomy as a document, now or as it was at an earlier version. */
  'taxonomy.export': {
    request: z.object({ version: z.number().int().positive().optional() }).strict(),
    response: taxonomyDocumentSchema,
  },
  'taxonomy.addNode': {
    request: z
      .object({
        ...writeMeta,
        parentId: idSchema.nullable(),
        id: idSchema.optional(),
        ...nodeText,
        definition: nodeText.definition.default(''),
        includes: nodeText.includes.default(''),
        excludes: nodeText.excludes.default(''),
        example: nodeText.example.default(''),
      })
      .strict(),
    response: taxonomySchema,
  },
  /** Renames or rewrites a node's texts; labels keep pointing at it. */
  'taxonomy.updateNode': {
    request: z
      .object({
        ...writeMeta,
        nodeId: idSchema,
        name: nodeText.name.optional(),
        definition: nodeText.definition.optional(),
        includes: nodeText.includes.optional(),
        excludes: nodeText.excludes.optional(),
        example: nodeText.example.optional(),
      })
      .strict(),
    response: taxonomySchema,
  },
  /** Moves a node (and what is below it) under another parent, at a position among its new siblings. */
  'taxonomy.moveNode': {
    request: z
      .object({
        ...writeMeta,
        nodeId: idSchema,
        parentId: idSchema.nullable(),
        index: z.number().int().nonnegative().optional(),
      })
      .strict(),
    response: taxonomySchema,
  },
  'taxonomy.deprecateNode': {
    request: z.object({ ...writeMeta, nodeId: idSchema, deprecated: z.boolean() }).strict(),
    response: taxonomySchema,
  },
  /** Merges a node into another: its labels and children go to the target; it stays, deprecated. */
  'taxonomy.mergeNodes': {
    request: z.object({ ...writeMeta, sourceId: idSchema, targetId: idSchema }).strict(),
    response: taxonomySchema,
  },
  /** Adds and updates nodes from a document; nodes it does not name are kept (deprecate them to retire them). */
  'taxonomy.import': {
    request: z.object({ ...writeMeta, document: taxonomyDocumentSchema }).strict(),
    response: taxonomySchema,
  },
} as const;
