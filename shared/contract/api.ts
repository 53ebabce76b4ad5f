import type { z } from 'zod';
import { annotationMethods } from './methods/annotations';
import { authMethods } from './methods/auth';
import { reviewMethods } from './methods/review';
import { editMethods } from './methods/edits';
import { exportMethods } from './methods/exports';
import { importMethods } from './methods/imports';
import { modelMethods } from './methods/models';
import { poseMethods } from './methods/poses';
import { taxonomyMethods } from './methods/taxonomy';
import { jobMethods, systemMethods, videoMethods } from './methods/videos';

export * from './methods/videos';
export * from './methods/annotations';
export * from './methods/taxonomy';
export * from './methods/edits';
export * from './methods/auth';
export * from './methods/review';
export * from './methods/exports';
export * from './methods/imports';
export * from './methods/poses';
export * from './methods/models';
export { clientIdSchema } from './methods/common';

/**
 * The one API: every method's request and response. The engine implements it, the Electron main
 * process, the HTTP server and the CLI host it, and the renderer's client is typed from it.
 */
export const methods = {
  ...systemMethods,
  ...videoMethods,
  ...jobMethods,
  ...taxonomyMethods,
  ...annotationMethods,
  ...editMethods,
  ...authMethods,
  ...reviewMethods,
  ...exportMethods,
  ...importMethods,
  ...poseMethods,
  ...modelMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Methods[M]['response']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
