import { fileError } from './problems';

/**
 * A small, strict XML reader for annotation files. It refuses any document type declaration (the way
 * entities are defined: nested ones blow up exponentially, external ones read other files), expands only
 * XML's five predefined entities and character references, and never opens a file or a URL. It keeps
 * where every element and attribute is, for messages that name the place. Namespaces are not resolved
 * (names keep their prefix).
 */

export interface XmlAttribute {
  value: string;
  line: number;
  column: number;
}

export interface XmlElement {
  name: string;
  attributes: Map<string, XmlAttribute>;
  children: XmlElement[];
  /** Text directly inside (not of children), entities expanded. */
  text: string;
  line: number;
  column: number;
  /** Where its end tag is (for empty elements, the same as its start). */
  endLine: number;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
  maxAttributes: number;
}

const DEFAULT_LIMITS: XmlLimits = { maxDepth: 64, maxElements: 5_000_000, maxAttributes: 256 };

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;

class Reader {
  private readonly text: string;
  private readonly file: string;
  private readonly lineStarts: number[];
  pos = 0;

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  lineCol(at: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (this.lineStarts[lo] as number) + 1 };
  }

  fail(at: number, message: string, what?: string): never {
    const { line, column } = this.lineCol(Math.min(at, this.text.length));
    throw fileError(this.file, { line, column, ...(what !== undefined ? { what } : {}) }, message);
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  /** Up to (not including) `end`; fails with `unterminated` where the text runs out first. */
  until(end: string, unterminated: string): string {
    const i = this.text.indexOf(end, this.pos);
    if (i < 0) this.fail(this.text.length, unterminated);
    const s = this.text.slice(this.pos, i);
    this.pos = i + end.length;
    return s;
  }

  name(what: string): string {
    const start = this.pos;
    if (!NAME_START.test(this.peek())) this.fail(this.pos, `a name was expected ${what}`);
    this.pos++;
    while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos] as string)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Expands entity and character references in text that starts at `at`. */
  decode(raw: string, at: number, what: string): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&<\s]*);?/g, (m, ref: string, offset: number) => {
      if (!m.endsWith(';'))
        this.fail(at + offset, `a "&" that starts no reference (write &amp; for "&")`, what);
      if (ref.startsWith('#')) {
        const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        const valid =
          /^#(x[0-9A-Fa-f]+|[0-9]+)$/.test(ref) &&
          Number.isFinite(code) &&
          (code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff)) &&
          !(code >= 0xd800 && code <= 0xdfff);
        if (!valid) this.fail(at + offset, `"&${ref};" is not a character XML allows`, what);
        return String.fromCodePoint(code);
      }
      const v = PREDEFINED[ref];
      if (v === undefined) {
        this.fail(
          at + offset,
          `the entity "&${ref};" is not expanded: amelia reads only XML's own entities (&lt; &gt; &amp; &quot; &apos;), never defined or external ones`,
          what,
        );
      }
      return v;
    });
  }
}

