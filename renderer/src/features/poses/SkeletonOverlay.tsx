import { useEffect, useRef } from 'react';
import type { TubePoses } from '../../../../shared/domain/pose';
import { bonesOf, skeletonAt, videoToCanvas, visibilityColor } from './geometry';

export interface SkeletonOverlayProps {
  /** The tube's poses (null: nothing to draw). */
  poses: TubePoses | null;
  /** The frame on screen. */
  frame: number;
  /** Displayed size of the video (the coordinate space of the poses). */
  videoWidth: number;
  videoHeight: number;
  /** Draw the model's output before the filter. */
  raw?: boolean;
  /** Keypoints less visible than this are drawn faintly, 0–1. */
  minVisibility?: number;
  /** Also draw the crop the frame was run on. */
  showCrop?: boolean;
}

/**
 * A 2D skeleton drawn on a canvas laid over the video (same box, the video letterboxed in it as a `<video>`
 * with object-fit: contain is), bones and joints coloured by visibility: green seen, red guessed.
 */
export function SkeletonOverlay({
  poses,
  frame,
  videoWidth,
  videoHeight,
  raw = false,
  minVisibility = 0.5,
  showCrop = false,
}: SkeletonOverlayProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const draw = () => {
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
      const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.clearRect(0, 0, w, h);
      if (!poses) return;
      const video = { width: videoWidth, height: videoHeight };
      const size = { width: w, height: h };
      if (showCrop) {
        const t = frame - poses.startFrame;
        if (t >= 0 && t < poses.frameCount) {
          const [cx, cy, cw, ch] = Array.from(poses.crops.slice(t * 4, t * 4 + 4)) as [
            number,
            number,
            number,
            number,
          ];
          const a = videoToCanvas({ x: cx, y: cy }, video, size);
          const b = videoToCanvas({ x: cx + cw, y: cy + ch }, video, size);
          ctx.strokeStyle = 'rgba(255,255,255,0.5)';
          ctx.setLineDash([6 * dpr, 4 * dpr]);
          ctx.lineWidth = dpr;
          ctx.strokeRect(a.x, a.y, b.x - a.x, b.y - a.y);
          ctx.setLineDash([]);
        }
      }
      const s = skeletonAt(poses, frame, raw);
      if (!s) return;
      const pts = s.image.map((p) => ({ ...videoToCanvas(p, video, size), visibility: p.visibility }));
      ctx.lineCap = 'round';
      ctx.lineWidth = 3 * dpr;
      for (const bone of bonesOf(pts)) {
        const a = pts[bone.a];
        const b = pts[bone.b];
        if (!a || !b) continue;
        ctx.strokeStyle = visibilityColor(bone.visibility, bone.visibility < minVisibility ? 0.35 : 0.9);
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
        ctx.stroke();
      }
      for (const p of pts) {
        ctx.fillStyle = visibilityColor(p.visibility, p.visibility < minVisibility ? 0.35 : 1);
        ctx.beginPath();
        ctx.arc(p.x, p.y, 3.5 * dpr, 0, Math.PI * 2);
        ctx.fill();
      }
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [poses, frame, videoWidth, videoHeight, raw, minVisibility, showCrop]);
  return (
    <canvas
      ref={ref}
      className="skeleton-overlay"
      aria-label="Pose skeleton"
      style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}
    />
  );
}

/** The overlay's on/off switch. */
export function SkeletonOverlayToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="skeleton-toggle">
      <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked)} /> Skeleton
    </label>
  );
}
