import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, intOption, parse, projectDirOf } from '../args';
import { resolveVideo } from '../annotate';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';

export const assignCommand: Command = {
  name: 'assign',
  summary: 'assign videos to annotators, with a share labelled independently by several',
  usage: `Usage: amelia assign [options] --to NAME[,NAME...] VIDEO...
       amelia assign [options]                                 list the assignments

Each video goes to one annotator in turn; a share of them (--overlap, 0 to 1) goes to --per
annotators, who label those independently and cannot see each other's tubes until they submit.
The same --seed assigns the same way again. VIDEO is an id, the start of one, or a file name;
\`all\` takes every video of the project.

Options:
      --to NAMES      annotators, comma-separated
      --overlap S     share of videos labelled independently (default 0)
      --per N         annotators for each of those (default 2)
      --seed N        seed of the choice (default 1)
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        to: { type: 'string' },
        overlap: { type: 'string' },
        per: { type: 'string' },
        seed: { type: 'string' },
      },
      true,
    );
    const projectDir = projectDirOf(values.project);
    return withEngine({ projectDir, runJobs: false }, async (engine) => {
      const users = unwrap(await engine.call('users.list', {}));
      const videos = unwrap(await engine.call('videos.list', {}));
      if (positionals.length === 0) {
        const list = unwrap(await engine.call('assignments.list', {}));
        if (values.json) printJson(list);
        else
          process.stdout.write(
            (list.length === 0
              ? 'No assignments.'
              : table(
                  ['video', 'annotator', 'state', 'id'],
                  list.map((a) => [
                    videos.find((v) => v.id === a.videoId)?.name ?? a.videoId,
                    users.find((u) => u.id === a.userId)?.name ?? a.userId,
                    a.state,
                    a.id,
                  ]),
                )) + '\n',
          );
        return 0;
      }
      if (!values.to) throw new UsageError('Name the annotators with --to.');
      const overlap = values.overlap === undefined ? 0 : Number(values.overlap);
      if (!(overlap >= 0 && overlap <= 1)) throw new UsageError('--overlap is a share from 0 to 1.');
      const userIds = values.to.split(',').map((n) => {
        const u = users.find((x) => x.name.toLowerCase() === n.trim().toLowerCase());
        if (!u) throw new UsageError(`Nobody called "${n.trim()}" in this project.`);
        return u.id;
      });
      const videoIds =
        positionals.length === 1 && positionals[0] === 'all'
          ? videos.map((v) => v.id)
          : await Promise.all(positionals.map(async (p) => (await resolveVideo(engine, p)).id));
      const made = unwrap(
        await engine.call('assignments.create', {
          videoIds,
          userIds,
          overlapShare: overlap,
          annotatorsPerOverlap: intOption(values.per, 'per', 2, 20) ?? 2,
          seed: intOption(values.seed, 'seed', -2_147_483_648, 2_147_483_647) ?? 1,
        }),
      );
      if (values.json) printJson(made);
      else process.stdout.write(`${made.length} assignments for ${videoIds.length} videos\n`);
      return 0;
    });
  },
};
