import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { parse, projectDirOf } from '../args';
import { printJson, videoRows } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';

export const videosCommand: Command = {
  name: 'videos',
  summary: 'list the videos of the project',
  usage: `Usage: amelia videos [options]

Lists the project's videos: id, name, frame count, frame rate, size, duration and whether
the original plays in the browser or a proxy is used.

Options:
${COMMON_HELP}`,
  async run(argv) {
    const { values } = parse(argv, {}, false);
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const videos = unwrap(await engine.call('videos.list', {}));
      if (values.json) printJson(videos);
      else
        process.stdout.write(
          videos.length
            ? videoRows(videos) + '\n'
            : 'No videos yet: add some with `amelia import FILE...`.\n',
        );
      return 0;
    });
  },
};