/** Parses an XML document into its root element, or throws an error naming the line and column. */
export function parseXml(text: string, fileName: string, limits: XmlLimits = DEFAULT_LIMITS): XmlElement {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const r: Reader = new Reader(src, fileName);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;

  const addText = (raw: string, at: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (raw.trim().length > 0) r.fail(at, 'text outside the root element');
      return;
    }
    top.text += r.decode(raw, at, `<${top.name}>`);
  };

  while (!r.done) {
    const at = r.pos;
    if (r.peek() !== '<') {
      const textStart = r.pos;
      const next = src.indexOf('<', r.pos);
      const end = next < 0 ? src.length : next;
      const raw = src.slice(r.pos, end);
      r.pos = end;
      addText(raw, textStart);
      continue;
    }
    if (r.startsWith('<?')) {
      r.pos += 2;
      const body = r.until('?>', 'a processing instruction ("<?") that never ends: the file is cut off');
      const enc = /^xml\s.*encoding\s*=\s*["']([^"']+)["']/s.exec(body);
      if (enc && !/^(utf-?8|us-ascii|ascii)$/i.test(enc[1] as string))
        r.fail(at, `the file says it is in ${enc[1]}; amelia reads UTF-8 XML only`);
      continue;
    }
    if (r.startsWith('<!--')) {
      r.pos += 4;
      r.until('-->', 'a comment that never ends: the file is cut off');
      continue;
    }
    if (r.startsWith('<![CDATA[')) {
      r.pos += 9;
      const body = r.until(']]>', 'a CDATA section that never ends: the file is cut off');
      const top = stack[stack.length - 1];
      if (!top) r.fail(at, 'a CDATA section outside the root element');
      top.text += body;
      continue;
    }
    if (r.startsWith('<!DOCTYPE') || r.startsWith('<!doctype')) {
      r.fail(
        at,
        'the file has a document type declaration (<!DOCTYPE …>), which can define entities that expand without bound or read other files: amelia refuses such files. CVAT never writes one; remove it.',
        '<!DOCTYPE>',
      );
    }
    if (r.startsWith('<!')) r.fail(at, 'a declaration ("<!…") XML does not allow here');
    if (r.startsWith('</')) {
      r.pos += 2;
      const name = r.name('after "</"');
      r.skipSpace();
      if (r.peek() !== '>') r.fail(r.pos, `">" was expected to end </${name}>`, `</${name}>`);
      r.pos++;
      const top = stack.pop();
      if (!top) r.fail(at, `</${name}> closes no element`, `</${name}>`);
      if (top.name !== name)
        r.fail(at, `</${name}> where </${top.name}> (opened at line ${top.line}) was expected`, `</${name}>`);
      top.endLine = r.lineCol(at).line;
      if (stack.length === 0) root = top;
      continue;
    }
    // A start tag.
    r.pos++;
    if (root !== null && stack.length === 0) r.fail(at, 'a second root element (only one is allowed)');
    const name = r.name('after "<"');
    const where = r.lineCol(at);
    const el: XmlElement = {
      name,
      attributes: new Map(),
      children: [],
      text: '',
      line: where.line,
      column: where.column,
      endLine: where.line,
    };
    if (++count > limits.maxElements) r.fail(at, `more than ${limits.maxElements} elements`);
    for (;;) {
      const before = r.pos;
      r.skipSpace();
      if (r.done)
        r.fail(
          r.pos,
          `the file ends inside the tag <${name}> (opened at line ${where.line}): it is cut off`,
          `<${name}>`,
        );
      const c = r.peek();
      if (c === '>' || r.startsWith('/>')) break;
      if (r.pos === before)
        r.fail(r.pos, `a space was expected between attributes of <${name}>`, `<${name}>`);
      const attrAt = r.pos;
      const attr = r.name(`for an attribute of <${name}>`);
      r.skipSpace();
      if (r.peek() !== '=') r.fail(r.pos, `"=" was expected after the attribute ${attr}`, `<${name}>`);
      r.pos++;
      r.skipSpace();
      const q = r.peek();
      if (q !== '"' && q !== "'") r.fail(r.pos, `the value of ${attr} must be in quotes`, `<${name}>`);
      r.pos++;
      const valueAt = r.pos;
      const raw = r.until(
        q,
        `the file ends inside the value of ${attr} of <${name}> (line ${where.line}): it is cut off`,
      );
      if (raw.includes('<')) r.fail(valueAt, `"<" inside the value of ${attr} (write &lt;)`, `<${name}>`);
      if (el.attributes.has(attr)) r.fail(attrAt, `the attribute ${attr} is given twice`, `<${name}>`);
      if (el.attributes.size >= limits.maxAttributes)
        r.fail(attrAt, `more than ${limits.maxAttributes} attributes`, `<${name}>`);
      const pos = r.lineCol(attrAt);
      el.attributes.set(attr, {
        value: r.decode(raw, valueAt, `<${name}> attribute ${attr}`).replace(/[\t\n\r]/g, ' '),
        line: pos.line,
        column: pos.column,
      });
    }
    const selfClosing = r.startsWith('/>');
    r.pos += selfClosing ? 2 : 1;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    if (selfClosing) {
      if (!parent) root = el;
    } else {
      if (stack.length >= limits.maxDepth)
        r.fail(at, `elements nested deeper than ${limits.maxDepth}`, `<${name}>`);
      stack.push(el);
    }
  }
  const open = stack[stack.length - 1];
  if (open) {
    r.fail(
      src.length,
      `the file ends inside <${open.name}> (opened at line ${open.line}): it is cut off`,
      `<${open.name}>`,
    );
  }
  if (!root) r.fail(0, 'no XML element in the file');
  return root;
}

/** Children with a name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
