import { useApp } from '../../../store/store';
import { Modal } from '../../../ui/Modal';

/**
 * The next edit to undo cannot be undone any more: what it changed has been changed since (in another
 * window, or by another person). Rather than leave undo stuck on it, the user may skip it: it stays as it
 * is, and undo goes on with the edit before.
 */
export function UndoBlockedDialog() {
  const blocked = useApp((s) => s.undoBlocked);
  const resolve = useApp((s) => s.resolveUndoBlocked);
  if (!blocked) return null;
  return (
    <Modal title="Cannot undo this edit" onClose={() => void resolve('keep')} className="conflict">
      <p>
        <strong>{blocked.summary}</strong> cannot be undone: what it changed has been changed since, in
        another window or by another person.
      </p>
      <p className="muted small">{blocked.message}</p>
      <p>Skip it to undo the edits before it. It stays as it is now, and in the audit log.</p>
      <div className="modal-foot">
        <button type="button" onClick={() => void resolve('keep')}>
          Not now
        </button>
        <button type="button" className="primary" onClick={() => void resolve('skip')}>
          Skip it
        </button>
      </div>
    </Modal>
  );
}
