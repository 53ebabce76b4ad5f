import { resolve } from 'node:path';
import type { ImportPreview } from '../../../shared/contract/api';
import { importFormatSchema } from '../../../shared/contract/api';
import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, parse, projectDirOf } from '../args';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { cliClientId, resolveActor, resolveVideo } from '../annotate';
import { withEngine } from '../withEngine';

const OPTIONS = {
  video: { type: 'string' },
  format: { type: 'string' },
  source: { type: 'string' },
  person: { type: 'string' },
  map: { type: 'string', multiple: true },
  'accept-proposals': { type: 'boolean', default: false },
  'time-offset': { type: 'string' },
  'label-attribute': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
} as const;

/** `LABEL=NODE` (the last "=" splits, as node ids hold none); NODE "-" leaves the label out. */
function mappingOf(pairs: readonly string[] | undefined): Record<string, string | null> | undefined {
  if (!pairs) return undefined;
  const out: Record<string, string | null> = {};
  for (const p of pairs) {
    const at = p.lastIndexOf('=');
    if (at <= 0 || at === p.length - 1)
      throw new UsageError(`--map takes LABEL=NODE (or LABEL=- to leave a label out), not "${p}".`);
    const node = p.slice(at + 1).trim();
    out[p.slice(0, at)] = node === '-' ? null : node;
  }
  return out;
}

function previewText(p: ImportPreview): string {
  const lines = [
    `${p.fileName}: ${p.format}, ${p.tubes} tubes (${p.keyframes} box keyframes), ${p.actors} new people` +
      (p.source ? `, from ${p.source}` : ''),
    '',
    table(
      ['label', 'meaning', 'tubes', 'becomes', 'why'],
      p.labels.map((l) => [
        l.label,
        l.display === l.label ? '' : l.display,
        String(l.tubes),
        l.needsMapping ? `? (proposed: ${l.proposal ?? 'none'})` : (l.mappedTo ?? '(left out)'),
        l.reason,
      ]),
    ),
  ];
  for (const w of p.warnings) lines.push(`note: ${w}`);
  return lines.join('\n') + '\n';
}

export const importAnnotationsCommand: Command = {
  name: 'import-annotations',
  summary: 'import annotations (CVAT video XML, ActivityNet, AVA, UR Fall, amelia manifest)',
  usage: `Usage: amelia import-annotations [options] FILE --video VIDEO

Reads an annotation file and adds its tubes to a video as one edit (undoable in the app):
CVAT for video 1.1 XML, ActivityNet JSON, AVA CSV, UR Fall's per-frame CSV, or an amelia
manifest (which finds its videos by content, so --video is not needed). Labels the taxonomy
does not know must be mapped to taxonomy nodes: the command lists them with a proposed node
and imports nothing until each is mapped (or --accept-proposals takes the proposals). A
malformed file is refused with the line and place of the problem, and nothing is imported.

Options:
      --video VIDEO        the video (id, start of its id, or file name)
      --format F           ${importFormatSchema.options.join(', ')} (default: found from the content)
      --source KEY         which video or sequence of the file (found from the video's name where it can)
      --person N           put one-person annotations on this person of the video (number or id)
      --map LABEL=NODE     map a label to a taxonomy node id, or LABEL=- to leave it out (repeat;
                           a label starting with "-" as --map=-1=NODE)
      --accept-proposals   take the proposed node for every label not mapped
      --time-offset S      seconds to take off the file's times (AVA: 900, found by itself)
      --label-attribute A  CVAT: take tube labels from this attribute
      --dry-run            show the labels and what would be imported; change nothing
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, OPTIONS, true);
    if (positionals.length !== 1) throw new UsageError('Name one annotation file to import.');
    const format = values.format === undefined ? undefined : importFormatSchema.safeParse(values.format);
    if (format && !format.success)
      throw new UsageError(
        `--format takes ${importFormatSchema.options.join(', ')}, not "${values.format}".`,
      );
    const offset = values['time-offset'] === undefined ? undefined : Number(values['time-offset']);
    if (offset !== undefined && !Number.isFinite(offset))
      throw new UsageError('--time-offset takes a number of seconds.');
    const mapping = mappingOf(values.map);
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const video = values.video ? await resolveVideo(engine, values.video) : undefined;
      if (values.person && !video) throw new UsageError('--person needs --video.');
      const request = {
        path: resolve(positionals[0] as string),
        ...(format?.success ? { format: format.data } : {}),
        ...(video ? { videoId: video.id } : {}),
        ...(values.source ? { source: values.source } : {}),
        ...(values.person && video ? { actorId: (await resolveActor(engine, video, values.person)).id } : {}),
        ...(offset !== undefined ? { timeOffsetSec: offset } : {}),
        ...(values['label-attribute'] ? { labelAttribute: values['label-attribute'] } : {}),
        ...(mapping ? { mapping } : {}),
        acceptProposals: values['accept-proposals'],
      };
      const preview = unwrap(await engine.call('imports.preview', request));
      if (values['dry-run']) {
        if (values.json) printJson(preview);
        else process.stdout.write(previewText(preview));
        return 0;
      }
      if (!values.json) process.stderr.write(previewText(preview));
      const result = unwrap(await engine.call('imports.commit', { clientId: cliClientId(), ...request }));
      if (values.json) printJson(result);
      else
        process.stdout.write(
          `Imported ${result.segmentIds.length} tubes and ${result.actorIds.length} people${video ? ` into ${video.name}` : ''}` +
            `${result.skipped > 0 ? `; ${result.skipped} tubes left out by the mapping` : ''}.\n`,
        );
      return 0;
    });
  },
};
