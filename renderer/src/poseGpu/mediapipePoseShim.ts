/**
 * Stands in for @mediapipe/pose in the GPU window's bundle. pose-detection imports it for its MediaPipe
 * runtime, a script that is not an ES module; amelia runs BlazePose with the tfjs runtime only.
 */
export class Pose {
  constructor() {
    throw new Error('The MediaPipe runtime is not part of amelia: BlazePose runs with tfjs.');
  }
}
