import { REVIEW_STATES } from '../../../../shared/review/states';
import { nodeChoices } from '../../../../shared/taxonomy/tree';
import type { User } from '../../../../shared/domain/user';
import { useApp } from '../../store/store';
import type { ExportForm } from './exportForm';

type Change = (patch: Partial<ExportForm>) => void;

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}

/** Which tubes: videos, review states, labels, people and period; none chosen means all. */
export function ExportSelectionFields({
  form,
  change,
  people,
}: {
  form: ExportForm;
  change: Change;
  people: User[];
}) {
  const order = useApp((s) => s.videoOrder);
  const videos = useApp((s) => s.videos);
  const tree = useApp((s) => s.taxonomyTree);
  const labelOptions = tree ? nodeChoices(tree, form.labels) : [];
  return (
    <fieldset className="export-fields">
      <legend>Tubes</legend>
      <div className="export-row">
        <span className="export-label">Videos</span>
        <div className="export-choices export-scroll" role="group" aria-label="Videos to export">
          <label>
            <input
              type="checkbox"
              checked={form.videoIds.length === 0}
              onChange={(e) => e.target.checked && change({ videoIds: [] })}
            />
            all {order.length}
          </label>
          {order.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={form.videoIds.includes(id)}
                onChange={(e) => change({ videoIds: toggled(form.videoIds, id, e.target.checked) })}
              />
              {videos[id]?.name ?? id}
            </label>
          ))}
        </div>
      </div>
      <div className="export-row">
        <span className="export-label">Review states</span>
        <div className="export-choices" role="group" aria-label="Review states to export">
          {REVIEW_STATES.map((st) => (
            <label key={st}>
              <input
                type="checkbox"
                checked={form.states.includes(st)}
                onChange={(e) => change({ states: toggled(form.states, st, e.target.checked) })}
              />
              {st}
            </label>
          ))}
          <span className="muted">{form.states.length === 0 ? 'none ticked: every state' : ''}</span>
        </div>
      </div>
      <div className="export-row">
        <label className="export-label" htmlFor="export-labels">
          Labels
        </label>
        <div className="export-choices">
          <select
            id="export-labels"
            value=""
            aria-label="Add a label to export"
            onChange={(e) => e.target.value && change({ labels: toggled(form.labels, e.target.value, true) })}
          >
            <option value="">{form.labels.length === 0 ? 'every label' : 'add a label…'}</option>
            {labelOptions
              .filter((o) => !form.labels.includes(o.id))
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.path}
                </option>
              ))}
          </select>
          {form.labels.map((id) => (
            <button
              key={id}
              type="button"
              className="chip"
              title="Remove"
              onClick={() => change({ labels: toggled(form.labels, id, false) })}
            >
              {labelOptions.find((o) => o.id === id)?.path ?? id} ×
            </button>
          ))}
        </div>
      </div>
      {people.length > 0 && (
        <div className="export-row">
          <span className="export-label">Annotators</span>
          <div className="export-choices" role="group" aria-label="Annotators to export">
            {people.map((u) => (
              <label key={u.id}>
                <input
                  type="checkbox"
                  checked={form.annotators.includes(u.id)}
                  onChange={(e) => change({ annotators: toggled(form.annotators, u.id, e.target.checked) })}
                />
                {u.name}
              </label>
            ))}
            <label>
              <input
                type="checkbox"
                checked={form.annotators.includes('local')}
                onChange={(e) => change({ annotators: toggled(form.annotators, 'local', e.target.checked) })}
              />
              without signing in
            </label>
          </div>
        </div>
      )}
      <div className="export-row">
        <span className="export-label">Changed</span>
        <div className="export-choices">
          <label>
            from{' '}
            <input
              type="date"
              value={form.changedFrom}
              aria-label="Changed from"
              onChange={(e) => change({ changedFrom: e.target.value })}
            />
          </label>
          <label>
            to{' '}
            <input
              type="date"
              value={form.changedTo}
              aria-label="Changed to"
              onChange={(e) => change({ changedTo: e.target.value })}
            />
          </label>
        </div>
      </div>
      <label className="export-check">
        <input
          type="checkbox"
          checked={form.includeUnlabelled}
          onChange={(e) => change({ includeUnlabelled: e.target.checked })}
        />
        also tubes without a label (the manifest and CVAT keep them)
      </label>
    </fieldset>
  );
}
