import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../../../store/store';
import { byStart } from '../segmentQueries';
import { useWorkspace } from '../workspaceContext';
import { LabelText } from '../labels/LabelText';

const ROW_H = 28;
const OVERSCAN = 6;

/**
 * Every segment of the video in time order. Only the rows in view are in the page, so ten thousand
 * segments cost what thirty do.
 */
export function SegmentList() {
  const { player } = useWorkspace();
  const segments = useApp((s) => s.segments);
  const actors = useApp((s) => s.actors);
  const selectedSegmentId = useApp((s) => s.selectedSegmentId);
  const selectedActorId = useApp((s) => s.selectedActorId);
  const selectSegment = useApp((s) => s.selectSegment);
  const [onlySelected, setOnlySelected] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(300);
  const boxRef = useRef<HTMLDivElement>(null);

  const list = useMemo(() => {
    const all = Object.values(segments);
    return (onlySelected && selectedActorId ? all.filter((s) => s.actorId === selectedActorId) : all).sort(
      byStart,
    );
  }, [segments, onlySelected, selectedActorId]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const ro = new ResizeObserver(() => setViewHeight(box.clientHeight));
    ro.observe(box);
    return () => ro.disconnect();
  }, []);

  // Keep the selected segment in view.
  useEffect(() => {
    const box = boxRef.current;
    if (!box || !selectedSegmentId) return;
    const i = list.findIndex((s) => s.id === selectedSegmentId);
    if (i < 0) return;
    const top = i * ROW_H;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + ROW_H > box.scrollTop + box.clientHeight) box.scrollTop = top + ROW_H - box.clientHeight;
  }, [selectedSegmentId, list]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(list.length, Math.ceil((scrollTop + viewHeight) / ROW_H) + OVERSCAN);
  const rows = list.slice(first, last);

  return (
    <section className="panel segment-list" aria-label="Segments">
      <h3>
        Segments <span className="muted">{list.length}</span>
        <label className="check">
          <input type="checkbox" checked={onlySelected} onChange={(e) => setOnlySelected(e.target.checked)} />
          selected person only
        </label>
      </h3>
      <div className="seg-scroll" ref={boxRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: list.length * ROW_H, position: 'relative' }} role="list">
          {rows.map((seg, k) => {
            const actor = actors[seg.actorId];
            return (
              <div
                role="listitem"
                key={seg.id}
                className={seg.id === selectedSegmentId ? 'seg-row selected' : 'seg-row'}
                style={{ top: (first + k) * ROW_H, height: ROW_H }}
                data-segment-id={seg.id}
                onClick={() => {
                  selectSegment(seg.id);
                  player.seek(seg.startFrame);
                }}
              >
                <span className="swatch" style={{ background: actor?.color }} />
                <span className="seg-frames">
                  {seg.startFrame}–{seg.endFrame}
                </span>
                <span className="seg-label">
                  {seg.uncertain && <span title="uncertain">? </span>}
                  <LabelText label={seg.label} />
                </span>
                {seg.keyframes.length > 0 && (
                  <span className="muted" title="box keyframes">
                    ◆{seg.keyframes.length}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
