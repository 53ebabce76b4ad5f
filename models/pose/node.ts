import type { PoseBackend, PoseModel } from '../../shared/domain/pose';
import { prepareNodeBackend } from './backends/setup';
import { BLAZEPOSE_DETECTOR_FILE, BLAZEPOSE_LANDMARK_FILES, MOVENET_MULTIPOSE_FILE } from './constants';
import { createPoseExtractor } from './index';
import { createMultiPoseDetector } from './movenet/multiPoseDetector';
import type { PersonDetector, PoseExtractor } from './types';
import { fileModelSource, weightsDir } from './weights/fileModelSource';

/** A pose extractor in this Node thread: the backend made ready, the weights read from disk and checked. */
export async function createNodePoseExtractor(options: {
  model: PoseModel;
  backend: PoseBackend;
  dir?: string;
  minPoseScore?: number;
}): Promise<PoseExtractor> {
  await prepareNodeBackend(options.backend);
  const dir = options.dir ?? weightsDir();
  return createPoseExtractor({
    model: options.model,
    backend: options.backend,
    detector: fileModelSource(BLAZEPOSE_DETECTOR_FILE, dir),
    landmark: fileModelSource(BLAZEPOSE_LANDMARK_FILES[options.model], dir),
    ...(options.minPoseScore !== undefined ? { minPoseScore: options.minPoseScore } : {}),
  });
}

export async function createNodePersonDetector(options: {
  backend: PoseBackend;
  dir?: string;
}): Promise<PersonDetector> {
  await prepareNodeBackend(options.backend);
  return createMultiPoseDetector(fileModelSource(MOVENET_MULTIPOSE_FILE, options.dir ?? weightsDir()));
}
