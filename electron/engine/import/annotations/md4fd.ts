import type { LocatedJson } from './json';
import { jsonPath } from './json';
import { Problems, fileError } from './problems';

const FRAMES = 90;
const VALUES = 23;

/**
 * MD4FD skeleton files (a JSON list of sequences: 90 frames of 23 numbers, then a label) hold poses with
 * no video and no frame numbers, so they make no tubes. A malformed one is refused naming the place; a
 * well-formed one is refused saying why.
 */
export function refuseMd4fd(doc: LocatedJson, fileName: string): never {
  const list = doc.value as unknown[];
  const problems = new Problems(fileName);
  list.forEach((seq, i) => {
    const place = (path: (string | number)[]) => {
      const line = doc.lineOf(path);
      return { ...(line !== undefined ? { line } : {}), what: jsonPath(path) };
    };
    if (!Array.isArray(seq)) {
      problems.add(
        place([i]),
        `a sequence is a list (${FRAMES} frames, then a label), not ${JSON.stringify(seq)?.slice(0, 40)}.`,
      );
      return;
    }
    if (seq.length !== FRAMES + 1) {
      problems.add(
        place([i]),
        `a sequence has ${FRAMES} frames and a label (${FRAMES + 1} entries), not ${seq.length}.`,
      );
      return;
    }
    for (let f = 0; f < FRAMES; f++) {
      const frame: unknown = seq[f];
      if (
        !Array.isArray(frame) ||
        frame.length !== VALUES ||
        !frame.every((v) => typeof v === 'number' && Number.isFinite(v))
      ) {
        problems.add(place([i, f]), `a frame is ${VALUES} numbers.`);
        return;
      }
    }
    if (!Number.isInteger(seq[FRAMES]))
      problems.add(place([i, FRAMES]), 'the label is a whole number (1 fall, 0 daily activity).');
  });
  problems.fail();
  throw fileError(
    fileName,
    { what: '(the whole file)' },
    'this is an MD4FD skeleton file: its sequences are poses with no video and no frame numbers, so they make no tubes to import.',
  );
}
