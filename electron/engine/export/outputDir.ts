import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AmeliaError } from '../../../shared/contract/envelope';

/** Every export writes this: what was exported, and every file with its size and SHA-256. */
export const EXPORT_INFO_FILE = 'export.json';
export const EXPORT_INFO_FORMAT = 'amelia-export';

function within(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r));
}

/** Whether a folder is an earlier amelia export (or empty): the only folders an export may replace. */
export function replaceable(dir: string): boolean {
  const entries = readdirSync(dir);
  if (entries.length === 0) return true;
  if (!entries.includes(EXPORT_INFO_FILE)) return false;
  try {
    const info = JSON.parse(readFileSync(join(dir, EXPORT_INFO_FILE), 'utf8')) as { format?: unknown };
    return info.format === EXPORT_INFO_FORMAT;
  } catch {
    return false;
  }
}

/**
 * Checks where an export is to go: an absolute path, outside the project (and not holding it), and either
 * free or, when told to overwrite, an earlier export or an empty folder. Returns the resolved path.
 */
export function checkExportTarget(outDir: string, overwrite: boolean, projectDir: string): string {
  if (!isAbsolute(outDir))
    throw new AmeliaError(
      'invalid_request',
      `The export folder must be an absolute path, not "${outDir}".`,
      'outDir',
    );
  const out = resolve(outDir);
  const project = resolve(projectDir);
  if (within(out, project) || within(project, out)) {
    throw new AmeliaError(
      'forbidden',
      `The export folder ${out} ${within(out, project) ? 'is inside' : 'holds'} the project folder: choose a folder apart from it.`,
      'outDir',
    );
  }
  if (dirname(out) === out)
    throw new AmeliaError('forbidden', 'A file system root cannot be an export folder.', 'outDir');
  if (existsSync(out)) {
    if (!statSync(out).isDirectory())
      throw new AmeliaError('conflict', `${out} exists and is not a folder.`, 'outDir');
    if (!overwrite) {
      throw new AmeliaError(
        'conflict',
        `${out} exists already: choose another folder, or allow overwriting to replace an earlier export.`,
        'outDir',
      );
    }
    if (!replaceable(out)) {
      throw new AmeliaError(
        'forbidden',
        `${out} is not an amelia export (it has no ${EXPORT_INFO_FILE}) and is not empty: amelia replaces only its own exports.`,
        'outDir',
      );
    }
  }
  return out;
}

/** Where an export is written until it is complete: a hidden sibling, so the final rename stays on one disk. */
export function partialDir(out: string, jobId: string): string {
  return join(dirname(out), `.${basename(out)}.amelia-partial-${jobId}`);
}

export function replacedDir(out: string, jobId: string): string {
  return join(dirname(out), `.${basename(out)}.amelia-replaced-${jobId}`);
}
