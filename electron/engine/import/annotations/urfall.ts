import type { ParsedFile } from './model';
import { addLabel } from './model';
import { Problems } from './problems';
import { csvRows, wholeNumber } from './csv';

/** UR Fall's labels, what they mean, and the situation each proposes (`null`: no situation of its own). */
export const URFALL_LABELS: Record<string, { display: string; node: string | null; reason: string }> = {
  '-1': {
    display: 'not lying',
    node: null,
    reason: '"not lying" names no situation (standing, walking, sitting…): leave it out, or map it to a node',
  },
  '0': { display: 'falling', node: 'fall', reason: 'UR Fall\'s "falling" is the fall itself' },
  '1': {
    display: 'lying on the ground',
    node: 'on-floor',
    reason: 'UR Fall\'s "lying on the ground" follows the fall: down on the floor',
  },
};

/**
 * Reads UR Fall's per-frame labels: `sequence, frame, label[, features…]`, frames from 1, labels -1 (not
 * lying), 0 (falling) and 1 (lying on the ground). Consecutive frames of a sequence with one label make
 * a tube of one person, at the situation level of the taxonomy; frame 1 is the video's frame 0.
 */
export function parseUrFall(text: string, fileName: string): ParsedFile {
  const problems = new Problems(fileName);
  const bySequence = new Map<string, { frame: number; label: string; line: number }[]>();
  for (const r of csvRows(text)) {
    if (r.fields.length < 3) {
      problems.add(
        { line: r.line },
        `${r.fields.length} field${r.fields.length === 1 ? '' : 's'} where UR Fall has at least 3 (sequence, frame, label).`,
      );
      continue;
    }
    const [sequence, frameText, label] = r.fields as [string, string, string];
    let ok = true;
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(sequence)) {
      problems.add(
        { line: r.line, what: 'column 1 (sequence)' },
        sequence === '' ? 'the sequence is empty.' : `"${sequence}" is not a sequence name.`,
      );
      ok = false;
    }
    const frame = wholeNumber(frameText);
    if (frame === null || frame < 1) {
      problems.add(
        { line: r.line, what: 'column 2 (frame)' },
        `"${frameText}" is not a frame number (UR Fall counts from 1).`,
      );
      ok = false;
    }
    if (!Object.hasOwn(URFALL_LABELS, label)) {
      problems.add(
        { line: r.line, what: 'column 3 (label)' },
        `"${label}" is not a UR Fall label (-1 not lying, 0 falling, 1 lying).`,
      );
      ok = false;
    }
    if (!ok || frame === null) continue;
    const rows = bySequence.get(sequence) ?? [];
    rows.push({ frame: frame - 1, label, line: r.line });
    bySequence.set(sequence, rows);
  }
  const parsed: ParsedFile = {
    format: 'urfall',
    fileName,
    sources: [],
    tubes: [],
    labels: new Map(),
    warnings: [],
    multiVideo: false,
    mappingKey: 'urfall',
    proposals: new Map(
      Object.entries(URFALL_LABELS).map(([k, v]) => [k, { nodeId: v.node, reason: v.reason }]),
    ),
  };
  for (const [sequence, rows] of bySequence) {
    rows.sort((a, b) => a.frame - b.frame);
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1] as (typeof rows)[number];
      const cur = rows[i] as (typeof rows)[number];
      if (cur.frame === prev.frame)
        problems.add(
          { line: cur.line },
          `frame ${cur.frame + 1} of ${sequence} is labelled twice (also line ${prev.line}).`,
        );
    }
    parsed.sources.push({ key: sequence, frameCount: (rows[rows.length - 1]?.frame ?? 0) + 1 });
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      const first = rows[start] as (typeof rows)[number];
      const cur = rows[i];
      const prev = rows[i - 1] as (typeof rows)[number];
      if (cur && cur.label === first.label && cur.frame === prev.frame + 1) continue;
      const meaning = URFALL_LABELS[first.label];
      addLabel(parsed, first.label, meaning?.display ?? first.label);
      parsed.tubes.push({
        source: sequence,
        actor: 'person',
        label: first.label,
        start: { frame: first.frame },
        end: { frame: prev.frame },
        keyframes: [],
        units: 'pixels',
        uncertain: false,
        note: '',
        place: { line: first.line },
      });
      start = i;
    }
  }
  problems.fail();
  return parsed;
}
