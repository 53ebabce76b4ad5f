import { BLAZEPOSE_EDGES } from '../../../../shared/domain/pose';
import type { TubePoses } from '../../../../shared/domain/pose';

/** Pure drawing maths for the pose views (no DOM): what is drawn where, and in which colour. */

export interface Point2 {
  x: number;
  y: number;
}

export interface SkeletonFrame {
  /** K points: x, y in video pixels, visibility 0–1. */
  image: { x: number; y: number; visibility: number }[];
  /** K points in metres, hip-centred (x right, y down, z depth). */
  world: { x: number; y: number; z: number }[];
  score: number;
}

/** The pose at a video frame, or null where the tube does not cover it or found no pose there. */
export function skeletonAt(poses: TubePoses, frame: number, raw = false): SkeletonFrame | null {
  const t = frame - poses.startFrame;
  if (t < 0 || t >= poses.frameCount || poses.present[t] !== 1) return null;
  const K = poses.keypointCount;
  const image = raw && poses.rawImage ? poses.rawImage : poses.image;
  const world = raw && poses.rawWorld ? poses.rawWorld : poses.world;
  const out: SkeletonFrame = { image: [], world: [], score: poses.score[t] ?? 0 };
  for (let k = 0; k < K; k++) {
    const i = (t * K + k) * 4;
    const w = (t * K + k) * 3;
    out.image.push({ x: image[i] ?? 0, y: image[i + 1] ?? 0, visibility: image[i + 3] ?? 0 });
    out.world.push({ x: world[w] ?? 0, y: world[w + 1] ?? 0, z: world[w + 2] ?? 0 });
  }
  return out;
}

/** Red (not visible) through amber to green (visible), as a CSS colour. */
export function visibilityColor(visibility: number, alpha = 1): string {
  const v = Math.max(0, Math.min(1, visibility));
  return `hsla(${Math.round(v * 120)}, 85%, 50%, ${alpha})`;
}

/** The bones to draw, each with the lower visibility of its two ends. */
export function bonesOf(
  points: readonly { visibility?: number }[],
): { a: number; b: number; visibility: number }[] {
  return BLAZEPOSE_EDGES.filter(([a, b]) => a < points.length && b < points.length).map(([a, b]) => ({
    a,
    b,
    visibility: Math.min(points[a]?.visibility ?? 1, points[b]?.visibility ?? 1),
  }));
}

/**
 * Where a video pixel lands on a canvas that shows the whole video letterboxed ("object-fit: contain"),
 * as a `<video>` element does.
 */
export function videoToCanvas(
  p: Point2,
  video: { width: number; height: number },
  canvas: { width: number; height: number },
): Point2 {
  const k = Math.min(canvas.width / video.width, canvas.height / video.height);
  const ox = (canvas.width - video.width * k) / 2;
  const oy = (canvas.height - video.height * k) / 2;
  return { x: ox + p.x * k, y: oy + p.y * k };
}

export interface ViewAngles {
  /** Turn about the vertical axis, radians. */
  yaw: number;
  /** Tilt about the horizontal axis, radians (kept within ±89°). */
  pitch: number;
}

/** A world point (metres, y down) seen from the view angles: screen x, y (metres) and depth. */
export function rotate(
  p: { x: number; y: number; z: number },
  v: ViewAngles,
): { x: number; y: number; depth: number } {
  const cy = Math.cos(v.yaw);
  const sy = Math.sin(v.yaw);
  const x1 = cy * p.x + sy * p.z;
  const z1 = -sy * p.x + cy * p.z;
  const cp = Math.cos(v.pitch);
  const sp = Math.sin(v.pitch);
  const y2 = cp * p.y - sp * z1;
  const z2 = sp * p.y + cp * z1;
  return { x: x1, y: y2, depth: z2 };
}

/** New view angles after a mouse drag of dx, dy pixels. */
export function dragAngles(v: ViewAngles, dx: number, dy: number, radiansPerPixel = 0.01): ViewAngles {
  const limit = (89 * Math.PI) / 180;
  return {
    yaw: v.yaw + dx * radiansPerPixel,
    pitch: Math.max(-limit, Math.min(limit, v.pitch + dy * radiansPerPixel)),
  };
}

/** Share of a tube's frames with a pose, 0–1. */
export function presenceShare(s: { framesWithPose: number; frameCount: number }): number {
  return s.frameCount > 0 ? s.framesWithPose / s.frameCount : 0;
}
