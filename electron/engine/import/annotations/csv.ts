/** A line of a plain CSV (no quoting, as AVA and UR Fall write): its number and fields. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Lines of a CSV file (LF or CRLF), blank lines left out, fields trimmed. */
export function csvRows(text: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  src.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    rows.push({ line: i + 1, fields: line.split(',').map((f) => f.trim()) });
  });
  return rows;
}

/** A decimal number as text (no hex, no "Infinity", no empty string). */
export function decimal(text: string): number | null {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

export function wholeNumber(text: string): number | null {
  return /^[-+]?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}
