import type { ExportOptionsInput, ExportPlanSummary } from '../../../shared/contract/methods/exports';
import type {
  AnnotationImportResult,
  ImportPreview,
  ImportRequest,
} from '../../../shared/contract/methods/imports';
import type { ApiError, Envelope } from '../../../shared/contract/envelope';
import type { User } from '../../../shared/domain/user';
import { ApiCallError, errorMessage } from '../api/client';
import type { SliceCreator } from './types';

export interface DatasetState {
  /** Export jobs started from this window, newest first: the library shows their progress. */
  exportJobIds: string[];
}

/** Dataset exports and annotation imports: the calls behind their dialogs. */
export interface DatasetSlice extends DatasetState {
  /** The project's people, for the annotator filter (none where this user may not list them). */
  listPeople(): Promise<User[]>;
  previewExport(options: ExportOptionsInput): Promise<Envelope<ExportPlanSummary>>;
  startExport(options: ExportOptionsInput): Promise<Envelope<string>>;
  previewAnnotations(request: ImportRequest): Promise<Envelope<ImportPreview>>;
  importAnnotations(request: ImportRequest): Promise<Envelope<AnnotationImportResult>>;
}

export const initialDatasetState: DatasetState = { exportJobIds: [] };

function failure(err: unknown): { ok: false; error: ApiError } {
  return {
    ok: false,
    error: err instanceof ApiCallError ? err.error : { code: 'internal', message: errorMessage(err) },
  };
}

export const createDatasetSlice: SliceCreator<DatasetSlice> = (client) => (set, get) => ({
  ...initialDatasetState,
  async listPeople() {
    try {
      return await client.call('users.list', {});
    } catch {
      return [];
    }
  },
  async previewExport(options) {
    try {
      return { ok: true, value: await client.call('exports.preview', options) };
    } catch (err) {
      return failure(err);
    }
  },
  async startExport(options) {
    try {
      const job = await client.call('exports.start', options);
      get().applyJob(job);
      set((s) => ({ exportJobIds: [job.id, ...s.exportJobIds.filter((id) => id !== job.id)] }));
      return { ok: true, value: job.id };
    } catch (err) {
      return failure(err);
    }
  },
  async previewAnnotations(request) {
    try {
      return { ok: true, value: await client.call('imports.preview', request) };
    } catch (err) {
      return failure(err);
    }
  },
  async importAnnotations(request) {
    try {
      const result = await client.call('imports.commit', { ...request, clientId: get().clientId });
      for (const id of result.videoIds) void get().refreshVideo(id);
      get().notify(
        'info',
        `Imported ${result.segmentIds.length} tube${result.segmentIds.length === 1 ? '' : 's'}` +
          (result.skipped > 0 ? `, left out ${result.skipped} whose label maps to nothing` : '') +
          ' (one edit: undo takes it back).',
      );
      return { ok: true, value: result };
    } catch (err) {
      return failure(err);
    }
  },
});
