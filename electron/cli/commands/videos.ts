import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, intOption, parse, projectDirOf } from '../args';
import { resolveVideo } from '../annotate';
import { printJson, shellWord, videoRows } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';
import { AmeliaError } from '../../../shared/contract/envelope';
import { removedDerivedText, removedTubesText } from '../../../shared/domain/videoRemoval';
import type { VideoRemoval } from '../../../shared/domain/videoRemoval';

/** What went with a removed video, in a line. */
function removedText(r: VideoRemoval): string {
  const derived = removedDerivedText(r);
  const gone = [...(r.tubes > 0 ? [removedTubesText(r)] : []), ...(derived ? [derived] : [])];
  const file = r.deletesSource ? 'the uploaded copy was deleted' : `the original stays at ${r.sourcePath}`;
  return `removed video ${r.videoId} (${r.name})${gone.length > 0 ? `, with ${gone.join(', ')}` : ''}; ${file}\n`;
}

export const videosCommand: Command = {
  name: 'videos',
  summary: 'list the videos of the project, or remove one',
  usage: `Usage: amelia videos [options]                                  list the project's videos
       amelia videos remove [options] VIDEO [--discard-tubes N]   remove a video

Lists the project's videos: id, name, frame count, frame rate, size, duration and whether
the original plays in the browser or a proxy is used.

remove deletes the video from the project with everything made of it: its tubes, people,
review items, poses and inference results, and the project's own copy of an upload. An
original file elsewhere is never touched. A video with tubes is removed only with
--discard-tubes N, N at least its number of tubes (the command says how many when it is
missing), so that tubes are never deleted unseen.

VIDEO is a video's id, the start of one, or its file name.

Options:
  --discard-tubes N  confirm that the video's N tubes are deleted with it
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, { 'discard-tubes': { type: 'string' } }, true);
    const [action = 'list', ...refs] = positionals;
    if (action !== 'list' && action !== 'remove')
      throw new UsageError(`Unknown videos action "${action}": use list or remove.`);
    if (action === 'list' && (refs.length > 0 || values['discard-tubes'] !== undefined))
      throw new UsageError('amelia videos (list) takes no video and no --discard-tubes.');
    if (action === 'remove' && refs.length !== 1)
      throw new UsageError('amelia videos remove takes one video.');
    const discardTubes = intOption(values['discard-tubes'], 'discard-tubes', 0, Number.MAX_SAFE_INTEGER);
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      if (action === 'remove') {
        const video = await resolveVideo(engine, refs[0] as string);
        const removal = unwrap(await engine.call('videos.removePreview', { videoId: video.id }));
        const removed = await engine.call('videos.remove', {
          videoId: video.id,
          ...(discardTubes === undefined ? {} : { discardTubes }),
        });
        if (!removed.ok && removed.error.where === 'discardTubes') {
          const ref = shellWord(video.id);
          const p = values.project === undefined ? '' : ` --project ${shellWord(values.project)}`;
          throw new AmeliaError(
            removed.error.code,
            `${removed.error.message}\nTo export them: amelia export FOLDER --video ${ref}${p}\nTo remove it anyway: amelia videos remove ${ref} --discard-tubes ${removal.tubes}${p}`,
            'discardTubes',
          );
        }
        unwrap(removed);
        if (values.json) printJson(removal);
        else process.stdout.write(removedText(removal));
        return 0;
      }
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
