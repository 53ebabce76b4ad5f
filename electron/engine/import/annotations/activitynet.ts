import { z } from 'zod';
import type { ParsedFile } from './model';
import { addLabel } from './model';
import type { LocatedJson } from './json';
import { checkJson } from './json';
import { Problems, fileError } from './problems';

const seconds = z
  .number({ error: 'a number of seconds was expected' })
  .finite()
  .nonnegative({ error: 'seconds cannot be negative' });

const annotationSchema = z
  .object({
    segment: z
      .tuple([seconds, seconds], { error: 'a segment is [start, end] in seconds' })
      .refine(([a, b]) => b >= a, { error: 'the segment ends before it starts' }),
    label: z.string({ error: 'a label is text' }).trim().min(1, { error: 'a label cannot be empty' }),
  })
  .loose();

const entrySchema = z
  .object({
    duration: z
      .number({ error: 'the duration is a number of seconds' })
      .finite()
      .positive({ error: 'the duration must be above 0' }),
    subset: z.string({ error: 'the subset is text' }).optional(),
    annotations: z.array(annotationSchema, { error: 'annotations is a list' }),
  })
  .loose();

/**
 * Reads ActivityNet-style JSON: `{video_id: {duration, subset, annotations: [{segment: [t0, t1], label}]}}`,
 * or the same under `database` (the official files). Each segment becomes a tube of one person, from the
 * frame shown at t0 to the last frame that starts before t1.
 */
export function parseActivityNet(doc: LocatedJson, fileName: string): ParsedFile {
  const root = doc.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    throw fileError(
      fileName,
      { line: 1, what: '(the whole file)' },
      'ActivityNet JSON is an object of videos.',
    );
  const hasDatabase = Object.hasOwn(root, 'database');
  const db = hasDatabase ? (root as Record<string, unknown>).database : root;
  const base = hasDatabase ? ['database'] : [];
  if (typeof db !== 'object' || db === null || Array.isArray(db))
    throw fileError(
      fileName,
      { line: doc.lineOf(base) ?? 1, what: 'database' },
      'database is an object of videos.',
    );
  const problems = new Problems(fileName);
  const parsed: ParsedFile = {
    format: 'activitynet',
    fileName,
    sources: [],
    tubes: [],
    labels: new Map(),
    warnings: [],
    multiVideo: false,
    mappingKey: 'activitynet',
  };
  for (const [videoId, raw] of Object.entries(db as Record<string, unknown>)) {
    if (!hasDatabase && (videoId === 'version' || videoId === 'taxonomy' || videoId === 'external_data'))
      continue;
    const entry = checkJson(doc, entrySchema, problems, [...base, videoId], raw);
    if (!entry) continue;
    parsed.sources.push({ key: videoId, durationSec: entry.duration });
    entry.annotations.forEach((a, i) => {
      const [t0, t1] = a.segment;
      const line = doc.lineOf([...base, videoId, 'annotations', i]);
      const place = {
        ...(line !== undefined ? { line } : {}),
        what: `${base.length ? 'database.' : ''}${videoId}.annotations[${i}]`,
      };
      if (t0 > entry.duration + 1e-6)
        problems.add(place, `the segment starts at ${t0} s, after the video's end (${entry.duration} s).`);
      addLabel(parsed, a.label);
      parsed.tubes.push({
        source: videoId,
        actor: 'person',
        label: a.label,
        start: { sec: t0 },
        end: { sec: Math.min(t1, entry.duration) },
        keyframes: [],
        units: 'pixels',
        uncertain: false,
        note: '',
        place,
      });
    });
  }
  problems.fail();
  if (parsed.sources.length === 0) parsed.warnings.push('The file names no video.');
  return parsed;
}
