import type { ImportResult } from '../../../shared/contract/api';
import { errorMessage } from '../api/client';
import type { SliceCreator } from './types';

export interface Upload {
  id: number;
  name: string;
  loaded: number;
  total: number;
  state: 'uploading' | 'importing' | 'done' | 'failed';
}

export interface ImportState {
  uploads: Upload[];
  importing: boolean;
  /** Electron (native picker, paths) or HTTP (uploads, server paths). */
  transportKind: 'electron' | 'http';
}

export interface ImportSlice extends ImportState {
  importPaths(paths: string[]): Promise<void>;
  pickVideoPaths(): Promise<string[]>;
  uploadFiles(files: File[]): Promise<void>;
}

export const initialImportState: ImportState = { uploads: [], importing: false, transportKind: 'http' };

let nextUpload = 1;

export const createImportSlice: SliceCreator<ImportSlice> = (client) => (set, get) => {
  function report(result: ImportResult): void {
    for (const v of result.imported) void get().refreshVideo(v.id);
    for (const d of result.duplicates) get().notify('info', `${d.path} is already in the project.`);
    for (const f of result.failed) get().notify('error', f.message);
    if (result.imported.length > 0) void get().loadJobs();
  }
  function patch(id: number, change: Partial<Upload>): void {
    set((s) => ({ uploads: s.uploads.map((u) => (u.id === id ? { ...u, ...change } : u)) }));
  }
  return {
    ...initialImportState,
    transportKind: client.transport.kind,
    pickVideoPaths: () => client.transport.pickVideoPaths?.() ?? Promise.resolve([]),
    async importPaths(paths) {
      const list = paths.map((p) => p.trim()).filter((p) => p.length > 0);
      if (list.length === 0) return;
      set({ importing: true });
      try {
        report(await client.call('videos.import', { paths: list }));
      } catch (err) {
        get().notify('error', `Import failed: ${errorMessage(err)}`);
      } finally {
        set({ importing: false });
      }
    },
    async uploadFiles(files) {
      const upload = client.transport.uploadVideo;
      if (!upload) return;
      for (const file of files) {
        const id = nextUpload++;
        set((s) => ({
          uploads: [...s.uploads, { id, name: file.name, loaded: 0, total: file.size, state: 'uploading' }],
        }));
        const envelope = await upload(file, ({ loaded, total }) =>
          patch(id, { loaded, total, state: loaded >= total ? 'importing' : 'uploading' }),
        );
        if (envelope.ok) {
          report(envelope.value);
          patch(id, { state: envelope.value.failed.length > 0 ? 'failed' : 'done' });
        } else {
          get().notify('error', envelope.error.message);
          patch(id, { state: 'failed' });
        }
        setTimeout(
          () => set((s) => ({ uploads: s.uploads.filter((u) => u.id !== id || u.state === 'uploading') })),
          4000,
        );
      }
    },
  };
};
