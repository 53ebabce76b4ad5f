import { formatFps, formatTimecode } from '../../../../shared/frames/frameTimes';
import type { TubePoseSummary } from '../../../../shared/domain/pose';
import type { ExportPlan, PlanTube } from '../plan';
import { tubeFrames } from '../plan';

export interface CardFile {
  path: string;
  bytes: number;
}

/** Markdown table cell: no pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

function n(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : '–');

function fill(value: string | undefined, what: string): string {
  const v = value?.trim();
  return v && v.length > 0 ? v : `_To be filled in by whoever hands the dataset over: ${what}._`;
}

/** Tubes per node at one taxonomy level (tubes labelled above the level are counted apart). */
function levelCounts(plan: ExportPlan, level: number): { rows: string[][]; above: number } {
  const byNode = new Map<string, PlanTube[]>();
  let above = 0;
  for (const t of plan.tubes) {
    const id = t.segment.label?.nodeId;
    if (!id) continue;
    const node = plan.tree.levelOf(id) >= level ? plan.tree.ancestorAtLevel(id, level) : null;
    if (!node) {
      above++;
      continue;
    }
    byNode.set(node.id, [...(byNode.get(node.id) ?? []), t]);
  }
  const rows = [...byNode.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([id, tubes]) => [
      plan.tree
        .pathOf(id)
        .map((n) => n.name)
        .join(' › '),
      String(tubes.length),
      String(tubes.reduce((s, t) => s + tubeFrames(t), 0)),
      ...plan.parts.map((p) => String(tubes.filter((t) => t.split === p.name).length)),
    ]);
  return { rows, above };
}

function poseSection(plan: ExportPlan): string {
  const with_ = plan.tubes.filter((t) => t.poses !== null);
  if (with_.length === 0) {
    const formats = plan.options.formats;
    const files = [
      formats.includes('pyskl') ? 'skeleton' : null,
      formats.includes('coco') ? 'COCO' : null,
    ].filter((f) => f !== null);
    return (
      'No poses: no tube of this export has poses (pose extraction has not run on them, or is not ' +
      'available in this version of amelia).' +
      (files.length > 0 ? ` The ${files.join(' and ')} files hold no keypoints.` : '')
    );
  }
  const summaries = with_.map((t) => t.poses as TubePoseSummary);
  const frames = summaries.reduce((s, p) => s + p.frameCount, 0);
  const withPose = summaries.reduce((s, p) => s + p.framesWithPose, 0);
  const vis = summaries.reduce((s, p) => s + p.meanVisibility * p.framesWithPose, 0) / Math.max(1, withPose);
  const stale = summaries.filter((p) => p.stale).length;
  const models = [...new Set(summaries.map((p) => `${p.model} ${p.modelVersion} (${p.backend})`))];
  return table(
    ['measure', 'value'],
    [
      ['tubes with poses', `${with_.length} of ${plan.tubes.length}`],
      ['stale (boxes changed since extraction; left out of pose files)', String(stale)],
      ['frames with a pose', `${withPose} of ${frames} (${pct(withPose, frames)})`],
      ['mean keypoint visibility (frames with a pose)', vis.toFixed(3)],
      ['temporally filtered', `${summaries.filter((p) => p.filtered).length} tubes`],
      ['models', models.join('; ')],
    ],
  );
}

