import type { Database } from 'better-sqlite3';
import type { Segment } from '../../../shared/domain/annotation';
import type { TubePoseSummary, TubePoses } from '../../../shared/domain/pose';
import type { PoseReader } from '../export/poseReader';
import { getSegment } from '../store/annotationRows';
import type { ExtractionRecord } from '../store/poseRows';
import { getExtraction, readExtractionArrays } from '../store/poseRows';
import { trackHash } from './trackHash';

/** What is known of an extraction; stale where the tube (gone, or its range or boxes changed) no longer matches. */
export function poseSummaryOf(r: ExtractionRecord, segment: Segment | null): TubePoseSummary {
  const { cropMargin: _c, frameWidth: _w, frameHeight: _h, jobId: _j, ...rest } = r;
  return { ...rest, stale: segment === null || trackHash(segment) !== r.trackHash };
}

function summaryOf(r: ExtractionRecord, db: Database): TubePoseSummary {
  return poseSummaryOf(r, getSegment(db, r.segmentId));
}

/**
 * The poses a tube has in the project: its latest extraction. Stale poses (the tube's range or boxes changed
 * since) are reported by `summary` but not handed out, so nothing is exported or trained on poses of
 * another crop.
 */
export function storedPoses(db: Database): PoseReader {
  return {
    summary(segmentId) {
      const r = getExtraction(db, segmentId);
      return r ? summaryOf(r, db) : null;
    },
    read(segmentId): TubePoses | null {
      const r = getExtraction(db, segmentId);
      if (!r) return null;
      const summary = summaryOf(r, db);
      if (summary.stale) return null;
      const arrays = readExtractionArrays(db, segmentId, r.model);
      if (!arrays) return null;
      const { stale: _s, ...known } = summary;
      return { ...known, ...arrays };
    },
  };
}
