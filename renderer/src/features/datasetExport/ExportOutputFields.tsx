import { EXPORT_FORMATS } from '../../../../shared/contract/methods/exports';
import type { CardFields } from '../../../../shared/contract/methods/exports';
import { useApp } from '../../store/store';
import type { ExportForm, SplitPart } from './exportForm';
import { FORMAT_TEXT, withFormat, withPoseOnly } from './exportForm';

type Change = (patch: Partial<ExportForm>) => void;
type Replace = (next: ExportForm) => void;

const LEVEL_NAMES = ['situation', 'activity', 'action'];

/** The classes' level and the splits. */
export function ExportClassFields({ form, change }: { form: ExportForm; change: Change }) {
  const maxLevel = useApp((s) => s.taxonomyTree?.maxLevel ?? 0);
  const setPart = (i: number, patch: Partial<SplitPart>) =>
    change({ parts: form.parts.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const total = form.parts.reduce((s, p) => s + (Number.isFinite(p.percent) ? p.percent : 0), 0);
  return (
    <fieldset className="export-fields">
      <legend>Classes and splits</legend>
      <label className="export-row">
        <span className="export-label">Classes</span>
        <select
          value={form.level === null ? '' : String(form.level)}
          onChange={(e) => change({ level: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">each tube’s own label</option>
          {Array.from({ length: maxLevel }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              level {i + 1}
              {LEVEL_NAMES[i] ? ` (${LEVEL_NAMES[i]})` : ''}: finer labels count as their ancestor
            </option>
          ))}
        </select>
      </label>
      <label className="export-check">
        <input
          type="checkbox"
          checked={form.splitsOn}
          onChange={(e) => change({ splitsOn: e.target.checked })}
        />
        split the tubes (never a recording or a person in two splits)
      </label>
      {form.splitsOn && (
        <div className="export-splits">
          <table>
            <thead>
              <tr>
                <th>split</th>
                <th>share %</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {form.parts.map((p, i) => (
                <tr key={i}>
                  <td>
                    <input
                      type="text"
                      value={p.name}
                      aria-label={`Name of split ${i + 1}`}
                      spellCheck={false}
                      onChange={(e) => setPart(i, { name: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      max={100}
                      value={p.percent}
                      aria-label={`Share of split ${p.name || i + 1}`}
                      onChange={(e) => setPart(i, { percent: Number(e.target.value) })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      disabled={form.parts.length <= 1}
                      onClick={() => change({ parts: form.parts.filter((_, j) => j !== i) })}
                    >
                      remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="export-choices">
            <button
              type="button"
              className="link"
              disabled={form.parts.length >= 10}
              onClick={() =>
                change({ parts: [...form.parts, { name: `split${form.parts.length + 1}`, percent: 0 }] })
              }
            >
              add a split
            </button>
            <span className="muted">
              {total === 100 ? '' : `shares add up to ${total} %: they are scaled`}
            </span>
            <label>
              seed{' '}
              <input
                type="number"
                min={0}
                value={form.seed}
                aria-label="Seed of the splits"
                onChange={(e) => change({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
              />
            </label>
            <label>
              <input
                type="checkbox"
                checked={form.stratify}
                onChange={(e) => change({ stratify: e.target.checked })}
              />
              balance classes across splits
            </label>
          </div>
        </div>
      )}
    </fieldset>
  );
}

/** The formats with their own options, and what may leave the machine. */
export function ExportFormatFields({
  form,
  change,
  replace,
}: {
  form: ExportForm;
  change: Change;
  replace: Replace;
}) {
  const has = (f: (typeof EXPORT_FORMATS)[number]) => form.formats.includes(f);
  return (
    <fieldset className="export-fields">
      <legend>Formats and privacy</legend>
      <div className="export-formats" role="group" aria-label="Formats">
        {EXPORT_FORMATS.map((f) => (
          <label key={f} title={FORMAT_TEXT[f].hint}>
            <input
              type="checkbox"
              checked={has(f)}
              onChange={(e) => replace(withFormat(form, f, e.target.checked))}
            />
            {FORMAT_TEXT[f].name} <span className="muted">{FORMAT_TEXT[f].hint}</span>
          </label>
        ))}
      </div>
      {(has('pyskl') || has('coco')) && (
        <div className="export-choices" role="group" aria-label="Skeleton variants">
          <span className="export-label">Skeletons</span>
          {(['2d', '3d'] as const).map((v) => (
            <label key={v}>
              <input
                type="checkbox"
                checked={form.skeletons.includes(v)}
                onChange={(e) =>
                  change({
                    skeletons: e.target.checked
                      ? (['2d', '3d'] as const).filter((x) => x === v || form.skeletons.includes(x))
                      : form.skeletons.filter((x) => x !== v),
                  })
                }
              />
              {v === '2d' ? '2D (image pixels)' : '3D (world, metres)'}
            </label>
          ))}
        </div>
      )}
      {has('cvat') && (
        <label className="export-row">
          <span className="export-label">CVAT labels</span>
          <select
            value={form.cvatLabels}
            onChange={(e) => change({ cvatLabels: e.target.value === 'attribute' ? 'attribute' : 'labels' })}
          >
            <option value="labels">a CVAT label per class</option>
            <option value="attribute">one “person” label, the class as its “action” attribute</option>
          </select>
        </label>
      )}
      {has('clips') && (
        <div className="export-choices" role="group" aria-label="Clip options">
          <span className="export-label">Clips</span>
          <select
            aria-label="Crop"
            value={form.clips.crop}
            onChange={(e) =>
              change({
                clips: {
                  ...form.clips,
                  crop:
                    e.target.value === 'follow' ? 'follow' : e.target.value === 'none' ? 'none' : 'stable',
                },
              })
            }
          >
            <option value="stable">one crop covering the whole track</option>
            <option value="follow">a crop following the box</option>
            <option value="none">the whole frame</option>
          </select>
          <label>
            margin %{' '}
            <input
              type="number"
              min={0}
              max={200}
              value={Math.round(form.clips.margin * 100)}
              aria-label="Margin around the box in percent"
              onChange={(e) =>
                change({ clips: { ...form.clips, margin: Math.max(0, Number(e.target.value) || 0) / 100 } })
              }
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.clips.blur === 'others'}
              onChange={(e) =>
                change({ clips: { ...form.clips, blur: e.target.checked ? 'others' : 'none' } })
              }
            />
            blur everything outside the person (hides other people)
          </label>
        </div>
      )}
      <div className="export-choices" role="group" aria-label="Privacy">
        <label>
          <input
            type="checkbox"
            checked={form.privacy.poseOnly}
            onChange={(e) => replace(withPoseOnly(form, e.target.checked))}
          />
          pose-only: no pixel of the footage leaves
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.privacy.includeNames}
            onChange={(e) => change({ privacy: { ...form.privacy, includeNames: e.target.checked } })}
          />
          include file and people’s names
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.privacy.includeNotes}
            onChange={(e) => change({ privacy: { ...form.privacy, includeNotes: e.target.checked } })}
          />
          include notes
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.privacy.descriptiveFileNames}
            onChange={(e) => change({ privacy: { ...form.privacy, descriptiveFileNames: e.target.checked } })}
          />
          file names that say what is in them
        </label>
      </div>
    </fieldset>
  );
}

const CARD_FIELDS: { key: keyof CardFields; name: string; long: boolean }[] = [
  { key: 'title', name: 'Title', long: false },
  { key: 'description', name: 'Description', long: true },
  { key: 'licence', name: 'Licence', long: true },
  { key: 'consent', name: 'Consent', long: true },
  { key: 'contact', name: 'Contact', long: false },
];

/** What the dataset card cannot know. */
export function ExportCardFields({ form, change }: { form: ExportForm; change: Change }) {
  return (
    <fieldset className="export-fields">
      <legend>Dataset card</legend>
      {CARD_FIELDS.map((f) => (
        <label key={f.key} className="export-row">
          <span className="export-label">{f.name}</span>
          {f.long ? (
            <textarea
              rows={2}
              value={form.card[f.key] ?? ''}
              onChange={(e) => change({ card: { ...form.card, [f.key]: e.target.value } })}
            />
          ) : (
            <input
              type="text"
              value={form.card[f.key] ?? ''}
              onChange={(e) => change({ card: { ...form.card, [f.key]: e.target.value } })}
            />
          )}
        </label>
      ))}
    </fieldset>
  );
}
