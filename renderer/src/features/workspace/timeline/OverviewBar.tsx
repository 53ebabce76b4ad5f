import { useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useApp, useAppStore } from '../../../store/store';
import { useWorkspace } from '../workspaceContext';
import { clampView } from './view';

/** A scroll bar for the timeline: the thumb is the part of the video in view; drag it to move. */
export function OverviewBar() {
  const store = useAppStore();
  const { video } = useWorkspace();
  const start = useApp((s) => s.tlStart);
  const fpp = useApp((s) => s.tlFramesPerPx);
  const width = useApp((s) => s.tlWidth);
  const barRef = useRef<HTMLDivElement>(null);
  const grab = useRef<{ x0: number; start0: number } | null>(null);
  const n = video.frameCount;
  const span = Math.min(n, width * fpp);
  const left = (start / n) * 100;
  const w = Math.max(1, (span / n) * 100);

  function moveTo(e: ReactPointerEvent<HTMLDivElement>): void {
    const bar = barRef.current;
    if (!bar || !grab.current) return;
    const r = bar.getBoundingClientRect();
    const s = store.getState();
    const delta = ((e.clientX - grab.current.x0) / r.width) * n;
    const v = clampView(
      { start: grab.current.start0 + delta, framesPerPx: s.tlFramesPerPx, width: s.tlWidth },
      n,
    );
    s.setTimelineView({ tlStart: v.start });
  }

  return (
    <div
      className="tl-overview"
      ref={barRef}
      onPointerDown={(e) => {
        const bar = barRef.current;
        if (!bar) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const r = bar.getBoundingClientRect();
        const atFrame = ((e.clientX - r.left) / r.width) * n;
        const s = store.getState();
        // A press beside the thumb centres the view there first.
        if (atFrame < start || atFrame > start + span) {
          const v = clampView(
            { start: atFrame - span / 2, framesPerPx: s.tlFramesPerPx, width: s.tlWidth },
            n,
          );
          s.setTimelineView({ tlStart: v.start });
          grab.current = { x0: e.clientX, start0: v.start };
        } else grab.current = { x0: e.clientX, start0: start };
      }}
      onPointerMove={moveTo}
      onPointerUp={() => (grab.current = null)}
      aria-hidden="true"
    >
      <div className="tl-overview-thumb" style={{ left: `${left}%`, width: `${w}%` }} />
    </div>
  );
}
