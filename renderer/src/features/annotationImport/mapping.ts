import type { ImportPreview } from '../../../../shared/contract/methods/imports';

/** Each label of the file and the node it becomes; null leaves its tubes out. */
export type LabelMapping = Record<string, string | null>;

/**
 * The mapping after a (new) preview: choices already made stay; a label seen for the first time starts on
 * the node it matches, else on the proposal, else on nothing. Labels no longer in the file are dropped.
 */
export function mergeMapping(preview: ImportPreview, chosen: LabelMapping): LabelMapping {
  const out: LabelMapping = {};
  for (const l of preview.labels) {
    out[l.label] = Object.hasOwn(chosen, l.label)
      ? (chosen[l.label] ?? null)
      : (l.mappedTo ?? l.nodeId ?? l.proposal);
  }
  return out;
}

/** How many tubes the import would take and leave out under this mapping. */
export function mappingCounts(
  preview: ImportPreview,
  mapping: LabelMapping,
): { taken: number; leftOut: number } {
  let taken = 0;
  let leftOut = 0;
  for (const l of preview.labels) {
    if (mapping[l.label]) taken += l.tubes;
    else leftOut += l.tubes;
  }
  return { taken, leftOut };
}

/** Whether the file's format ties its tubes to one chosen video (a manifest finds its videos itself). */
export function needsVideo(format: ImportPreview['format'] | null): boolean {
  return format !== 'manifest';
}
