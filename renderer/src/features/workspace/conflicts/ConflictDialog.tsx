import { useApp } from '../../../store/store';
import { Modal } from '../../../ui/Modal';
import { LabelText } from '../labels/LabelText';

/**
 * Someone else changed a segment this tab was changing. Their version is on screen now; the user keeps it
 * or applies their own change again on top of it.
 */
export function ConflictDialog() {
  const conflict = useApp((s) => s.conflict);
  const theirs = useApp((s) => (s.conflict ? s.segments[s.conflict.segmentId] : undefined));
  const resolve = useApp((s) => s.resolveConflict);
  if (!conflict) return null;
  return (
    <Modal title="Changed by someone else" onClose={() => void resolve('theirs')} className="conflict">
      <p>
        This segment was changed in another window or by another person since you loaded it, so{' '}
        <strong>{conflict.what}</strong> was not saved.
      </p>
      <p className="muted small">{conflict.message}</p>
      {theirs ? (
        <dl className="meta">
          <dt>Their version</dt>
          <dd>
            frames {theirs.startFrame}–{theirs.endFrame} · <LabelText label={theirs.label} />
            {theirs.uncertain ? ' · uncertain' : ''} · {theirs.keyframes.length} box keyframes
          </dd>
          {theirs.note && (
            <>
              <dt>Note</dt>
              <dd>{theirs.note}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>They removed the segment.</p>
      )}
      <div className="modal-foot">
        <button type="button" onClick={() => void resolve('theirs')}>
          Keep theirs
        </button>
        {theirs && (
          <button type="button" className="primary" onClick={() => void resolve('mine')}>
            Apply mine on top
          </button>
        )}
      </div>
    </Modal>
  );
}
