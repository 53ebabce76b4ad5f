import { jointsOf } from '../graph';
import { featureLayout, windowFeatures } from '../normalise';
import type { ClassifierConfig, PoseTrack, WindowBatch, WindowRef } from '../types';
import type { PreparedTrack } from '../windows';
import { prepareTrack, windowsOf } from '../windows';

/** The features of the windows `refs` of prepared tracks, as one batch. */
export function featuresOf(
  tracks: readonly PreparedTrack[],
  refs: readonly WindowRef[],
  config: ClassifierConfig,
): WindowBatch {
  const joints = jointsOf(config.jointSet);
  const layout = featureLayout(config);
  const per = config.windowFrames * joints.length * layout.channels;
  const features = new Float32Array(refs.length * per);
  refs.forEach((r, i) =>
    windowFeatures(tracks[r.track] as PreparedTrack, r.start, joints, config, features, i * per),
  );
  return {
    features,
    count: refs.length,
    frames: config.windowFrames,
    joints: joints.length,
    channels: layout.channels,
    refs: [...refs],
  };
}

/** Tracks prepared for a model, and their windows at a stride (labelled ones only, unless kept). */
export function windowSet(
  tracks: readonly PoseTrack[],
  config: ClassifierConfig,
  stride: number,
  keepUnlabelled = false,
): { prepared: PreparedTrack[]; batch: WindowBatch } {
  const prepared = tracks.map((t) => prepareTrack(t, config.frameRateHz));
  const refs = windowsOf(prepared, config, { stride, keepUnlabelled });
  return { prepared, batch: featuresOf(prepared, refs, config) };
}

/** Windows of each class among `refs`. */
export function classCounts(refs: readonly WindowRef[], classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const r of refs) if (r.label >= 0 && r.label < classes) out[r.label] = (out[r.label] as number) + 1;
  return out;
}
