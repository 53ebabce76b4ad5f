import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, parse, projectDirOf } from '../args';
import { cliClientId, resolveVideo } from '../annotate';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';

export const actorsCommand: Command = {
  name: 'actors',
  summary: 'list or add the people of a video',
  usage: `Usage: amelia actors [options] VIDEO                 list the people of a video
       amelia actors add [options] VIDEO [--name N]  add a person (numbered 1, 2, … in the video)

VIDEO is a video id, the start of one, or the file name of a video in the project.
Tubes (\`amelia tubes\`) belong to a person.

Options:
      --name N       the new person's name (add; default: none, the number names them)
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, { name: { type: 'string' } }, true);
    const adding = positionals[0] === 'add';
    const [videoRef, ...rest] = adding ? positionals.slice(1) : positionals;
    if (videoRef === undefined)
      throw new UsageError('Name the video (its id, the start of one, or its file name).');
    if (rest.length > 0) throw new UsageError(`Unexpected arguments: ${rest.join(' ')}`);
    if (!adding && values.name !== undefined) throw new UsageError('--name is for `amelia actors add`.');
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const video = await resolveVideo(engine, videoRef);
      if (adding) {
        const actor = unwrap(
          await engine.call('actors.create', {
            clientId: cliClientId(),
            videoId: video.id,
            ...(values.name !== undefined ? { name: values.name } : {}),
          }),
        );
        if (values.json) printJson(actor);
        else
          process.stdout.write(
            `added person ${actor.number}${actor.name ? ` (${actor.name})` : ''} to ${video.name}: ${actor.id}\n`,
          );
        return 0;
      }
      const actors = unwrap(await engine.call('actors.list', { videoId: video.id }));
      if (values.json) printJson(actors);
      else {
        const segments = unwrap(await engine.call('segments.list', { videoId: video.id }));
        process.stdout.write(
          (actors.length === 0
            ? `No people in ${video.name} yet: add one with \`amelia actors add ${video.id.slice(0, 8)}\`.`
            : table(
                ['number', 'id', 'name', 'colour', 'tubes'],
                actors.map((a) => [
                  String(a.number),
                  a.id,
                  a.name,
                  a.color,
                  String(segments.filter((s) => s.actorId === a.id).length),
                ]),
              )) + '\n',
        );
      }
      return 0;
    });
  },
};
