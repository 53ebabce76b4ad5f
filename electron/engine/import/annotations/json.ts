import type { z } from 'zod';
import type { Place } from './problems';
import type { Problems } from './problems';
import { fileError } from './problems';

/** A JSON document with the line of every value, for messages that name the place. */
export interface LocatedJson {
  value: unknown;
  /** The line of the value at a path (or of its nearest ancestor that exists). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

const MAX_DEPTH = 512;

/** `database.v1.annotations[0].segment` */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const s = String(p);
      out += /^[A-Za-z_$][\w$-]*$/.test(s) ? `${out ? '.' : ''}${s}` : `[${JSON.stringify(s)}]`;
    }
  }
  return out || '(the whole file)';
}

/**
 * Parses JSON (RFC 8259, as `JSON.parse` reads it) keeping each value's line. A syntax error names its
 * line and column; nesting deeper than 512 is refused rather than exhausting the stack.
 */
export function parseJsonWithLines(text: string, fileName: string): LocatedJson {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const lines = new Map<string, number>();
  const fail = (message: string): never => {
    throw fileError(
      fileName,
      { line, column: pos - lineStart + 1 },
      `${message}: this is not valid JSON (a cut-off or damaged file?).`,
    );
  };
  const space = () => {
    for (;;) {
      const c = src.charCodeAt(pos);
      if (c === 10) {
        line++;
        lineStart = pos + 1;
        pos++;
      } else if (c === 32 || c === 9 || c === 13) pos++;
      else break;
    }
  };
  const key = (path: readonly PropertyKey[]) =>
    JSON.stringify(path.map((p) => (typeof p === 'number' ? p : String(p))));

  const str = (): string => {
    const start = pos;
    pos++;
    for (;;) {
      const c = src.charCodeAt(pos);
      if (Number.isNaN(c)) fail('the file ends inside a string');
      if (c === 34) break;
      if (c === 92) pos += 2;
      else if (c < 0x20) fail('a line break or control character inside a string');
      else pos++;
    }
    pos++;
    try {
      return JSON.parse(src.slice(start, pos)) as string;
    } catch {
      return fail('a malformed string');
    }
  };

  const value = (path: PropertyKey[], depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`values nested deeper than ${MAX_DEPTH}`);
    space();
    lines.set(key(path), line);
    const c = src[pos];
    if (c === '{') {
      pos++;
      const obj: Record<string, unknown> = {};
      space();
      if (src[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        space();
        if (src[pos] !== '"') fail('a property name in double quotes was expected');
        const k = str();
        space();
        if (src[pos] !== ':') fail('":" was expected after a property name');
        pos++;
        Object.defineProperty(obj, k, {
          value: value([...path, k], depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        space();
        if (src[pos] === ',') {
          pos++;
          continue;
        }
        if (src[pos] === '}') {
          pos++;
          return obj;
        }
        fail('"," or "}" was expected');
      }
    }
    if (c === '[') {
      pos++;
      const arr: unknown[] = [];
      space();
      if (src[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(value([...path, arr.length], depth + 1));
        space();
        if (src[pos] === ',') {
          pos++;
          continue;
        }
        if (src[pos] === ']') {
          pos++;
          return arr;
        }
        fail('"," or "]" was expected');
      }
    }
    if (c === '"') return str();
    const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      src.slice(pos, pos + 400),
    );
    if (!m)
      return fail(pos >= src.length ? 'the file ends where a value was expected' : 'a value was expected');
    pos += (m[1] as string).length;
    const t = m[1] as string;
    return t === 'true' ? true : t === 'false' ? false : t === 'null' ? null : Number(t);
  };

  const root = value([], 0);
  space();
  if (pos < src.length) fail('more text after the JSON value');
  return {
    value: root,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const l = lines.get(key(path.slice(0, n)));
        if (l !== undefined) return l;
      }
      return undefined;
    },
  };
}

/** Checks a JSON value with a schema; every issue becomes a problem naming its line and path. */
export function checkJson<S extends z.ZodType>(
  doc: LocatedJson,
  schema: S,
  problems: Problems,
  base: readonly PropertyKey[] = [],
  value: unknown = doc.value,
): z.output<S> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.output<S>;
  for (const issue of r.error.issues) {
    const path = [
      ...base,
      ...issue.path,
      ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : []),
    ];
    const line = doc.lineOf(path);
    const place: Place = { ...(line !== undefined ? { line } : {}), what: jsonPath(path) };
    problems.add(place, issue.message.endsWith('.') ? issue.message : `${issue.message}.`);
  }
  return null;
}
