import { useApp } from '../../../store/store';
import { SkeletonOverlay, usePoses } from '../../poses';
import { useWorkspace } from '../workspaceContext';

/** The selected tube's 2D skeleton over the frame on screen, where its poses are loaded and the switch is on. */
export function StageSkeleton() {
  const { video } = useWorkspace();
  const segmentId = useApp((s) => s.selectedSegmentId);
  const frame = useApp((s) => s.frame);
  const overlayOn = usePoses((s) => s.overlayOn);
  const poses = usePoses((s) => (segmentId ? (s.tubes[segmentId]?.poses ?? null) : null));
  if (!overlayOn || !poses) return null;
  return <SkeletonOverlay poses={poses} frame={frame} videoWidth={video.width} videoHeight={video.height} />;
}
