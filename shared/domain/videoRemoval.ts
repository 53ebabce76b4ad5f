import { z } from 'zod';
import { idSchema } from './ids';
import { plural } from '../util/plural';

/** What removing a video would delete with it. */
export const videoRemovalSchema = z.object({
  videoId: idSchema,
  name: z.string(),
  /** Every tube of the video: annotators' versions, final ones and a model's pre-labels. */
  tubes: z.number().int().min(0),
  /** Tubes with a label. */
  labelledTubes: z.number().int().min(0),
  /** People (actors) of the video. */
  people: z.number().int().min(0),
  /** Review items (agreed, disputed, returned or final). */
  reviewItems: z.number().int().min(0),
  /** Stored pose tracks: one per tube and pose model, one per person found in the whole video. They can be extracted again. */
  poseTracks: z.number().int().min(0),
  /** Inference results of the video; they can be made again. */
  inferenceRuns: z.number().int().min(0),
  /** The project's own copy of an upload, deleted with the video; else the original at `sourcePath` stays. */
  deletesSource: z.boolean(),
  sourcePath: z.string(),
});
export type VideoRemoval = z.infer<typeof videoRemovalSchema>;

/** The tubes a removal deletes, in words: "12 tubes (9 labelled) of 3 people, in 2 review items". */
export function removedTubesText(
  r: Pick<VideoRemoval, 'tubes' | 'labelledTubes' | 'people' | 'reviewItems'>,
): string {
  const labelled =
    r.labelledTubes === r.tubes
      ? r.tubes === 1
        ? 'labelled'
        : 'all labelled'
      : `${r.labelledTubes} labelled`;
  const review = r.reviewItems > 0 ? `, in ${plural(r.reviewItems, 'review item')}` : '';
  return `${plural(r.tubes, 'tube')} (${labelled}) of ${plural(r.people, 'person', 'people')}${review}`;
}

/** What else goes with the video, in words, or null: "its poses (4 tracks) and 1 inference result". */
export function removedDerivedText(r: Pick<VideoRemoval, 'poseTracks' | 'inferenceRuns'>): string | null {
  const parts = [
    ...(r.poseTracks > 0 ? [`its poses (${plural(r.poseTracks, 'track')})`] : []),
    ...(r.inferenceRuns > 0 ? [plural(r.inferenceRuns, 'inference result')] : []),
  ];
  return parts.length > 0 ? parts.join(' and ') : null;
}
