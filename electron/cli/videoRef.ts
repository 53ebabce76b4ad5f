import type { Engine } from '../engine/engine';
import type { Video } from '../../shared/domain/video';
import { UsageError } from './args';
import { unwrap } from './unwrap';

/** A video named on the command line: its id, a unique start of its id (as `amelia videos` shows), or its file name. */
export async function resolveVideo(engine: Engine, ref: string): Promise<Video> {
  const videos = unwrap(await engine.call('videos.list', {}));
  const exact = videos.find((v) => v.id === ref);
  if (exact) return exact;
  const byPrefix = videos.filter((v) => v.id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0] as Video;
  const byName = videos.filter((v) => v.name === ref);
  if (byName.length === 1) return byName[0] as Video;
  if (byPrefix.length > 1 || byName.length > 1)
    throw new UsageError(`"${ref}" names more than one video: give more of its id.`);
  throw new UsageError(`No video "${ref}" in this project (\`amelia videos\` lists them).`);
}
