import { useEffect, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import type { TubePoses } from '../../../../shared/domain/pose';
import type { ViewAngles } from './geometry';
import { bonesOf, dragAngles, rotate, skeletonAt, visibilityColor } from './geometry';

export interface Skeleton3DViewProps {
  poses: TubePoses | null;
  frame: number;
  /** CSS pixels. */
  width?: number;
  height?: number;
  raw?: boolean;
  /** Where the view starts; dragging with the mouse turns it. */
  initialAngles?: ViewAngles;
}

/** Metres shown from the centre to the edge of the view. */
const HALF_EXTENT_M = 1.1;

/**
 * The current frame's 3D pose (metres, hip-centred) on a canvas: drag to turn it, double-click to face it
 * again. A floor grid under the feet and the axes give the sense of depth; nearer bones are drawn last.
 */
export function Skeleton3DView({
  poses,
  frame,
  width = 320,
  height = 320,
  raw = false,
  initialAngles = { yaw: 0, pitch: 0.25 },
}: Skeleton3DViewProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [angles, setAngles] = useState<ViewAngles>(initialAngles);
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const W = canvas.width;
    const H = canvas.height;
    const k = Math.min(W, H) / (2 * HALF_EXTENT_M);
    const toScreen = (p: { x: number; y: number; z: number }) => {
      const r = rotate(p, angles);
      return { x: W / 2 + r.x * k, y: H / 2 + r.y * k, depth: r.depth };
    };
    ctx.fillStyle = '#111318';
    ctx.fillRect(0, 0, W, H);
    // Floor grid at the feet's height (about 0.9 m below the hips), 2 m square.
    ctx.strokeStyle = 'rgba(255,255,255,0.12)';
    ctx.lineWidth = dpr;
    for (let i = -4; i <= 4; i++) {
      const v = i * 0.25;
      for (const [a, b] of [
        [
          { x: v, y: 0.9, z: -1 },
          { x: v, y: 0.9, z: 1 },
        ],
        [
          { x: -1, y: 0.9, z: v },
          { x: 1, y: 0.9, z: v },
        ],
      ] as const) {
        const p = toScreen(a);
        const q = toScreen(b);
        ctx.beginPath();
        ctx.moveTo(p.x, p.y);
        ctx.lineTo(q.x, q.y);
        ctx.stroke();
      }
    }
    const s = poses ? skeletonAt(poses, frame, raw) : null;
    if (!s) {
      ctx.fillStyle = 'rgba(255,255,255,0.6)';
      ctx.font = `${12 * dpr}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.fillText(poses ? 'No pose at this frame' : 'No poses', W / 2, H / 2);
      return;
    }
    const pts = s.world.map((p, i) => ({ ...toScreen(p), visibility: s.image[i]?.visibility ?? 1 }));
    const bones = bonesOf(pts).sort(
      (u, v) =>
        ((pts[v.a]?.depth ?? 0) + (pts[v.b]?.depth ?? 0)) / 2 -
        ((pts[u.a]?.depth ?? 0) + (pts[u.b]?.depth ?? 0)) / 2,
    );
    ctx.lineCap = 'round';
    ctx.lineWidth = 3 * dpr;
    for (const bone of bones) {
      const a = pts[bone.a];
      const b = pts[bone.b];
      if (!a || !b) continue;
      ctx.strokeStyle = visibilityColor(bone.visibility, 0.9);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    for (const p of pts) {
      ctx.fillStyle = visibilityColor(p.visibility);
      ctx.beginPath();
      ctx.arc(p.x, p.y, 3 * dpr, 0, Math.PI * 2);
      ctx.fill();
    }
  }, [poses, frame, raw, angles, width, height]);

  const onDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    drag.current = { x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const from = drag.current;
    if (!from) return;
    drag.current = { x: e.clientX, y: e.clientY };
    setAngles((v) => dragAngles(v, e.clientX - from.x, e.clientY - from.y));
  };
  const onUp = () => {
    drag.current = null;
  };
  return (
    <canvas
      ref={ref}
      className="skeleton-3d"
      aria-label="3D pose: drag to turn"
      style={{ width, height, cursor: 'grab', touchAction: 'none' }}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      onDoubleClick={() => setAngles(initialAngles)}
    />
  );
}
