import { useEffect, useMemo } from 'react';
import { useApp } from '../../../store/store';
import { PoseQualitySummary, Skeleton3DView, SkeletonOverlayToggle, usePoses } from '../../poses';
import { useWorkspace } from '../workspaceContext';

/**
 * The selected tube's poses beside the player: the overlay switch, the 3D view of the frame on screen, and
 * the quality of the video's extractions, with extraction offered where a tube has none or changed since.
 */
export function PosePanel() {
  const { video } = useWorkspace();
  const segmentId = useApp((s) => s.selectedSegmentId);
  const frame = useApp((s) => s.frame);
  const segments = useApp((s) => s.segments);
  const notify = useApp((s) => s.notify);
  const entry = usePoses((s) => (segmentId ? s.tubes[segmentId] : undefined));
  const summaries = usePoses((s) => s.summaries[video.id]);
  const overlayOn = usePoses((s) => s.overlayOn);
  const setOverlayOn = usePoses((s) => s.setOverlayOn);
  const loadTubePoses = usePoses((s) => s.loadTubePoses);
  const loadSummaries = usePoses((s) => s.loadSummaries);
  const reextract = usePoses((s) => s.reextract);

  useEffect(() => {
    void loadSummaries(video.id);
  }, [video.id, loadSummaries]);
  useEffect(() => {
    if (segmentId) void loadTubePoses(segmentId);
  }, [segmentId, loadTubePoses]);

  const label = useMemo(
    () => (id: string) => {
      const s = segments[id];
      return s ? `frames ${s.startFrame}–${s.endFrame}` : id.slice(0, 8);
    },
    [segments],
  );
  const extract = (ids: string[]) =>
    void reextract(ids).then(
      () => notify('info', `Pose extraction queued for ${ids.length} tube${ids.length === 1 ? '' : 's'}.`),
      (err: unknown) =>
        notify('error', `Cannot extract poses: ${err instanceof Error ? err.message : String(err)}`),
    );

  const poses = entry?.status === 'ready' ? entry.poses : null;
  return (
    <section className="panel pose-panel" aria-label="Poses">
      <h3>
        Poses
        <span className="check">
          <SkeletonOverlayToggle on={overlayOn} onChange={setOverlayOn} />
        </span>
      </h3>
      {segmentId && entry?.status === 'none' && (
        <p className="muted">
          No poses for this tube yet.{' '}
          <button type="button" className="link" onClick={() => extract([segmentId])}>
            Extract
          </button>
        </p>
      )}
      {entry?.status === 'error' && <p className="warning">{entry.error}</p>}
      {poses && (
        <details className="pose-3d" open>
          <summary>3D pose of this frame (drag to turn)</summary>
          <Skeleton3DView poses={poses} frame={frame} width={220} height={170} />
        </details>
      )}
      {summaries && (
        <PoseQualitySummary summaries={summaries} tubeLabel={label} onReextract={(id) => extract([id])} />
      )}
    </section>
  );
}
