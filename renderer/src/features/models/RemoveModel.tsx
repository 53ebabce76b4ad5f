import { useState } from 'react';
import { plural } from '../../../../shared/util/plural';
import { currentRole } from '../../store/role';
import { useApp } from '../../store/store';
import { useModels } from './modelsStore';

/**
 * Removing a model (admins), asked first: its inference results go with it (counted, read afresh when
 * asked), the pre-labels made from them stay as tubes, and nothing of it can be brought back.
 */
export function RemoveModel({ modelId, name }: { modelId: string; name: string }) {
  const admin = useApp((s) => currentRole(s) === 'admin');
  const runs = useModels((s) => s.runs);
  const loadRuns = useModels((s) => s.loadRuns);
  const removeModel = useModels((s) => s.removeModel);
  const [step, setStep] = useState<'idle' | 'loading' | 'asking' | 'removing'>('idle');
  if (!admin) return null;
  if (step === 'idle' || step === 'loading')
    return (
      <button
        type="button"
        className="link"
        disabled={step === 'loading'}
        onClick={() => {
          setStep('loading');
          void loadRuns().then(() => setStep('asking'));
        }}
      >
        Remove…
      </button>
    );
  const mine = runs.filter((r) => r.modelId === modelId);
  const recordings = new Set(mine.map((r) => r.videoId)).size;
  return (
    <div className="remove-confirm" role="group" aria-label={`Remove ${name}`}>
      <p>Remove the model “{name}”, its metrics and card? This cannot be undone.</p>
      <p aria-label="Results deleted">
        {mine.length === 0
          ? 'It has no inference results.'
          : `Deleted with it: ${plural(mine.length, 'inference result')} on ${plural(recordings, 'recording')}. Pre-labels made from them stay as tubes.`}
      </p>
      <div className="row">
        <button
          type="button"
          className="danger"
          disabled={step === 'removing'}
          onClick={() => {
            setStep('removing');
            void removeModel(modelId).then(() => setStep('idle'));
          }}
        >
          Remove model
        </button>
        <button type="button" disabled={step === 'removing'} onClick={() => setStep('idle')}>
          Keep
        </button>
      </div>
    </div>
  );
}
