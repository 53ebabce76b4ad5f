import { AmeliaError } from '../../../../shared/contract/envelope';

/** Where in a file something is: a line (and column), an element or field, an attribute. */
export interface Place {
  line?: number;
  column?: number;
  /** An XML element (`<box>`), a JSON path (`database.v1.duration`), a CSV column name. */
  what?: string;
  /** An XML attribute, a CSV field. */
  attribute?: string;
}

export function placeText(p: Place): string {
  const parts: string[] = [];
  if (p.line !== undefined)
    parts.push(`line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}`);
  if (p.what !== undefined) parts.push(p.what);
  if (p.attribute !== undefined) parts.push(`attribute ${p.attribute}`);
  return parts.join(', ');
}

export interface Problem {
  place: Place;
  message: string;
}

/** Most problems a message lists (the count says how many there were). */
const LISTED = 12;

/**
 * Collects what is wrong with a file, so that one error names every place (up to a dozen) rather than
 * the first only. `fail()` throws when anything was found.
 */
export class Problems {
  readonly fileName: string;
  private readonly list: Problem[] = [];

  constructor(fileName: string) {
    this.fileName = fileName;
  }

  add(place: Place, message: string): void {
    this.list.push({ place, message });
  }

  get count(): number {
    return this.list.length;
  }

  /** Throws the problems as one `invalid_request` whose `where` is the first place. */
  fail(): void {
    if (this.list.length === 0) return;
    throw problemsError(this.fileName, this.list);
  }
}

export function problemsError(fileName: string, list: readonly Problem[]): AmeliaError {
  const first = list[0] as Problem;
  const where = `${fileName}: ${placeText(first.place)}`;
  if (list.length === 1) {
    return new AmeliaError(
      'invalid_request',
      `${fileName}, ${placeText(first.place)}: ${first.message} Nothing was imported.`,
      where,
    );
  }
  const shown = list.slice(0, LISTED).map((p) => `${placeText(p.place)}: ${p.message.replace(/\.$/, '')}`);
  const more = list.length > LISTED ? `; and ${list.length - LISTED} more` : '';
  return new AmeliaError(
    'invalid_request',
    `${fileName} has ${list.length} problems, so nothing was imported: ${shown.join('; ')}${more}.`,
    where,
  );
}

/** One problem, thrown at once (a file that cannot be read any further). */
export function fileError(fileName: string, place: Place, message: string): AmeliaError {
  return problemsError(fileName, [{ place, message }]);
}
