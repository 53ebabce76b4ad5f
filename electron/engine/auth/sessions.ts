import type { Database } from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';

/** A session lasts while it is used (12 hours idle), and never more than 7 days. */
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 7 * 24 * 3600_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSession(
  db: Database,
  userId: string,
  now: number,
): { token: string; expiresAt: number } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_IDLE_MS;
  db.prepare(
    'INSERT INTO sessions (token_hash, user_id, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?)',
  ).run(hashToken(token), userId, now, now, expiresAt);
  return { token, expiresAt };
}

/** The user a live session belongs to, renewing its idle time; null for an unknown or expired token. */
export function sessionUser(db: Database, token: string, now: number): string | null {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = db
    .prepare('SELECT user_id, created_at, expires_at FROM sessions WHERE token_hash = ?')
    .get(hashToken(token)) as { user_id: string; created_at: number; expires_at: number } | undefined;
  if (!row) return null;
  if (row.expires_at <= now || now - row.created_at >= SESSION_MAX_MS) {
    db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
    return null;
  }
  const renewed = Math.min(now + SESSION_IDLE_MS, row.created_at + SESSION_MAX_MS);
  if (renewed - row.expires_at > 60_000) {
    db.prepare('UPDATE sessions SET last_seen = ?, expires_at = ? WHERE token_hash = ?').run(
      now,
      renewed,
      hashToken(token),
    );
  }
  return row.user_id;
}

export function endSession(db: Database, token: string): boolean {
  return db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token)).changes > 0;
}

export function purgeExpiredSessions(db: Database, now: number): void {
  db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR created_at <= ?').run(now, now - SESSION_MAX_MS);
}
