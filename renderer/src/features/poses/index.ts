export { SkeletonOverlay, SkeletonOverlayToggle } from './SkeletonOverlay';
export type { SkeletonOverlayProps } from './SkeletonOverlay';
export { Skeleton3DView } from './Skeleton3DView';
export type { Skeleton3DViewProps } from './Skeleton3DView';
export { PoseQualitySummary } from './PoseQualitySummary';
export type { PoseQualitySummaryProps } from './PoseQualitySummary';
export { createPosesSlice, createPosesStore, decodeTubePoses, initialPosesState } from './posesStore';
export type { PosesSlice, PosesState, PosesStoreHook, TubePosesEntry } from './posesStore';
export { PosesContext, usePoses } from './posesContext';
