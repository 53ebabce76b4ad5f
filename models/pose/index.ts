export * from './types';
export * from './constants';
export * from './config';
export { createBlazePoseExtractor, emptyEstimate } from './blazepose/blazePoseExtractor';
export { createMultiPoseDetector } from './movenet/multiPoseDetector';
export { PersonTracker, iou } from './tracker/personTracker';
export type { PersonTrack, TrackerParams } from './tracker/personTracker';
export { OneEuroFilter, filterKeypointSeries } from './filter/oneEuro';
export type { OneEuroParams } from './filter/oneEuro';
export * from './backends/choose';
export { memoryModelSource } from './weights/modelArtifacts';

import { createBlazePoseExtractor } from './blazepose/blazePoseExtractor';
import type { PoseExtractor, PoseExtractorConfig } from './types';

/** The pose extractor for a configuration (BlazePose, the only family so far). */
export function createPoseExtractor(config: PoseExtractorConfig): Promise<PoseExtractor> {
  return createBlazePoseExtractor(config);
}
