import * as tf from '@tensorflow/tfjs-core';
import * as tfconv from '@tensorflow/tfjs-converter';
import { MOVENET_INPUT_SIZE_PX, MOVENET_MAX_PEOPLE } from '../constants';
import type { ModelSource, PersonDetection, PersonDetector, RgbImage } from '../types';

/** Values per person in MoveNet MultiPose's output: 17 × (y, x, score), then ymin, xmin, ymax, xmax, score. */
const PERSON_STRIDE = 56;
const COCO_KEYPOINTS = 17;

/**
 * MoveNet MultiPose Lightning: up to six people a frame, each with a box and 17 COCO keypoints. The frame
 * is letterboxed to the model's square input, so boxes come back undistorted in the frame's pixels.
 */
export async function createMultiPoseDetector(source: ModelSource): Promise<PersonDetector> {
  const model = await tfconv.loadGraphModel(source);
  const size = MOVENET_INPUT_SIZE_PX;
  return {
    async detect(frame: RgbImage): Promise<PersonDetection[]> {
      const scale = size / Math.max(frame.width, frame.height);
      const w = Math.max(1, Math.round(frame.width * scale));
      const h = Math.max(1, Math.round(frame.height * scale));
      const output = tf.tidy(() => {
        const image = tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
        const resized = tf.image.resizeBilinear(image, [h, w]);
        const padded = tf.pad(resized, [
          [0, size - h],
          [0, size - w],
          [0, 0],
        ]);
        const input = tf.cast(tf.expandDims(padded, 0), 'int32');
        return model.execute(input) as tf.Tensor;
      });
      let values: Float32Array;
      try {
        values = (await output.data()) as Float32Array;
      } finally {
        output.dispose();
      }
      const people: PersonDetection[] = [];
      const toX = (v: number) => (v * size) / scale;
      const toY = (v: number) => (v * size) / scale;
      for (let p = 0; p < MOVENET_MAX_PEOPLE; p++) {
        const o = p * PERSON_STRIDE;
        if (o + PERSON_STRIDE > values.length) break;
        const keypoints = new Float32Array(COCO_KEYPOINTS * 3);
        for (let k = 0; k < COCO_KEYPOINTS; k++) {
          keypoints[k * 3] = toX(values[o + k * 3 + 1] as number);
          keypoints[k * 3 + 1] = toY(values[o + k * 3] as number);
          keypoints[k * 3 + 2] = values[o + k * 3 + 2] as number;
        }
        const b = o + COCO_KEYPOINTS * 3;
        const y0 = Math.max(0, toY(values[b] as number));
        const x0 = Math.max(0, toX(values[b + 1] as number));
        const y1 = Math.min(frame.height, toY(values[b + 2] as number));
        const x1 = Math.min(frame.width, toX(values[b + 3] as number));
        const score = values[b + 4] as number;
        if (x1 <= x0 || y1 <= y0) continue;
        people.push({ box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, score, keypoints });
      }
      return people.sort((a, b) => b.score - a.score);
    },
    dispose() {
      model.dispose();
    },
  };
}
