import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, intOption, parse, projectDirOf } from '../args';
import {
  actorName,
  cliClientId,
  labelText,
  parseBox,
  resolveActor,
  resolveNode,
  resolveSegment,
  resolveVideo,
} from '../annotate';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';
import { buildTree } from '../../../shared/taxonomy/tree';

const MAX_FRAME = 2 ** 31 - 1;
/** Options only `tubes add` takes. */
const ADD_ONLY = ['actor', 'from', 'to', 'label', 'box', 'uncertain', 'note'] as const;

export const tubesCommand: Command = {
  name: 'tubes',
  summary: 'list, add or remove the tubes (labelled, boxed segments) of a video',
  usage: `Usage: amelia tubes [options] VIDEO        list a video's tubes
       amelia tubes add [options] VIDEO    add a tube
       amelia tubes remove [options] ID    remove a tube (its id or the start of it)

A tube is one person over a range of frames: a label from the taxonomy, boxes at keyframes
(interpolated between them), an "uncertain" flag and a note. One person's tubes may not
overlap on the same taxonomy level. VIDEO is a video id, the start of one, or a file name.

Options of add:
      --actor N|ID   the person: their number in the video or their id (required;
                     \`amelia actors add\` adds one)
      --from F       first frame, counted from 0 (required)
      --to F         last frame, included (required)
      --label NODE   a taxonomy node, by id or name (\`amelia taxonomy\` lists them)
      --box X,Y,W,H[@F]
                     a box in video pixels at frame F (default: the first frame); give one
                     --box per keyframe. outside@F: the person is out of view from F
      --uncertain    mark the label uncertain
      --note TEXT    a note
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        actor: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        label: { type: 'string' },
        box: { type: 'string', multiple: true },
        uncertain: { type: 'boolean' },
        note: { type: 'string' },
      },
      true,
    );
    const action = positionals[0] === 'add' || positionals[0] === 'remove' ? positionals[0] : 'list';
    const [ref, ...rest] = action === 'list' ? positionals : positionals.slice(1);
    if (rest.length > 0) throw new UsageError(`Unexpected arguments: ${rest.join(' ')}`);
    if (ref === undefined)
      throw new UsageError(action === 'remove' ? 'Name the tube to remove.' : 'Name the video.');
    if (action !== 'add') {
      const given = ADD_ONLY.filter((o) => values[o] !== undefined);
      if (given.length > 0) throw new UsageError(`--${given[0]} is for \`amelia tubes add\`.`);
    }
    const projectDir = projectDirOf(values.project);
    const clientId = cliClientId();

    switch (action) {
      case 'list':
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const video = await resolveVideo(engine, ref);
          const segments = unwrap(await engine.call('segments.list', { videoId: video.id }));
          if (values.json) {
            printJson(segments);
            return 0;
          }
          const actors = new Map(
            unwrap(await engine.call('actors.list', { videoId: video.id })).map((a) => [a.id, a]),
          );
          const tree = buildTree(unwrap(await engine.call('taxonomy.get', {})).nodes);
          const rows = [...segments]
            .sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame)
            .map((s) => {
              const actor = actors.get(s.actorId);
              return [
                s.id.slice(0, 8),
                actor ? actorName(actor) : s.actorId.slice(0, 8),
                `${s.startFrame}–${s.endFrame}`,
                labelText(tree, s) + (s.uncertain ? ' (uncertain)' : ''),
                String(s.keyframes.length),
                s.note.replace(/\s+/g, ' ').slice(0, 40),
              ];
            });
          process.stdout.write(
            (rows.length === 0
              ? `No tubes in ${video.name} yet: add one with \`amelia tubes add\`.`
              : table(['id', 'person', 'frames', 'label', 'boxes', 'note'], rows)) + '\n',
          );
          return 0;
        });

      case 'add': {
        if (values.actor === undefined) throw new UsageError('Name the person with --actor N (or their id).');
        const from = intOption(values.from, 'from', 0, MAX_FRAME);
        const to = intOption(values.to, 'to', 0, MAX_FRAME);
        if (from === undefined || to === undefined)
          throw new UsageError('Give the tube’s frames with --from F --to F.');
        if (to < from) throw new UsageError(`--to (${to}) is before --from (${from}).`);
        const keyframes = (values.box ?? []).map((b) => parseBox(b, from));
        const frames = keyframes.map((k) => k.frame);
        const twice = frames.find((f, i) => frames.indexOf(f) !== i);
        if (twice !== undefined)
          throw new UsageError(`Two --box at frame ${twice}: give each box its own @FRAME.`);
        const actorRef = values.actor;
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const video = await resolveVideo(engine, ref);
          const actor = await resolveActor(engine, video, actorRef);
          const taxonomy = unwrap(await engine.call('taxonomy.get', {}));
          const labelNodeId = values.label !== undefined ? resolveNode(taxonomy, values.label) : undefined;
          const segment = unwrap(
            await engine.call('segments.create', {
              clientId,
              videoId: video.id,
              actorId: actor.id,
              startFrame: from,
              endFrame: to,
              ...(labelNodeId !== undefined ? { labelNodeId } : {}),
              ...(values.uncertain ? { uncertain: true } : {}),
              ...(values.note !== undefined ? { note: values.note } : {}),
              ...(keyframes.length > 0 ? { keyframes } : {}),
            }),
          );
          if (values.json) printJson(segment);
          else {
            const label = labelText(buildTree(taxonomy.nodes), segment);
            process.stdout.write(
              `added tube ${segment.id}: person ${actorName(actor)}, frames ${segment.startFrame}–${segment.endFrame}` +
                `${label ? `, ${label}` : ', unlabelled'}, ${segment.keyframes.length} box keyframe(s)\n`,
            );
          }
          return 0;
        });
      }

      case 'remove':
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const segment = await resolveSegment(engine, ref);
          const removed = unwrap(
            await engine.call('segments.remove', {
              clientId,
              segmentId: segment.id,
              revision: segment.revision,
            }),
          );
          if (values.json) printJson(removed);
          else process.stdout.write(`removed tube ${removed.segmentId}\n`);
          return 0;
        });
    }
  },
};
