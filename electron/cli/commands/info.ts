import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { parse, projectDirOf } from '../args';
import { printJson } from '../output';
import { withEngine } from '../withEngine';
import { unwrap } from '../unwrap';

export const infoCommand: Command = {
  name: 'info',
  summary: 'show the project, the version, and which ffmpeg and ffprobe are in use',
  usage: `Usage: amelia info [options]

Shows amelia's version, the project and its database version, and the ffmpeg and ffprobe
binaries in use: their versions and where they were found (an environment variable, an
npm package, or PATH).

Options:
${COMMON_HELP}`,
  async run(argv) {
    const { values } = parse(argv, {}, false);
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const info = unwrap(await engine.call('system.info', {}));
      if (values.json) printJson(info);
      else {
        process.stdout.write(
          [
            `amelia ${info.appVersion}`,
            `project  ${info.project.name} (${info.project.dir}), database version ${info.project.schemaVersion}`,
            `ffmpeg   ${info.ffmpeg.version}, from ${info.ffmpeg.source}: ${info.ffmpeg.path}`,
            `ffprobe  ${info.ffprobe.version}, from ${info.ffprobe.source}: ${info.ffprobe.path}`,
          ].join('\n') + '\n',
        );
      }
      return 0;
    });
  },
};
