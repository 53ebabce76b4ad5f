import { useEffect } from 'react';
import { ComparePanel } from './ComparePanel';
import { InferencePanel } from './InferencePanel';
import { ModelDetailPanel } from './ModelDetailPanel';
import { useModels } from './modelsStore';
import { TrainPanel } from './TrainPanel';
import './models.css';

function ModelList() {
  const models = useModels((s) => s.models);
  const loaded = useModels((s) => s.loaded);
  const selectedId = useModels((s) => s.selectedId);
  const select = useModels((s) => s.select);
  return (
    <section className="models-panel" aria-label="Model registry">
      <h3>Models</h3>
      {loaded && models.length === 0 && <p className="muted">No models yet: train one.</p>}
      <ul className="model-list">
        {models.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className={m.id === selectedId ? 'selected' : ''}
              aria-pressed={m.id === selectedId}
              onClick={() => void select(m.id === selectedId ? null : m.id)}
            >
              <strong>{m.name}</strong>
              <span className="muted">
                {m.architecture} · {m.levelName} · {m.classes.length} classes · macro-F1{' '}
                {m.testMacroF1 === null ? '–' : m.testMacroF1.toFixed(2)} · {m.createdAt.slice(0, 10)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Body() {
  const load = useModels((s) => s.load);
  const selectedId = useModels((s) => s.selectedId);
  const error = useModels((s) => s.error);
  const clearError = useModels((s) => s.clearError);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="models-view">
      {error && (
        <p className="warning" role="alert">
          {error}{' '}
          <button type="button" className="link" onClick={clearError}>
            Dismiss
          </button>
        </p>
      )}
      <div className="models-columns">
        <div className="models-side">
          <ModelList />
          <TrainPanel />
        </div>
        <div className="models-main">
          {selectedId ? (
            <>
              <ModelDetailPanel />
              <ComparePanel />
              <InferencePanel />
            </>
          ) : (
            <p className="muted">Choose a model to see its metrics, card and predictions, or train one.</p>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The Models page: the registry, training with live curves, metrics and plots, the model card, comparison,
 * and inference with per-person timelines, alerts and pre-labels. Its store (`createModelsStore`) comes from
 * `ModelsStoreContext`, made once with the app's client.
 */
export function ModelsView() {
  return <Body />;
}
