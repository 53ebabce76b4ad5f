import { useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import type { Actor, Segment } from '../../../../../shared/domain/annotation';
import type { Box, BoxKind } from '../../../../../shared/tracks/interpolate';
import { boxAt, clampBox } from '../../../../../shared/tracks/interpolate';
import { useApp, useAppStore } from '../../../store/store';
import { actorName, targetSegment } from '../segmentQueries';
import { useWorkspace } from '../workspaceContext';
import type { Handle, Point } from './boxGeometry';
import {
  HANDLES,
  HANDLE_CURSOR,
  boxFromPoints,
  contains,
  handleAt,
  handlePoint,
  moveBox,
  resizeBox,
  roundBox,
} from './boxGeometry';

interface Shown {
  seg: Segment;
  actor: Actor | undefined;
  box: Box | null;
  kind: BoxKind;
}

type Drag =
  | { kind: 'draw'; seg: Segment; from: Point; box: Box }
  | { kind: 'move'; seg: Segment; from: Point; start: Box; box: Box }
  | { kind: 'resize'; seg: Segment; handle: Handle; from: Point; start: Box; box: Box };

const HANDLE_PX = 5;

/**
 * The boxes of every segment at the frame on screen, in video pixels (the SVG's viewBox is the video's
 * displayed size, so they scale with the player). Keyframes are solid, interpolated boxes dashed, held
 * boxes dotted. The selected segment's box can be drawn, moved and resized: each release saves a keyframe.
 */
export function BoxOverlay({ scale }: { scale: number }) {
  const store = useAppStore();
  const { video, player } = useWorkspace();
  const frame = useApp((s) => s.frame);
  const targetFrame = useApp((s) => s.targetFrame);
  const playing = useApp((s) => s.playing);
  const segments = useApp((s) => s.segments);
  const actors = useApp((s) => s.actors);
  const tree = useApp((s) => s.taxonomyTree);
  const selectedSegmentId = useApp((s) => s.selectedSegmentId);
  const selectedActorId = useApp((s) => s.selectedActorId);
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const W = video.width;
  const H = video.height;
  const unit = 1 / Math.max(scale, 1e-6);

  const shown = useMemo<Shown[]>(() => {
    const out: Shown[] = [];
    for (const seg of Object.values(segments)) {
      if (frame < seg.startFrame || frame > seg.endFrame) continue;
      const at = boxAt(seg.keyframes, frame);
      out.push({ seg, actor: actors[seg.actorId], ...at });
    }
    return out;
  }, [segments, actors, frame]);

  const active = useMemo(
    () => targetSegment({ segments, selectedSegmentId, selectedActorId }, frame),
    [segments, selectedSegmentId, selectedActorId, frame],
  );
  const activeShown = active && frame >= active.startFrame && frame <= active.endFrame ? active : null;

  function point(e: ReactPointerEvent): Point {
    const r = (svgRef.current as SVGSVGElement).getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * W, y: ((e.clientY - r.top) / r.height) * H };
  }

  function onPointerDown(e: ReactPointerEvent<SVGSVGElement>): void {
    if (e.button !== 0) return;
    const s = store.getState();
    if (s.playing || s.targetFrame !== null) {
      // Boxes are drawn on a still frame: the one on screen once it has settled.
      player.pause();
      return;
    }
    const p = point(e);
    const radius = HANDLE_PX * 1.6 * unit;
    if (activeShown) {
      const cur = boxAt(activeShown.keyframes, frame);
      if (cur.box) {
        const handle = handleAt(cur.box, p, radius);
        if (handle) {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDrag({ kind: 'resize', seg: activeShown, handle, from: p, start: cur.box, box: cur.box });
          return;
        }
        if (contains(cur.box, p)) {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDrag({ kind: 'move', seg: activeShown, from: p, start: cur.box, box: cur.box });
          return;
        }
      }
    }
    // A click on another person's box selects that segment.
    const other = shown.find((x) => x.box && x.seg.id !== activeShown?.id && contains(x.box, p));
    if (other) {
      s.selectSegment(other.seg.id);
      return;
    }
    if (!activeShown) {
      const who = s.selectedActorId ? s.actors[s.selectedActorId] : undefined;
      s.notify(
        'info',
        who
          ? `${actorName(who)} has no segment at frame ${frame}: mark one first (I, then O), then draw the box.`
          : 'Pick a person first ([ and ] or a lane; A adds one), mark a segment, then draw the box.',
      );
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ kind: 'draw', seg: activeShown, from: p, box: boxFromPoints(p, p) });
  }

  function onPointerMove(e: ReactPointerEvent<SVGSVGElement>): void {
    const p = point(e);
    if (!drag) {
      let cursor = 'crosshair';
      if (activeShown) {
        const cur = boxAt(activeShown.keyframes, frame).box;
        const handle = cur ? handleAt(cur, p, HANDLE_PX * 1.6 * unit) : null;
        if (handle) cursor = HANDLE_CURSOR[handle];
        else if (cur && contains(cur, p)) cursor = 'move';
      }
      e.currentTarget.style.cursor = cursor;
      return;
    }
    const dx = p.x - drag.from.x;
    const dy = p.y - drag.from.y;
    switch (drag.kind) {
      case 'draw':
        setDrag({
          ...drag,
          box: boxFromPoints(drag.from, {
            x: Math.min(W, Math.max(0, p.x)),
            y: Math.min(H, Math.max(0, p.y)),
          }),
        });
        return;
      case 'move':
        setDrag({ ...drag, box: moveBox(drag.start, dx, dy, W, H) });
        return;
      case 'resize':
        setDrag({ ...drag, box: resizeBox(drag.start, drag.handle, dx, dy) });
        return;
    }
  }

  function onPointerUp(): void {
    const d = drag;
    if (!d) return;
    const changed =
      d.kind === 'draw'
        ? d.box.width * scale >= 3 && d.box.height * scale >= 3
        : d.box.x !== d.start.x ||
          d.box.y !== d.start.y ||
          d.box.width !== d.start.width ||
          d.box.height !== d.start.height;
    const clamped = clampBox(d.box, W, H);
    if (changed && clamped) {
      // One edit per release: a keyframe at the frame on screen.
      void store
        .getState()
        .setKeyframe(d.seg.id, { frame, ...roundBox(clamped), outside: false })
        .finally(() => setDrag(null));
    } else setDrag(null);
  }

  const busy = playing || targetFrame !== null;

  return (
    <svg
      ref={svgRef}
      className="box-overlay"
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      aria-label="Boxes on the frame"
      data-frame={frame}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
    >
      {shown.map(({ seg, actor, box, kind }) => {
        const selected = seg.id === activeShown?.id;
        const draft = drag && drag.seg.id === seg.id ? drag.box : null;
        const b = draft ?? box;
        const name = actor ? actorName(actor) : '?';
        const label = seg.label
          ? (tree?.nodes.get(seg.label.nodeId)?.name ?? seg.label.nodeId)
          : 'unlabelled';
        if (!b) {
          if (!selected || kind === 'none') return null;
          return (
            <g key={seg.id} data-segment-id={seg.id} data-box-kind={kind}>
              <text x={8 * unit} y={20 * unit} className="box-outside" fontSize={13 * unit}>
                {name}: {kind === 'outside' ? 'outside the view' : 'no box yet: drag to draw one'}
              </text>
            </g>
          );
        }
        const color = actor?.color ?? '#ffffff';
        const shownKind: BoxKind = draft ? 'keyframe' : kind;
        return (
          <g
            key={seg.id}
            className={`box box-${shownKind}${selected ? ' box-selected' : ''}`}
            data-segment-id={seg.id}
            data-box-kind={shownKind}
            data-box={`${b.x.toFixed(1)},${b.y.toFixed(1)},${b.width.toFixed(1)},${b.height.toFixed(1)}`}
          >
            <rect
              x={b.x}
              y={b.y}
              width={b.width}
              height={b.height}
              stroke={color}
              strokeWidth={selected ? 2.5 : 1.5}
              strokeDasharray={
                shownKind === 'interpolated' ? '8 5' : shownKind === 'held' ? '3 3' : undefined
              }
              fill={selected ? `${color}22` : 'none'}
              vectorEffect="non-scaling-stroke"
            />
            <text
              x={b.x + b.width / 2 > W * 0.6 ? b.x + b.width - 3 * unit : b.x + 3 * unit}
              y={b.y > 18 * unit ? b.y - 5 * unit : b.y + 15 * unit}
              textAnchor={b.x + b.width / 2 > W * 0.6 ? 'end' : 'start'}
              fill={color}
              fontSize={12 * unit}
              className="box-tag"
            >
              {name} · {label}
              {shownKind === 'keyframe'
                ? ' ◆'
                : shownKind === 'interpolated'
                  ? ' (interpolated)'
                  : shownKind === 'held'
                    ? ' (held)'
                    : ''}
            </text>
            {selected &&
              HANDLES.map((h) => {
                const q = handlePoint(b, h);
                return (
                  <rect
                    key={h}
                    className="box-handle"
                    x={q.x - HANDLE_PX * unit}
                    y={q.y - HANDLE_PX * unit}
                    width={HANDLE_PX * 2 * unit}
                    height={HANDLE_PX * 2 * unit}
                    fill={shownKind === 'keyframe' ? color : '#16181d'}
                    stroke={color}
                    vectorEffect="non-scaling-stroke"
                  />
                );
              })}
          </g>
        );
      })}
      {drag?.kind === 'draw' && !shown.some((x) => x.seg.id === drag.seg.id) && (
        <rect
          x={drag.box.x}
          y={drag.box.y}
          width={drag.box.width}
          height={drag.box.height}
          stroke="#ffffff"
          fill="none"
          vectorEffect="non-scaling-stroke"
        />
      )}
      {busy && <title>Paused frames only: the box is drawn on the frame on screen</title>}
    </svg>
  );
}
