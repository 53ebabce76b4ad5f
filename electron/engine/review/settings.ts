import type { Database } from 'better-sqlite3';
import type { ReviewSettings } from '../../../shared/contract/methods/review';
import { reviewSettingsSchema } from '../../../shared/contract/methods/review';

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  boundaryToleranceFrames: 5,
  agreedCountsAsFinal: false,
  trainingSource: 'all-labelled',
};

export function reviewSettings(db: Database): ReviewSettings {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'review'").get() as
    { value: string } | undefined;
  if (!row) return DEFAULT_REVIEW_SETTINGS;
  const parsed = reviewSettingsSchema.partial().safeParse(JSON.parse(row.value));
  return { ...DEFAULT_REVIEW_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export function updateReviewSettings(db: Database, patch: Partial<ReviewSettings>): ReviewSettings {
  const next = {
    ...reviewSettings(db),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('review', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(JSON.stringify(next));
  return next;
}
