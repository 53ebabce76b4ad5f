import type { TaxonomyDocument } from '../../../../../shared/taxonomy/document';
import { taxonomyDocumentSchema } from '../../../../../shared/taxonomy/document';

/** A taxonomy file read and checked, or what is wrong with it (for people). */
export function parseTaxonomyFile(
  text: string,
): { ok: true; document: TaxonomyDocument } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    return {
      ok: false,
      message: `The file is not JSON (${err instanceof Error ? err.message : String(err)}).`,
    };
  }
  const parsed = taxonomyDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 4)
      .map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`)
      .join('; ');
    return { ok: false, message: `This is not an amelia taxonomy file: ${issues}.` };
  }
  return { ok: true, document: parsed.data };
}

/** Offers a document as a file download. */
export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportFileName(name: string, version: number | undefined): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'taxonomy';
  return `${slug}${version !== undefined ? `-v${version}` : ''}.json`;
}
