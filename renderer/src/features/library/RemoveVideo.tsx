import { useState } from 'react';
import type { VideoRemoval } from '../../../../shared/domain/videoRemoval';
import { removedDerivedText, removedTubesText } from '../../../../shared/domain/videoRemoval';
import { plural } from '../../../../shared/util/plural';
import { useApp } from '../../store/store';

type Step = { kind: 'idle' } | { kind: 'loading' } | { kind: 'asking'; removal: VideoRemoval; busy: boolean };

/**
 * Removing a video, asked first with what goes with it: its tubes (counted, since they cannot be brought
 * back), poses and results, and whether the file itself is deleted (an upload) or stays (an original).
 * The removal confirms the tubes shown, so that tubes added meanwhile are never deleted unseen.
 */
export function RemoveVideo({ videoId }: { videoId: string }) {
  const previewRemoval = useApp((s) => s.previewRemoval);
  const removeVideo = useApp((s) => s.removeVideo);
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  async function ask(): Promise<void> {
    setStep({ kind: 'loading' });
    const removal = await previewRemoval(videoId);
    setStep(removal ? { kind: 'asking', removal, busy: false } : { kind: 'idle' });
  }

  async function remove(removal: VideoRemoval): Promise<void> {
    setStep({ kind: 'asking', removal, busy: true });
    // On success the card goes; refused (tubes added since), the question is asked again with the new counts.
    if (!(await removeVideo(videoId, removal.tubes))) await ask();
  }

  switch (step.kind) {
    case 'idle':
    case 'loading':
      return (
        <button type="button" className="link" disabled={step.kind === 'loading'} onClick={() => void ask()}>
          Remove…
        </button>
      );
    case 'asking': {
      const r = step.removal;
      const derived = removedDerivedText(r);
      return (
        <div className="remove-confirm" role="group" aria-label={`Remove ${r.name}`}>
          <p>Remove “{r.name}” from the project?</p>
          {r.tubes > 0 ? (
            <p className="warning" aria-label="Tubes deleted">
              Deleted with it, for good: {removedTubesText(r)}. Export them first if they are wanted.
            </p>
          ) : null}
          {derived ? <p>Also deleted: {derived} (they can be made again).</p> : null}
          <p aria-label="The file">
            {r.deletesSource
              ? 'The uploaded copy is deleted too.'
              : `The original file stays where it is: ${r.sourcePath}`}
          </p>
          <div className="card-actions">
            <button type="button" className="danger" disabled={step.busy} onClick={() => void remove(r)}>
              {r.tubes > 0 ? `Remove with ${plural(r.tubes, 'tube')}` : 'Remove'}
            </button>
            <button type="button" disabled={step.busy} onClick={() => setStep({ kind: 'idle' })}>
              Keep
            </button>
          </div>
        </div>
      );
    }
  }
}
