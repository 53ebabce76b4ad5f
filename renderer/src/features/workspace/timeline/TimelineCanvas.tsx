import { useEffect, useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { clampFrame } from '../../../../../shared/frames/frameTimes';
import type { AppStore } from '../../../store/types';
import { recordTimelineDraw } from '../../../debug';
import { useAppStore } from '../../../store/store';
import { useWorkspace } from '../workspaceContext';
import type { DragPreview, TimelineModel } from './drawTimeline';
import { drawTimeline } from './drawTimeline';
import type { LaneItem, LaneLayout } from './lanes';
import { hitTest } from './lanes';
import { wouldOverlap } from './overlapPreview';
import { thumbnailsOf } from './thumbnails';
import type { View } from './view';
import { boundaryAtX, clampView, ensureVisible, fitView, frameAtX, frameToX, zoomAround } from './view';

type Drag =
  | { kind: 'scrub' }
  | { kind: 'edge'; item: LaneItem; edge: 'start' | 'end'; moved: boolean }
  | { kind: 'create'; actorId: string; startFrame: number; x0: number; moved: boolean }
  | { kind: 'select'; x0: number };

function viewOf(s: AppStore): View {
  return { start: s.tlStart, framesPerPx: s.tlFramesPerPx, width: s.tlWidth };
}

/**
 * The timeline's drawing: a canvas redrawn only when what it shows changes (segments are culled to the
 * view, so ten thousand of them cost no more than those on screen), and a playhead element moved on its own.
 */
export function TimelineCanvas({ layout }: { layout: LaneLayout }) {
  const store = useAppStore();
  const { video, player } = useWorkspace();
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const playheadRef = useRef<HTMLDivElement>(null);
  const layoutRef = useRef(layout);
  const dragRef = useRef<Drag | null>(null);
  const previewRef = useRef<DragPreview | null>(null);
  const frameRequest = useRef(0);
  const drawRef = useRef<() => void>(() => undefined);
  const frameCount = video.frameCount;

  const scheduleRef = useRef(() => {
    if (frameRequest.current) return;
    frameRequest.current = requestAnimationFrame(() => {
      frameRequest.current = 0;
      drawRef.current();
    });
  });

  useEffect(() => {
    const schedule = scheduleRef.current;
    const thumbnails = thumbnailsOf(video, schedule);
    drawRef.current = () => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const s = store.getState();
      const dpr = window.devicePixelRatio || 1;
      const l = layoutRef.current;
      const height = Math.max(l.height, 60);
      const width = s.tlWidth;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const model: TimelineModel = {
        view: viewOf(s),
        height,
        frameCount,
        layout: l,
        tree: s.taxonomyTree,
        selectedSegmentId: s.selectedSegmentId,
        selectedActorId: s.selectedActorId,
        markIn: s.markIn,
        playhead: player.currentFrame,
        preview: previewRef.current,
        thumbnails,
      };
      const t0 = performance.now();
      drawTimeline(ctx, model);
      recordTimelineDraw(performance.now() - t0);
      // The view, for tests that point at frames.
      canvas.dataset.viewStart = String(s.tlStart);
      canvas.dataset.framesPerPx = String(s.tlFramesPerPx);
      placePlayhead();
    };
    function placePlayhead(): void {
      const el = playheadRef.current;
      if (!el) return;
      const s = store.getState();
      const view = viewOf(s);
      const x = frameToX(view, s.frame);
      const w = Math.max(2, 1 / view.framesPerPx);
      el.style.transform = `translateX(${x}px)`;
      el.style.width = `${w}px`;
      el.style.height = `${Math.max(layoutRef.current.height, 60)}px`;
      el.style.display = x + w < 0 || x > view.width ? 'none' : 'block';
    }
    scheduleRef.current();
    const unsubscribe = store.subscribe((s, prev) => {
      if (
        s.tlStart !== prev.tlStart ||
        s.tlFramesPerPx !== prev.tlFramesPerPx ||
        s.tlWidth !== prev.tlWidth ||
        s.selectedSegmentId !== prev.selectedSegmentId ||
        s.selectedActorId !== prev.selectedActorId ||
        s.markIn !== prev.markIn ||
        s.taxonomyTree !== prev.taxonomyTree ||
        (s.markIn !== null && (s.frame !== prev.frame || s.targetFrame !== prev.targetFrame))
      ) {
        scheduleRef.current();
      }
      if (s.frame !== prev.frame) {
        placePlayhead();
        if (s.prefs.followPlayhead && !dragRef.current) {
          const view = viewOf(s);
          const next = ensureVisible(view, s.frame, frameCount);
          if (next !== view) s.setTimelineView({ tlStart: next.start });
        }
      }
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frameRequest.current);
      frameRequest.current = 0;
    };
  }, [store, player, frameCount, video]);

  useEffect(() => {
    layoutRef.current = layout;
    scheduleRef.current();
  }, [layout]);

  // The drawing area's width; the first measure fits the whole video.
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    let first = true;
    const ro = new ResizeObserver(() => {
      const width = Math.max(50, Math.floor(wrap.clientWidth));
      const s = store.getState();
      const view = first ? fitView(frameCount, width) : clampView({ ...viewOf(s), width }, frameCount);
      first = false;
      s.setTimelineView({ tlWidth: width, tlStart: view.start, tlFramesPerPx: view.framesPerPx });
      scheduleRef.current();
    });
    ro.observe(wrap);
    return () => ro.disconnect();
  }, [store, frameCount]);

  // Ctrl/Alt + wheel zooms around the pointer; the wheel alone scrolls through time.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      const s = store.getState();
      const view = viewOf(s);
      const x = e.clientX - canvas.getBoundingClientRect().left;
      let next: View;
      if (e.ctrlKey || e.altKey) {
        next = zoomAround(view, Math.exp(-e.deltaY * 0.0025), view.start + x * view.framesPerPx, frameCount);
      } else {
        const d = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
        if (d === 0) return;
        next = clampView({ ...view, start: view.start + d * view.framesPerPx }, frameCount);
      }
      e.preventDefault();
      s.setTimelineView({ tlStart: next.start, tlFramesPerPx: next.framesPerPx });
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [store, frameCount]);

  function local(e: { clientX: number; clientY: number }): { x: number; y: number } {
    const r = (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  function setPreview(p: DragPreview | null): void {
    previewRef.current = p;
    scheduleRef.current();
  }

  function onPointerDown(e: ReactPointerEvent<HTMLCanvasElement>): void {
    if (e.button !== 0) return;
    const { x, y } = local(e);
    const s = store.getState();
    const view = viewOf(s);
    const hit = hitTest(layoutRef.current, view, x, y);
    e.currentTarget.setPointerCapture(e.pointerId);
    switch (hit.kind) {
      case 'ruler':
        dragRef.current = { kind: 'scrub' };
        player.seek(frameAtX(view, x, frameCount), { t0: e.timeStamp, kind: 'seek' });
        return;
      case 'segment': {
        s.selectSegment(hit.item.seg.id);
        if (hit.edge) {
          dragRef.current = { kind: 'edge', item: hit.item, edge: hit.edge, moved: false };
          return;
        }
        dragRef.current = { kind: 'select', x0: x };
        const f = frameAtX(view, x, frameCount);
        const seg = hit.item.seg;
        if (player.currentFrame < seg.startFrame || player.currentFrame > seg.endFrame)
          player.seek(f, { t0: e.timeStamp, kind: 'seek' });
        return;
      }
      case 'lane': {
        s.selectActor(hit.lane.actor.id);
        s.selectSegment(null);
        dragRef.current = {
          kind: 'create',
          actorId: hit.lane.actor.id,
          startFrame: frameAtX(view, x, frameCount),
          x0: x,
          moved: false,
        };
        return;
      }
      case 'none':
        return;
    }
  }

  function onPointerMove(e: ReactPointerEvent<HTMLCanvasElement>): void {
    const { x, y } = local(e);
    const s = store.getState();
    const view = viewOf(s);
    const drag = dragRef.current;
    if (!drag) {
      const hit = hitTest(layoutRef.current, view, x, y);
      e.currentTarget.style.cursor =
        hit.kind === 'ruler'
          ? 'col-resize'
          : hit.kind === 'segment'
            ? hit.edge
              ? 'ew-resize'
              : 'pointer'
            : hit.kind === 'lane'
              ? 'crosshair'
              : 'default';
      return;
    }
    switch (drag.kind) {
      case 'scrub':
        player.seek(frameAtX(view, x, frameCount), { t0: e.timeStamp, kind: 'seek' });
        return;
      case 'edge': {
        drag.moved = true;
        const seg = drag.item.seg;
        const b = boundaryAtX(view, x, frameCount);
        const startFrame = drag.edge === 'start' ? Math.min(b, seg.endFrame) : seg.startFrame;
        const endFrame =
          drag.edge === 'end' ? clampFrame(Math.max(b - 1, seg.startFrame), frameCount) : seg.endFrame;
        const refused = wouldOverlap(
          s.segments,
          { id: seg.id, actorId: seg.actorId, startFrame, endFrame, labelNodeId: seg.label?.nodeId ?? null },
          s.taxonomyTree,
        );
        setPreview({
          actorId: seg.actorId,
          segmentId: seg.id,
          level: drag.item.level,
          startFrame,
          endFrame,
          refused,
        });
        return;
      }
      case 'create': {
        if (!drag.moved && Math.abs(x - drag.x0) < 4) return;
        drag.moved = true;
        const end = frameAtX(view, x, frameCount);
        const startFrame = Math.min(drag.startFrame, end);
        const endFrame = Math.max(drag.startFrame, end);
        const refused = wouldOverlap(
          s.segments,
          { id: '', actorId: drag.actorId, startFrame, endFrame, labelNodeId: null },
          s.taxonomyTree,
        );
        setPreview({ actorId: drag.actorId, segmentId: null, level: 0, startFrame, endFrame, refused });
        return;
      }
      case 'select':
        return;
    }
  }

  async function onPointerUp(e: ReactPointerEvent<HTMLCanvasElement>): Promise<void> {
    const drag = dragRef.current;
    dragRef.current = null;
    if (!drag) return;
    const s = store.getState();
    const view = viewOf(s);
    const preview = previewRef.current;
    switch (drag.kind) {
      case 'scrub':
      case 'select':
        return;
      case 'edge': {
        const seg = drag.item.seg;
        if (
          drag.moved &&
          preview &&
          (preview.startFrame !== seg.startFrame || preview.endFrame !== seg.endFrame)
        ) {
          // Saved on release: one edit for the whole drag. The preview stays until the answer.
          await s.updateSegment(
            seg.id,
            { startFrame: preview.startFrame, endFrame: preview.endFrame },
            `move the segment's ${drag.edge === 'start' ? 'start' : 'end'} to frame ${drag.edge === 'start' ? preview.startFrame : preview.endFrame}`,
          );
        }
        setPreview(null);
        return;
      }
      case 'create': {
        if (!drag.moved || !preview) {
          const { x } = local(e);
          player.seek(frameAtX(view, x, frameCount), { t0: e.timeStamp, kind: 'seek' });
          return;
        }
        const made = await s.createSegment({
          actorId: drag.actorId,
          startFrame: preview.startFrame,
          endFrame: preview.endFrame,
        });
        setPreview(null);
        if (made) store.getState().selectSegment(made.id);
        return;
      }
    }
  }

  return (
    <div className="tl-canvas-wrap" ref={wrapRef}>
      <canvas
        ref={canvasRef}
        className="tl-canvas"
        aria-label="Timeline"
        data-testid="timeline-canvas"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(e) => void onPointerUp(e)}
        onPointerCancel={() => {
          dragRef.current = null;
          setPreview(null);
        }}
        onDoubleClick={(e) => {
          const { x, y } = local(e);
          const hit = hitTest(layoutRef.current, viewOf(store.getState()), x, y);
          if (hit.kind === 'segment') player.seek(hit.item.seg.startFrame);
        }}
      />
      <div className="tl-playhead" ref={playheadRef} aria-hidden="true" />
    </div>
  );
}
