import { BLAZEPOSE_EDGES, BLAZEPOSE_KEYPOINTS } from '../../../../shared/domain/pose';
import type { TubePoses } from '../../../../shared/domain/pose';
import { boxAt, clampBox, normaliseKeyframes } from '../../../../shared/tracks/interpolate';
import type { PlanClass, PlanTube } from '../plan';
import { checkPoses } from './skeleton';

/** A keypoint at or above this visibility is "visible" (2) in COCO; below, "labelled, not visible" (1). */
export const COCO_VISIBLE = 0.5;

interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
  video: string;
  frame: number;
}

interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  track_id: number;
  tube: string;
  person: number;
  action: number | null;
  action_name: string | null;
  bbox: [number, number, number, number];
  area: number;
  iscrowd: 0;
  num_keypoints: number;
  keypoints: number[];
}

export interface CocoFile {
  info: Record<string, string | number>;
  licenses: { id: number; name: string }[];
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: {
    id: number;
    name: string;
    supercategory: string;
    keypoints: string[];
    skeleton: [number, number][];
  }[];
  actions: { id: number; name: string; node: string; path: string[] }[];
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * COCO keypoints for one split: an image per video frame any of its tubes covers (`file_name` names the
 * frame; no image is written), an annotation per tube and frame where the person is in view, with the box
 * of the track and the 2D keypoints (x, y in video pixels; v 0 none, 1 low visibility, 2 visible). Tubes
 * without poses keep their boxes with no keypoints. The tube's class goes in `action`.
 */
export function cocoFile(
  tubes: readonly { tube: PlanTube; poses: TubePoses | null }[],
  classes: readonly PlanClass[],
  info: { description: string; version: string; date: string; licence: string },
): CocoFile {
  const images = new Map<string, CocoImage>();
  const annotations: CocoAnnotation[] = [];
  const K = BLAZEPOSE_KEYPOINTS.length;
  tubes.forEach(({ tube, poses }, trackIndex) => {
    if (poses) checkPoses(poses);
    const W = tube.video.record.width;
    const H = tube.video.record.height;
    const kf = normaliseKeyframes(tube.segment.keyframes);
    for (let f = tube.segment.startFrame; f <= tube.segment.endFrame; f++) {
      const at = boxAt(kf, f);
      if (at.kind === 'outside') continue;
      const box = at.box ? clampBox(at.box, W, H) : { x: 0, y: 0, width: W, height: H };
      if (!box) continue;
      const imageKey = `${tube.video.key}/${f}`;
      let image = images.get(imageKey);
      if (!image) {
        image = {
          id: images.size + 1,
          file_name: `${tube.video.key}/${String(f).padStart(6, '0')}.jpg`,
          width: W,
          height: H,
          video: tube.video.key,
          frame: f,
        };
        images.set(imageKey, image);
      }
      const keypoints = new Array<number>(K * 3).fill(0);
      let visible = 0;
      const i = poses ? f - poses.startFrame : -1;
      if (poses && i >= 0 && i < poses.frameCount && poses.present[i] === 1) {
        const V = poses.keypointCount;
        for (let v = 0; v < Math.min(K, V); v++) {
          const o = (i * V + v) * 4;
          const vis = poses.image[o + 3] as number;
          keypoints[v * 3] = round(poses.image[o] as number);
          keypoints[v * 3 + 1] = round(poses.image[o + 1] as number);
          keypoints[v * 3 + 2] = vis >= COCO_VISIBLE ? 2 : 1;
          visible++;
        }
      }
      annotations.push({
        id: annotations.length + 1,
        image_id: image.id,
        category_id: 1,
        track_id: trackIndex + 1,
        tube: tube.key,
        person: tube.actor.number,
        action: tube.cls ? tube.cls.index : null,
        action_name: tube.cls ? tube.cls.node.name : null,
        bbox: [round(box.x), round(box.y), round(box.width), round(box.height)],
        area: round(box.width * box.height),
        iscrowd: 0,
        num_keypoints: visible,
        keypoints,
      });
    }
  });
  return {
    info: {
      description: info.description,
      version: info.version,
      year: Number(info.date.slice(0, 4)),
      date_created: info.date,
    },
    licenses: [{ id: 1, name: info.licence }],
    images: [...images.values()],
    annotations,
    categories: [
      {
        id: 1,
        name: 'person',
        supercategory: 'person',
        keypoints: [...BLAZEPOSE_KEYPOINTS],
        // COCO numbers keypoints from 1 in the skeleton.
        skeleton: BLAZEPOSE_EDGES.map(([a, b]) => [a + 1, b + 1] as [number, number]),
      },
    ],
    actions: classes.map((c) => ({
      id: c.index,
      name: c.node.name,
      node: c.node.id,
      path: c.path.map((n) => n.name),
    })),
  };
}
