import { useMemo } from 'react';
import { useApp } from '../../../store/store';
import { formatChord } from '../shortcuts/chords';
import { QUICK_LABEL_ACTIONS } from '../shortcuts/actions';
import { quickLabels } from './quickLabels';

/** The labels number keys apply, most used first, always in view. */
export function QuickLabels() {
  const usage = useApp((s) => s.labelUsage);
  const tree = useApp((s) => s.taxonomyTree);
  const segments = useApp((s) => s.segments);
  const keymap = useApp((s) => s.keymap);
  const ids = useMemo(() => quickLabels(usage, tree, segments), [usage, tree, segments]);
  return (
    <div className="quick-labels" aria-label="Quick labels">
      <span className="muted">
        <kbd>T</kbd> label picker
      </span>
      {ids.length === 0 && <span className="muted">· labels you use get number keys here</span>}
      {ids.map((id, i) => {
        const action = QUICK_LABEL_ACTIONS[i];
        const key = action ? keymap[action][0] : undefined;
        const node = tree?.nodes.get(id);
        return (
          <span key={id} className="quick-label" title={node?.definition} data-node-id={id}>
            {key && <kbd>{formatChord(key)}</kbd>} {node?.name ?? id}
          </span>
        );
      })}
    </div>
  );
}
