import type { Database } from 'better-sqlite3';
import type { AgreementReport } from '../../../shared/contract/methods/review';
import type { Role } from '../../../shared/domain/user';
import {
  cohensKappa,
  confusionMatrix,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  temporalIoU,
} from '../../../shared/review/agreement';
import { buildTree } from '../../../shared/taxonomy/tree';
import { listUsers } from '../auth/users';
import { getSegment } from '../store/annotationRows';
import { listNodes } from '../store/taxonomyRows';
import { assigneesOf } from './assignments';
import type { ItemRow } from './items';
import { itemVersions } from './items';

/** Label of a missing tube in agreement tables: one annotator saw an action the other did not. */
export const MISSING = '(none)';

interface Rated {
  video: string;
  /** annotator → label at the level (MISSING where they made no tube) and frame range. */
  labels: Map<string, string>;
  ranges: Map<string, { start: number; end: number }>;
  assigned: string[];
}

function ratedItems(db: Database, level: number): Rated[] {
  const tree = buildTree(listNodes(db));
  const rows = db.prepare('SELECT * FROM review_items').all() as ItemRow[];
  const out: Rated[] = [];
  for (const row of rows) {
    const assigned = assigneesOf(db, row.video_id).map((a) => a.userId);
    if (assigned.length < 2) continue;
    const labels = new Map<string, string>();
    const ranges = new Map<string, { start: number; end: number }>();
    for (const v of itemVersions(row)) {
      const s = getSegment(db, v.segmentId);
      if (!s) continue;
      const node = s.label ? tree.ancestorAtLevel(s.label.nodeId, level) : null;
      labels.set(v.annotatorId, node?.id ?? (s.label ? s.label.nodeId : '(unlabelled)'));
      ranges.set(v.annotatorId, { start: s.startFrame, end: s.endFrame });
    }
    for (const a of assigned) if (!labels.has(a)) labels.set(a, MISSING);
    out.push({ video: row.video_id, labels, ranges, assigned });
  }
  return out;
}

/**
 * Agreement at a taxonomy level over the matched tubes of videos labelled independently: per pair of
 * annotators Cohen's kappa, percent agreement, mean temporal IoU and a confusion matrix; over everyone
 * Fleiss' kappa and Krippendorff's alpha (which allows missing ratings).
 */
export function agreementReport(db: Database, level: number): AgreementReport {
  const items = ratedItems(db, level);
  const users = listUsers(db);
  const ids = [...new Set(items.flatMap((i) => i.assigned))].sort();
  const annotators = ids.map((id) => ({ id, name: users.find((u) => u.id === id)?.name ?? id }));
  const pairs: AgreementReport['pairs'] = [];
  let iouAll = 0;
  let iouCount = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] as string;
      const b = ids[j] as string;
      const both = items.filter((it) => it.assigned.includes(a) && it.assigned.includes(b));
      const la = both.map((it) => it.labels.get(a) ?? null);
      const lb = both.map((it) => it.labels.get(b) ?? null);
      let iouSum = 0;
      let n = 0;
      for (const it of both) {
        const ra = it.ranges.get(a);
        const rb = it.ranges.get(b);
        if (ra && rb) {
          iouSum += temporalIoU(ra, rb);
          n++;
        }
      }
      iouAll += iouSum;
      iouCount += n;
      pairs.push({
        a,
        b,
        items: both.length,
        cohensKappa: cohensKappa(la, lb),
        percentAgreement: percentAgreement(la, lb),
        meanTemporalIoU: n > 0 ? iouSum / n : null,
        confusion: confusionMatrix(la, lb),
      });
    }
  }
  const table = items.map((it) =>
    ids.map((id) => (it.assigned.includes(id) ? (it.labels.get(id) ?? null) : null)),
  );
  const agreeing = items.filter((it) => new Set(it.assigned.map((a) => it.labels.get(a))).size === 1).length;
  return {
    level,
    annotators,
    items: items.length,
    percentAgreement:
      items.length > 0
        ? { value: agreeing / items.length }
        : { value: null, note: 'nothing labelled independently yet' },
    fleissKappa: fleissKappa(table),
    krippendorffAlpha: krippendorffAlpha(table),
    meanTemporalIoU: iouCount > 0 ? iouAll / iouCount : null,
    pairs,
  };
}

export interface AnnotatorStats {
  userId: string;
  name: string;
  role: Role;
  tubes: number;
  frames: number;
  submitted: number;
  disputeRate: number | null;
  reworkRate: number | null;
  agreementWithFinal: number | null;
}

/** Per annotator: volume, dispute rate, rework rate and agreement with the final labels. */
export function annotatorStats(db: Database): AnnotatorStats[] {
  const items = db.prepare('SELECT * FROM review_items').all() as ItemRow[];
  const returns = db
    .prepare("SELECT to_user_id, review_item_id, segment_id FROM review_comments WHERE kind = 'return'")
    .all() as {
    to_user_id: string | null;
    review_item_id: string | null;
    segment_id: string | null;
  }[];
  return listUsers(db).map((u) => {
    const counts = db
      .prepare(
        `SELECT count(*) AS tubes, coalesce(sum(end_frame - start_frame + 1), 0) AS frames,
           sum(CASE WHEN review_state <> 'draft' THEN 1 ELSE 0 END) AS submitted
         FROM segments WHERE owner_id = ? AND origin <> 'final'`,
      )
      .get(u.id) as { tubes: number; frames: number; submitted: number | null };
    const mine = items.filter((i) => itemVersions(i).some((v) => v.annotatorId === u.id));
    const disputed = mine.filter((i) => JSON.parse(i.reasons).length > 0).length;
    const reworked = new Set(
      returns.filter((r) => r.to_user_id === u.id).map((r) => r.segment_id ?? r.review_item_id),
    ).size;
    let withFinal = 0;
    let matching = 0;
    for (const i of mine) {
      if (i.state !== 'final' || !i.final_segment_id) continue;
      const final = getSegment(db, i.final_segment_id);
      const own = itemVersions(i).find((v) => v.annotatorId === u.id);
      const version = own ? getSegment(db, own.segmentId) : null;
      if (!final || !version) continue;
      withFinal++;
      if ((final.label?.nodeId ?? null) === (version.label?.nodeId ?? null)) matching++;
    }
    return {
      userId: u.id,
      name: u.name,
      role: u.role,
      tubes: counts.tubes,
      frames: counts.frames,
      submitted: counts.submitted ?? 0,
      disputeRate: mine.length > 0 ? disputed / mine.length : null,
      reworkRate: mine.length > 0 ? Math.min(1, reworked / mine.length) : null,
      agreementWithFinal: withFinal > 0 ? matching / withFinal : null,
    };
  });
}
