import type { AnnotationImportResult, ImportRequest } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import {
  commitImport,
  parseAnnotationFile,
  planImport,
  readAnnotationFile,
} from '../import/annotations/importAnnotations';
import type { ImportPlan } from '../import/annotations/importAnnotations';
import { announceEdit } from './announce';
import type { HandlerGroup } from './types';

async function plan(ctx: EngineContext, req: ImportRequest): Promise<{ plan: ImportPlan; fileName: string }> {
  const file = await readAnnotationFile(req);
  const parsed = parseAnnotationFile(file, req.format, { labelAttribute: req.labelAttribute });
  return { plan: planImport(ctx.db, parsed, req), fileName: file.fileName };
}

/**
 * Annotation import: a preview that reads the file and proposes a mapping of its labels, then a commit
 * with the confirmed mapping, written as one audited, undoable edit.
 */
export function importHandlers(ctx: EngineContext): HandlerGroup<'imports.preview' | 'imports.commit'> {
  return {
    'imports.preview': async (req) => (await plan(ctx, req)).plan.preview,
    'imports.commit': async ({ clientId, ...req }, caller): Promise<AnnotationImportResult> => {
      const p = await plan(ctx, req);
      const outcome = commitImport(
        ctx.db,
        { userId: caller.userId, role: caller.role ?? 'admin', clientId, at: ctx.now().toISOString() },
        p.plan,
        p.fileName,
        ctx.newId,
      );
      announceEdit(ctx, outcome.entry);
      return { ...outcome.value, editId: outcome.entry?.id ?? null };
    },
  };
}
