import type { Database } from 'better-sqlite3';
import type { Assignment } from '../../../shared/contract/methods/review';
import { AmeliaError } from '../../../shared/contract/envelope';
import { seededRandom, shuffled } from '../../../shared/util/seededRandom';
import { requireUser } from '../auth/users';
import { requireVideo } from '../annotation/rules';

interface AssignmentRow {
  id: string;
  video_id: string;
  user_id: string;
  state: 'open' | 'submitted';
  created_at: string;
  submitted_at: string | null;
}

function toAssignment(r: AssignmentRow): Assignment {
  return {
    id: r.id,
    videoId: r.video_id,
    userId: r.user_id,
    state: r.state,
    createdAt: r.created_at,
    submittedAt: r.submitted_at,
  };
}

export function listAssignments(
  db: Database,
  filter: { videoId?: string | undefined; userId?: string | undefined },
): Assignment[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.videoId) {
    where.push('video_id = ?');
    args.push(filter.videoId);
  }
  if (filter.userId) {
    where.push('user_id = ?');
    args.push(filter.userId);
  }
  const sql = `SELECT * FROM assignments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, video_id`;
  return (db.prepare(sql).all(...args) as AssignmentRow[]).map(toAssignment);
}

export function assigneesOf(
  db: Database,
  videoId: string,
): { userId: string; state: 'open' | 'submitted' }[] {
  return (
    db
      .prepare('SELECT user_id, state FROM assignments WHERE video_id = ? ORDER BY created_at, user_id')
      .all(videoId) as {
      user_id: string;
      state: 'open' | 'submitted';
    }[]
  ).map((r) => ({ userId: r.user_id, state: r.state }));
}

export function setAssignmentState(
  db: Database,
  videoId: string,
  userId: string,
  state: 'open' | 'submitted',
  at: string,
): void {
  db.prepare('UPDATE assignments SET state = ?, submitted_at = ? WHERE video_id = ? AND user_id = ?').run(
    state,
    state === 'submitted' ? at : null,
    videoId,
    userId,
  );
}

/**
 * Assigns each video to one annotator in turn and a seeded share of them to `perOverlap` annotators (who
 * label those independently). Assignments that exist are kept; the call is idempotent for a seed.
 */
export function createAssignments(
  db: Database,
  input: {
    videoIds: string[];
    userIds: string[];
    overlapShare: number;
    annotatorsPerOverlap: number;
    seed: number;
  },
  newId: () => string,
  at: string,
  by: string | null,
): Assignment[] {
  for (const v of input.videoIds) requireVideo(db, v);
  const users = input.userIds.map((u) => requireUser(db, u, 'userIds'));
  for (const u of users) {
    if (u.disabled) throw new AmeliaError('invalid_request', `${u.name} is disabled.`, 'userIds');
  }
  const perOverlap = Math.min(input.annotatorsPerOverlap, users.length);
  const random = seededRandom(input.seed);
  const videos = shuffled(input.videoIds, random);
  const overlapCount = Math.round(input.overlapShare * videos.length);
  const insert = db.prepare(
    `INSERT INTO assignments (id, video_id, user_id, state, created_at, created_by) VALUES (?, ?, ?, 'open', ?, ?)
     ON CONFLICT (video_id, user_id) DO NOTHING`,
  );
  db.transaction(() => {
    videos.forEach((videoId, i) => {
      const n = i < overlapCount ? perOverlap : 1;
      for (let k = 0; k < n; k++) {
        const user = users[(i + k) % users.length] as { id: string };
        insert.run(newId(), videoId, user.id, at, by);
      }
    });
  })();
  return listAssignments(db, {}).filter((a) => input.videoIds.includes(a.videoId));
}

export function removeAssignment(db: Database, id: string): void {
  const r = db.prepare('DELETE FROM assignments WHERE id = ?').run(id);
  if (r.changes === 0) throw new AmeliaError('not_found', `No assignment ${id}.`, 'assignmentId');
}
