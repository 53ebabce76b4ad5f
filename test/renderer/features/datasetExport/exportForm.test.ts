import { describe, expect, it } from 'vitest';
import { exportOptionsSchema } from '../../../../shared/contract/methods/exports';
import {
  formProblems,
  initialExportForm,
  suggestOutDir,
  toExportOptions,
  withFormat,
  withPoseOnly,
} from '../../../../renderer/src/features/datasetExport/exportForm';

const NOW = new Date(2026, 10, 28, 9, 5);

describe('the export dialog’s fields', () => {
  it('offers a folder beside the project, never inside it, named for the project and the minute', () => {
    expect(suggestOutDir('/home/ana/amelia/care home', NOW)).toBe(
      '/home/ana/amelia/care-home-dataset-20261128-0905',
    );
    expect(suggestOutDir('/home/ana/amelia/default/', NOW)).toBe(
      '/home/ana/amelia/default-dataset-20261128-0905',
    );
    expect(suggestOutDir('C:\\Users\\ana\\amelia\\default', NOW)).toBe(
      'C:\\Users\\ana\\amelia\\default-dataset-20261128-0905',
    );
    expect(suggestOutDir('/project', NOW)).toBe('/project-dataset-20261128-0905');
  });

  it('starts on every format, 70/15/15 splits and nothing personal, and that is a valid request', () => {
    const form = initialExportForm('/data/p', NOW);
    const options = exportOptionsSchema.parse(toExportOptions(form));
    expect(options.formats).toEqual(['manifest', 'clips', 'pyskl', 'coco', 'cvat', 'ava', 'card']);
    expect(options.splits?.parts).toEqual([
      { name: 'train', weight: 0.7 },
      { name: 'val', weight: 0.15 },
      { name: 'test', weight: 0.15 },
    ]);
    expect(options.privacy).toEqual({
      poseOnly: false,
      includeNames: false,
      includeNotes: false,
      descriptiveFileNames: false,
    });
    expect(options.selection).toEqual({ includeUnlabelled: false });
    expect(formProblems(form)).toEqual([]);
  });

  it('sends filters only where something is chosen, days as the whole local day', () => {
    const form = {
      ...initialExportForm('/data/p', NOW),
      videoIds: ['v1'],
      states: ['final' as const],
      changedFrom: '2026-11-01',
      changedTo: '2026-11-02',
      splitsOn: false,
      card: { title: 'Falls', licence: '  ' },
    };
    const o = toExportOptions(form);
    expect(o.selection?.videoIds).toEqual(['v1']);
    expect(o.selection?.states).toEqual(['final']);
    expect(o.selection?.labels).toBeUndefined();
    expect(o.selection?.changedFrom).toBe(new Date(2026, 10, 1).toISOString());
    expect(o.selection?.changedTo).toBe(new Date(2026, 10, 2, 23, 59, 59, 999).toISOString());
    expect(o.splits).toBeNull();
    expect(o.card).toEqual({ title: 'Falls' });
  });

  it('pose-only and clips exclude each other, whichever is chosen last', () => {
    const form = initialExportForm('/data/p', NOW);
    const poseOnly = withPoseOnly(form, true);
    expect(poseOnly.formats).not.toContain('clips');
    expect(poseOnly.privacy.poseOnly).toBe(true);
    const clipsAgain = withFormat(poseOnly, 'clips', true);
    expect(clipsAgain.privacy.poseOnly).toBe(false);
    // Formats keep their canonical order however they are ticked.
    expect(clipsAgain.formats).toEqual(form.formats);
    expect(formProblems(clipsAgain)).toEqual([]);
  });

  it('names what is wrong before asking the engine', () => {
    const form = initialExportForm('/data/p', NOW);
    expect(formProblems({ ...form, outDir: ' ' })).toEqual(['Choose the folder to write the dataset to.']);
    expect(formProblems({ ...form, formats: [] })).toEqual([expect.stringMatching(/^Formats: /)]);
    expect(formProblems({ ...form, parts: [{ name: 'Train!', percent: 100 }] })).toEqual([
      expect.stringMatching(/^Splits: a split name is lower-case/),
    ]);
    expect(
      formProblems({
        ...form,
        parts: [
          { name: 'a', percent: 50 },
          { name: 'a', percent: 50 },
        ],
      }),
    ).toEqual(['Splits: split names must differ']);
    expect(formProblems({ ...form, changedFrom: '2026-11-03', changedTo: '2026-11-02' })).toEqual([
      'The period ends before it starts.',
    ]);
  });
});
