import type { Segment } from '../../../shared/domain/annotation';
import { ApiCallError, errorMessage } from '../api/client';
import { tabClientId } from './clientId';
import type { SliceCreator } from './types';

/** Someone else changed a segment since this tab loaded it: the user keeps theirs or re-applies this change. */
export interface PendingConflict {
  segmentId: string;
  /** The change that was refused, for people ("change the label"). */
  what: string;
  message: string;
  /** Re-runs the change on the segment as it is now. */
  retry: (fresh: Segment) => Promise<void>;
}

export interface EditsState {
  /** This tab's client id (sessionStorage): its undo history survives a reload. */
  clientId: string;
  canUndo: boolean;
  canRedo: boolean;
  /** Edits sent and not answered yet. */
  savingEdits: number;
  /** What the last edit, undo or redo did, for the status line. */
  editStatus: string;
  conflict: PendingConflict | null;
  /** The next edit to undo cannot be undone any more (changed since): the user skips it or keeps it. */
  undoBlocked: { editId: number; summary: string; message: string } | null;
}

export interface EditsSlice extends EditsState {
  /**
   * Runs one edit (one API call) after those before it, so edits reach the engine in the order they were
   * made. Failures are shown with the engine's message; returns whether it was saved.
   */
  runEdit(what: string, fn: () => Promise<void>): Promise<boolean>;
  /** As runEdit, for an edit of one segment that names its revision: a stale revision opens a conflict. */
  runSegmentEdit(segmentId: string, what: string, op: (current: Segment) => Promise<void>): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  loadUndoState(): Promise<void>;
  resolveConflict(choice: 'theirs' | 'mine'): Promise<void>;
  /** Answers `undoBlocked`: skip the edit (undo goes on with the one before) or leave it for now. */
  resolveUndoBlocked(choice: 'skip' | 'keep'): Promise<void>;
}

export function initialEditsState(): EditsState {
  return {
    clientId: tabClientId(),
    canUndo: false,
    canRedo: false,
    savingEdits: 0,
    editStatus: '',
    conflict: null,
    undoBlocked: null,
  };
}

export const createEditsSlice: SliceCreator<EditsSlice> = (client) => (set, get) => {
  let chain: Promise<unknown> = Promise.resolve();
  function enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  }

  async function attempt(
    what: string,
    fn: () => Promise<void>,
    segment: { id: string; op: (current: Segment) => Promise<void> } | null,
  ): Promise<boolean> {
    set((s) => ({ savingEdits: s.savingEdits + 1 }));
    try {
      await enqueue(fn);
      set({ canUndo: true, canRedo: false, editStatus: `Saved: ${what}` });
      return true;
    } catch (err) {
      if (
        segment &&
        err instanceof ApiCallError &&
        err.error.code === 'conflict' &&
        err.error.where === segment.id
      ) {
        // A stale revision (an overlap names the other segment). Show what is there now, then ask.
        await get().refreshSegments([segment.id], true);
        set({
          conflict: { segmentId: segment.id, what, message: err.error.message, retry: segment.op },
          editStatus: `Not saved: ${what}`,
        });
      } else {
        get().notify('error', `Cannot ${what}. ${errorMessage(err)}`);
        set({ editStatus: `Not saved: ${what}` });
      }
      return false;
    } finally {
      set((s) => ({ savingEdits: s.savingEdits - 1 }));
    }
  }

  async function undoOrRedo(direction: 'undo' | 'redo'): Promise<void> {
    set((s) => ({ savingEdits: s.savingEdits + 1 }));
    // The edit an undo refused as a conflict, asked for before this tab's next edit can run (in the chain).
    const refused: { next: { editId: number; summary: string } | null } = { next: null };
    try {
      const r = await enqueue(async () => {
        const clientId = get().clientId;
        try {
          return await client.call(`edits.${direction}`, { clientId });
        } catch (err) {
          if (direction === 'undo' && err instanceof ApiCallError && err.error.code === 'conflict') {
            refused.next = await client
              .call('edits.state', { clientId })
              .then((st) => st.nextUndo)
              .catch(() => null);
          }
          throw err;
        }
      });
      set({ canUndo: r.canUndo, canRedo: r.canRedo });
      if (!r.entry) {
        set({ editStatus: direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo' });
        return;
      }
      get().applyEntryChanges(r.entry);
      const elsewhere =
        r.entry.videoId !== null && r.entry.videoId !== get().annVideoId ? ' (in another video)' : '';
      set({ editStatus: `${r.entry.summary}${elsewhere}` });
    } catch (err) {
      const next = refused.next;
      if (next && err instanceof ApiCallError) {
        // Changed since by someone else: the user is asked whether to skip it, rather than stuck on it.
        set({
          undoBlocked: { ...next, message: err.error.message },
          editStatus: `Not undone: ${next.summary}`,
        });
      } else {
        get().notify('error', `Cannot ${direction}. ${errorMessage(err)}`);
      }
      void get().loadUndoState();
    } finally {
      set((s) => ({ savingEdits: s.savingEdits - 1 }));
    }
  }

  return {
    ...initialEditsState(),
    runEdit: (what, fn) => attempt(what, fn, null),
    runSegmentEdit(segmentId, what, op) {
      return attempt(
        what,
        async () => {
          const current = get().segments[segmentId];
          if (!current) throw new Error('That segment is no longer there (removed, maybe by someone else).');
          await op(current);
        },
        { id: segmentId, op },
      );
    },
    undo: () => undoOrRedo('undo'),
    redo: () => undoOrRedo('redo'),
    async loadUndoState() {
      try {
        const r = await client.call('edits.state', { clientId: get().clientId });
        set({ canUndo: r.canUndo, canRedo: r.canRedo });
      } catch {
        // The buttons stay as they were; the next edit says more.
      }
    },
    async resolveUndoBlocked(choice) {
      const blocked = get().undoBlocked;
      set({ undoBlocked: null });
      if (!blocked || choice === 'keep') return;
      try {
        const r = await enqueue(() =>
          client.call('edits.skipUndo', { clientId: get().clientId, editId: blocked.editId }),
        );
        set({
          canUndo: r.canUndo,
          canRedo: r.canRedo,
          editStatus: `Skipped in the undo history (left as it is): ${blocked.summary}`,
        });
      } catch (err) {
        get().notify('error', `Cannot skip "${blocked.summary}". ${errorMessage(err)}`);
        void get().loadUndoState();
      }
    },
    async resolveConflict(choice) {
      const conflict = get().conflict;
      if (!conflict) return;
      set({ conflict: null });
      if (choice === 'theirs') {
        set({ editStatus: `Kept their version; dropped: ${conflict.what}` });
        return;
      }
      const fresh = get().segments[conflict.segmentId];
      if (!fresh) {
        get().notify('error', `Cannot ${conflict.what}: the segment has been removed.`);
        return;
      }
      await get().runSegmentEdit(conflict.segmentId, conflict.what, conflict.retry);
    },
  };
};
