import { useState } from 'react';
import type { ReviewSettings } from '../../../../shared/contract/api';
import { useApp } from '../../store/store';

function ToleranceField({ value }: { value: number }) {
  const update = useApp((s) => s.updateReviewSettings);
  const [text, setText] = useState(String(value));
  const commit = () => {
    const n = Number(text);
    if (text.trim() !== '' && Number.isInteger(n) && n >= 0 && n !== value)
      void update({ boundaryToleranceFrames: n });
    else setText(String(value));
  };
  return (
    <label className="field">
      <span>Boundary tolerance (frames)</span>
      <input
        type="text"
        inputMode="numeric"
        value={text}
        aria-label="Boundary tolerance (frames)"
        onChange={(e) => setText(e.target.value.replace(/[^0-9]/g, ''))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
    </label>
  );
}

function isSource(v: string): v is ReviewSettings['trainingSource'] {
  return v === 'all-labelled' || v === 'reviewed';
}

/** The project's review settings: when boundaries dispute, and what training and export take. */
export function ReviewSettingsForm() {
  const settings = useApp((s) => s.reviewSettings);
  const update = useApp((s) => s.updateReviewSettings);
  if (!settings) return null;
  return (
    <section className="settings-block" aria-label="Review settings">
      <h3>Review settings</h3>
      <div className="form-row">
        <ToleranceField key={settings.boundaryToleranceFrames} value={settings.boundaryToleranceFrames} />
        <label className="field">
          <span>Training and export take</span>
          <select
            value={settings.trainingSource}
            aria-label="Training source"
            onChange={(e) => {
              if (isSource(e.target.value)) void update({ trainingSource: e.target.value });
            }}
          >
            <option value="all-labelled">every labelled tube</option>
            <option value="reviewed">reviewed tubes only</option>
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.agreedCountsAsFinal}
            onChange={(e) => void update({ agreedCountsAsFinal: e.target.checked })}
          />
          Agreed tubes count as final
        </label>
      </div>
      <p className="muted small">
        Matched tubes whose start or end differ by more than the tolerance are disputed. With “reviewed tubes
        only”, training and export take final tubes (and agreed ones where they count as final).
      </p>
    </section>
  );
}
