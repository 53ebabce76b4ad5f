import { useApp } from '../../../store/store';
import { Modal } from '../../../ui/Modal';
import { AuditLog } from '../../audit/AuditLog';

/** The audit log of the selected tube, over the workspace (its keys pause while it is open). */
export function AuditDialog() {
  const segmentId = useApp((s) => s.selectedSegmentId);
  const closePanel = useApp((s) => s.closePanel);
  return (
    <Modal title="History of the tube" onClose={closePanel} wide>
      {segmentId ? (
        <AuditLog segmentIds={[segmentId]} fileStem={`tube-${segmentId.slice(0, 8)}`} />
      ) : (
        <p className="muted">No tube selected.</p>
      )}
    </Modal>
  );
}