/** The dataset card (README.md): what is in the dataset, where it comes from, and what the receiver must know. */
export function datasetCard(
  plan: ExportPlan,
  meta: { name: string; createdAt: string; generator: string; files: CardFile[] },
): string {
  const o = plan.options;
  const tubes = plan.tubes;
  const frames = tubes.reduce((s, t) => s + tubeFrames(t), 0);
  const names = o.privacy.includeNames;
  const out: string[] = [];
  out.push(`# ${cell(o.card.title?.trim() || meta.name)}`, '');
  if (o.card.description?.trim()) out.push(o.card.description.trim(), '');
  out.push(
    `Exported ${meta.createdAt} by ${meta.generator}: ${n(plan.videos.length, 'video')}, ${n(tubes.length, 'action tube')} ` +
      `(${n(frames, 'frame')}), ${n(plan.classes.length, 'class', 'classes')}.`,
    '',
  );

  out.push('## Sources', '');
  const totalSec = plan.videos.reduce((s, v) => s + v.record.durationSec, 0);
  out.push(
    `${n(plan.videos.length, 'recording')}, ${formatTimecode(totalSec)} in all. Each is identified in \`manifest.json\` ` +
      `by the SHA-256 of the original file${names ? ' and its file name' : ' (file names are left out)'}.`,
    '',
  );
  out.push(
    table(
      ['video', ...(names ? ['file'] : []), 'size', 'fps', 'frames', 'duration', 'split', 'tubes'],
      plan.videos.map((v) => [
        v.key,
        ...(names ? [v.record.name] : []),
        `${v.record.width}×${v.record.height}`,
        formatFps(v.record.fps) + (v.record.variableFrameRate ? ' (variable)' : ''),
        String(v.record.frameCount),
        formatTimecode(v.record.durationSec),
        v.split ?? '–',
        String(tubes.filter((t) => t.video === v).length),
      ]),
    ),
    '',
  );

  out.push('## Labels', '');
  out.push(
    `Taxonomy "${plan.taxonomy.name}", version ${plan.taxonomy.version}; levels: ${plan.taxonomy.levels.join(' → ') || '–'}. ` +
      (o.level === null
        ? 'Classes are the tubes’ own labels.'
        : `Classes are at level ${o.level} (${plan.taxonomy.levels[o.level - 1] ?? o.level}).`),
    '',
  );
  for (let level = 1; level <= plan.tree.maxLevel; level++) {
    const { rows, above } = levelCounts(plan, level);
    out.push(`### Level ${level}: ${plan.taxonomy.levels[level - 1] ?? ''}`.trimEnd(), '');
    if (rows.length > 0)
      out.push(table(['class', 'tubes', 'frames', ...plan.parts.map((p) => p.name)], rows), '');
    if (above > 0)
      out.push(`${n(above, 'tube is', 'tubes are')} labelled above this level and not counted here.`, '');
  }

  out.push('## Class balance', '');
  const counts = plan.classes.map((c) => ({ c, n: tubes.filter((t) => t.cls === c).length }));
  const labelled = counts.reduce((s, x) => s + x.n, 0);
  out.push(
    table(
      ['index', 'class', 'tubes', 'share', 'frames'],
      counts.map(({ c, n }) => [
        String(c.index),
        c.path.map((p) => p.name).join(' › '),
        String(n),
        pct(n, labelled),
        String(tubes.filter((t) => t.cls === c).reduce((s, t) => s + tubeFrames(t), 0)),
      ]),
    ),
    '',
  );
  if (counts.length > 1) {
    const max = Math.max(...counts.map((x) => x.n));
    const min = Math.min(...counts.map((x) => x.n));
    out.push(
      `Imbalance: the largest class has ${(max / Math.max(1, min)).toFixed(1)}× the tubes of the smallest.`,
      '',
    );
  }

  out.push('## Splits', '');
  if (o.splits) {
    out.push(
      `Tubes are split by recording and by person: recordings that show the same (named) person form one group, ` +
        `and no group is in two splits. Groups are dealt out largest first${o.splits.stratify ? ', keeping each class close to every split’s share' : ''}; ` +
        `the order of equal groups comes from seed ${o.splits.seed}, so the same seed on the same tubes gives the same splits. ` +
        `${n(plan.splitGroups.length, 'group')}.`,
      '',
    );
  } else out.push('No splits: every tube is in `all`.', '');
  out.push(
    table(
      ['split', 'share asked', 'videos', 'persons', 'tubes', 'frames'],
      plan.parts.map((p) => {
        const ts = tubes.filter((t) => t.split === p.name);
        const total = plan.parts.reduce((s, q) => s + q.weight, 0);
        return [
          p.name,
          pct(p.weight, total),
          String(new Set(ts.map((t) => t.video.key)).size),
          String(new Set(ts.map((t) => t.actor.name.trim().toLowerCase() || t.actor.id)).size),
          String(ts.length),
          String(ts.reduce((s, t) => s + tubeFrames(t), 0)),
        ];
      }),
    ),
    '',
  );

  out.push('## Annotators', '');
  out.push(
    table(
      ['annotator', 'tubes'],
      plan.annotators.map((a) => [
        a.id === 'local' ? 'local (no sign-in)' : names && a.name ? `${a.name} (${a.id})` : a.id,
        String(a.tubes),
      ]),
    ),
    '',
  );
  out.push(
    `Review states: ${[...new Set(tubes.map((t) => t.state))].join(', ')}. The review loop is not part of this ` +
      'version: every tube is a draft, labelled once.',
    '',
  );

  out.push('## Agreement', '');
  out.push(
    'Not available: no tube of this export was labelled independently by two people, so no agreement ' +
      '(such as Cohen’s κ over overlapping tubes) can be computed.',
    '',
  );

  out.push('## Pose quality', '', poseSection(plan), '');

  out.push('## Privacy', '');
  const pixels = o.formats.includes('clips') && !o.privacy.poseOnly;
  out.push(
    `- Pixels: ${
      pixels
        ? `yes, clips of the tubes (${o.clips.crop === 'none' ? 'whole frames' : o.clips.crop === 'follow' ? 'cropped to a window that follows the person' : 'cropped to the person’s track'})`
        : 'none: this export holds no image of the footage'
    }.`,
    ...(pixels
      ? [
          `- Blur: ${
            o.clips.blur === 'others'
              ? 'everything outside a window that follows the actor’s box is blurred, hiding other people. No face detector is used: the actor’s own face is not blurred.'
              : 'none.'
          }`,
        ]
      : []),
    `- Names: ${names ? 'video file names, people’s and annotators’ names are included' : 'none (videos, people and files go by opaque keys)'}.`,
    `- Notes: ${o.privacy.includeNotes ? 'included in the manifest' : 'left out'}.`,
    `- File names: ${o.privacy.descriptiveFileNames ? 'carry labels and video names (made safe)' : 'opaque keys only'}.`,
    '',
  );

  out.push('## Licence', '', fill(o.card.licence, 'the licence under which the dataset may be used'), '');
  out.push(
    '## Consent',
    '',
    fill(o.card.consent, 'the consent the people shown gave, and for what uses'),
    '',
  );
  out.push('## Contact', '', fill(o.card.contact, 'who answers questions about the dataset'), '');

  if (plan.leftOut.length > 0 || plan.warnings.length > 0) {
    out.push('## Notes', '');
    for (const l of plan.leftOut) out.push(`- ${n(l.tubes, 'tube')} left out: ${l.reason}.`);
    for (const w of plan.warnings) out.push(`- ${w}`);
    out.push('');
  }

  out.push('## Files', '');
  const groups = new Map<string, { n: number; bytes: number }>();
  for (const f of meta.files) {
    const top = f.path.includes('/') ? `${f.path.slice(0, f.path.indexOf('/'))}/` : f.path;
    const g = groups.get(top) ?? { n: 0, bytes: 0 };
    groups.set(top, { n: g.n + 1, bytes: g.bytes + f.bytes });
  }
  out.push(
    table(
      ['path', 'files', 'size'],
      [...groups.entries()].map(([p, g]) => [p, String(g.n), formatBytes(g.bytes)]),
    ),
    '',
    '`export.json` lists every file with its size and SHA-256.',
    '',
  );
  return out.join('\n');
}
