import type { z } from 'zod';
import type {
  CardFields,
  ClipOptions,
  ExportFormat,
  ExportOptionsInput,
  PrivacyOptions,
} from '../../../../shared/contract/methods/exports';
import {
  DEFAULT_SPLITS,
  EXPORT_FORMATS,
  exportOptionsSchema,
} from '../../../../shared/contract/methods/exports';
import type { TubeState } from '../../../../shared/dataset/manifest';

/** A split as the dialog edits it: a name and a share in percent. */
export interface SplitPart {
  name: string;
  percent: number;
}

/** Everything the export dialog asks, as its fields hold it (empty lists: no filter). */
export interface ExportForm {
  outDir: string;
  overwrite: boolean;
  formats: ExportFormat[];
  videoIds: string[];
  states: TubeState[];
  labels: string[];
  annotators: string[];
  /** Days as `YYYY-MM-DD` (the browser's date input), '' for none; both ends included. */
  changedFrom: string;
  changedTo: string;
  includeUnlabelled: boolean;
  /** Taxonomy level of the classes; null keeps each tube's own label. */
  level: number | null;
  splitsOn: boolean;
  parts: SplitPart[];
  seed: number;
  stratify: boolean;
  clips: ClipOptions;
  privacy: PrivacyOptions;
  skeletons: ('2d' | '3d')[];
  cvatLabels: 'labels' | 'attribute';
  card: CardFields;
}

export const FORMAT_TEXT: Record<ExportFormat, { name: string; hint: string }> = {
  manifest: { name: 'amelia manifest', hint: 'JSON; imports back with nothing lost' },
  clips: { name: 'Clips', hint: 'each tube cut and cropped, H.264 MP4' },
  pyskl: { name: 'Skeletons (PYSKL)', hint: 'MMAction2 / PYSKL pickle, 2D and 3D' },
  coco: { name: 'COCO keypoints', hint: 'JSON, a record per person and frame' },
  cvat: { name: 'CVAT for video 1.1', hint: 'XML, one file per video' },
  ava: { name: 'AVA CSV', hint: 'a row per person, second and action' },
  card: { name: 'Dataset card', hint: 'README.md: counts, splits, agreement, licence' },
};

/**
 * A folder beside the project (never inside it: the engine refuses that), named for the project and the
 * moment, e.g. `/data/care-home-dataset-20261128-1105`.
 */
export function suggestOutDir(projectDir: string, now: Date): string {
  const sep = projectDir.includes('\\') && !projectDir.includes('/') ? '\\' : '/';
  const trimmed = projectDir.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  const parent = cut > 0 ? trimmed.slice(0, cut) : cut === 0 ? sep : trimmed;
  const base = (cut >= 0 ? trimmed.slice(cut + 1) : 'amelia').replace(/[^A-Za-z0-9_-]+/g, '-') || 'amelia';
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
  return `${parent.endsWith(sep) ? parent : parent + sep}${base}-dataset-${stamp}`;
}

export function initialExportForm(projectDir: string | null, now: Date): ExportForm {
  return {
    outDir: projectDir ? suggestOutDir(projectDir, now) : '',
    overwrite: false,
    formats: [...EXPORT_FORMATS],
    videoIds: [],
    states: [],
    labels: [],
    annotators: [],
    changedFrom: '',
    changedTo: '',
    includeUnlabelled: false,
    level: null,
    splitsOn: true,
    parts: (DEFAULT_SPLITS.parts ?? []).map((p) => ({ name: p.name, percent: Math.round(p.weight * 100) })),
    seed: 0,
    stratify: true,
    clips: { crop: 'stable', margin: 0.1, blur: 'none', crf: 18 },
    privacy: { poseOnly: false, includeNames: false, includeNotes: false, descriptiveFileNames: false },
    skeletons: ['2d', '3d'],
    cvatLabels: 'labels',
    card: {},
  };
}

/** A pose-only export has no clips: choosing it drops the format, choosing clips drops pose-only. */
export function withPoseOnly(form: ExportForm, poseOnly: boolean): ExportForm {
  return {
    ...form,
    privacy: { ...form.privacy, poseOnly },
    formats: poseOnly ? form.formats.filter((f) => f !== 'clips') : form.formats,
  };
}

export function withFormat(form: ExportForm, format: ExportFormat, on: boolean): ExportForm {
  const formats = on
    ? EXPORT_FORMATS.filter((f) => f === format || form.formats.includes(f))
    : form.formats.filter((f) => f !== format);
  const poseOnly = on && format === 'clips' ? false : form.privacy.poseOnly;
  return { ...form, formats, privacy: { ...form.privacy, poseOnly } };
}

function dayStart(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00`).toISOString() : undefined;
}

function dayEnd(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T23:59:59.999`).toISOString() : undefined;
}

const nonEmpty = <T>(xs: readonly T[]): T[] | undefined => (xs.length > 0 ? [...xs] : undefined);

/** The request the engine takes, from the dialog's fields (days in the local time zone). */
export function toExportOptions(form: ExportForm): ExportOptionsInput {
  const card = Object.fromEntries(
    Object.entries(form.card).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
  ) as CardFields;
  return {
    outDir: form.outDir.trim(),
    overwrite: form.overwrite,
    formats: [...form.formats],
    selection: {
      videoIds: nonEmpty(form.videoIds),
      states: nonEmpty(form.states),
      labels: nonEmpty(form.labels),
      annotators: nonEmpty(form.annotators),
      changedFrom: dayStart(form.changedFrom),
      changedTo: dayEnd(form.changedTo),
      includeUnlabelled: form.includeUnlabelled,
    },
    level: form.level,
    splits: form.splitsOn
      ? {
          parts: form.parts.map((p) => ({ name: p.name.trim(), weight: p.percent / 100 })),
          seed: form.seed,
          stratify: form.stratify,
        }
      : null,
    clips: { ...form.clips },
    privacy: { ...form.privacy },
    skeletons: [...form.skeletons],
    cvatLabels: form.cvatLabels,
    card,
  };
}

/** What is wrong with the fields, one line each, as the engine would say it; empty when they are fine. */
export function formProblems(form: ExportForm): string[] {
  const problems: string[] = [];
  if (form.outDir.trim() === '') problems.push('Choose the folder to write the dataset to.');
  if (form.changedFrom && form.changedTo && form.changedFrom > form.changedTo)
    problems.push('The period ends before it starts.');
  const parsed = exportOptionsSchema.safeParse(toExportOptions(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'outDir' && form.outDir.trim() === '') continue;
      problems.push(describeIssue(issue));
    }
  }
  return [...new Set(problems)];
}

const FIELD_NAMES: Record<string, string> = {
  outDir: 'Folder',
  formats: 'Formats',
  splits: 'Splits',
  skeletons: 'Skeletons',
  card: 'Card',
  clips: 'Clips',
  selection: 'Selection',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const head = typeof issue.path[0] === 'string' ? (FIELD_NAMES[issue.path[0]] ?? issue.path[0]) : '';
  return head ? `${head}: ${issue.message}` : issue.message;
}
