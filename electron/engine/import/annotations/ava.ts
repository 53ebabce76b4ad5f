import type { ParsedFile, ParsedKeyframe } from './model';
import { addLabel } from './model';
import { Problems } from './problems';
import { csvRows, decimal, wholeNumber } from './csv';

const COLUMNS = ['video_id', 'timestamp', 'x1', 'y1', 'x2', 'y2', 'action_id', 'person_id'] as const;

interface AvaRow {
  video: string;
  sec: number;
  box: { x1: number; y1: number; x2: number; y2: number };
  action: string;
  person: string;
  line: number;
}

/**
 * Reads AVA CSV rows (`video_id, timestamp, x1, y1, x2, y2, action_id, person_id`, boxes normalised to
 * 0–1). Rows of one person and action in consecutive seconds make one tube, from its first second to just
 * before the second after its last, with a box keyframe at every row. Times are seconds of the video
 * (AVA's own files count from 900 s into the film: see `timeOffsetSec`).
 */
export function parseAva(text: string, fileName: string): ParsedFile {
  const problems = new Problems(fileName);
  const rows: AvaRow[] = [];
  for (const r of csvRows(text)) {
    const place = (column: number) => ({
      line: r.line,
      what: `column ${column + 1} (${COLUMNS[column] ?? '?'})`,
    });
    if (r.fields.length === 1 && r.fields[0]?.startsWith('#')) continue;
    if (r.line === 1 && /video/i.test(r.fields[0] ?? '') && decimal(r.fields[1] ?? '') === null) continue; // a header
    if (r.fields.length !== 7 && r.fields.length !== 8) {
      problems.add({ line: r.line }, `${r.fields.length} fields where AVA has 8 (${COLUMNS.join(', ')}).`);
      continue;
    }
    const [video, ts, a, b, c, d, action, person = '0'] = r.fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string?,
    ];
    let ok = true;
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(video)) {
      problems.add(place(0), `"${video}" is not a video id.`);
      ok = false;
    }
    const sec = decimal(ts);
    if (sec === null || sec < 0) {
      problems.add(place(1), `"${ts}" is not a time in seconds.`);
      ok = false;
    }
    const coords = [a, b, c, d].map((v, i) => {
      const n = decimal(v);
      if (n === null || n < 0 || n > 1) {
        problems.add(place(2 + i), `"${v}" is not a normalised coordinate (0 to 1).`);
        ok = false;
      }
      return n ?? 0;
    }) as [number, number, number, number];
    if (ok && (coords[2] < coords[0] || coords[3] < coords[1])) {
      problems.add(
        place(coords[2] < coords[0] ? 4 : 5),
        'the box ends before it starts (x2 < x1 or y2 < y1).',
      );
      ok = false;
    }
    const act = wholeNumber(action);
    if (act === null || act < 1) {
      problems.add(place(6), `"${action}" is not an action id (a whole number from 1).`);
      ok = false;
    }
    const pid = wholeNumber(person);
    if (pid === null || pid < 0) {
      problems.add(place(7), `"${person}" is not a person id (a whole number from 0).`);
      ok = false;
    }
    if (!ok || sec === null || act === null || pid === null) continue;
    rows.push({
      video,
      sec,
      box: { x1: coords[0], y1: coords[1], x2: coords[2], y2: coords[3] },
      action: String(act),
      person: String(pid),
      line: r.line,
    });
  }
  problems.fail();

  const parsed: ParsedFile = {
    format: 'ava',
    fileName,
    sources: [...new Set(rows.map((r) => r.video))].map((key) => ({ key })),
    tubes: [],
    labels: new Map(),
    warnings: [],
    multiVideo: false,
    mappingKey: 'ava',
  };
  const groups = new Map<string, AvaRow[]>();
  for (const r of rows) {
    const k = JSON.stringify([r.video, r.person, r.action]);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const group of groups.values()) {
    group.sort((x, y) => x.sec - y.sec);
    let run: AvaRow[] = [];
    const flush = () => {
      const first = run[0];
      const last = run[run.length - 1];
      if (!first || !last) return;
      addLabel(parsed, first.action, `AVA action ${first.action}`);
      const keyframes: ParsedKeyframe[] = run.map((r) => ({
        at: { sec: r.sec },
        box: { x: r.box.x1, y: r.box.y1, width: r.box.x2 - r.box.x1, height: r.box.y2 - r.box.y1 },
        outside: false,
        place: { line: r.line },
      }));
      parsed.tubes.push({
        source: first.video,
        actor: `person ${first.person}`,
        label: first.action,
        start: { sec: first.sec },
        end: { sec: last.sec + 1 },
        keyframes,
        units: 'normalised',
        uncertain: false,
        note: '',
        place: { line: first.line },
      });
      run = [];
    };
    for (const r of group) {
      const prev = run[run.length - 1];
      if (prev && r.sec - prev.sec > 1 + 1e-6) flush();
      if (prev && r.sec === prev.sec) {
        problems.add(
          { line: r.line },
          `person ${r.person} has action ${r.action} twice at ${r.sec} s (also line ${prev.line}).`,
        );
        continue;
      }
      run.push(r);
    }
    flush();
  }
  problems.fail();
  return parsed;
}
