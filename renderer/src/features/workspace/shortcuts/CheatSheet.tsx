import { useApp } from '../../../store/store';
import { Modal } from '../../../ui/Modal';
import { ACTION_GROUPS, ACTION_IDS, ACTIONS } from './actions';
import { formatChord } from './chords';

/** Every action and its keys (as remapped), by group: the `?` sheet. */
export function CheatSheet() {
  const keymap = useApp((s) => s.keymap);
  const close = useApp((s) => s.closePanel);
  const openPanel = useApp((s) => s.openPanel);
  return (
    <Modal title="Keyboard" onClose={close} wide className="cheatsheet">
      <div className="cheat-groups">
        {ACTION_GROUPS.map((group) => (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {ACTION_IDS.filter((id) => ACTIONS[id].group === group).map((id) => (
                <div key={id} className="cheat-row" data-action={id}>
                  <dt>
                    {keymap[id].length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      keymap[id].map((c) => <kbd key={c}>{formatChord(c)}</kbd>)
                    )}
                  </dt>
                  <dd>{ACTIONS[id].label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section aria-label="Mouse">
          <h3>Mouse</h3>
          <dl>
            <div className="cheat-row">
              <dt>drag on the video</dt>
              <dd>
                draw the selected segment’s box at this frame (a keyframe); drag it or its handles to move and
                resize
              </dd>
            </div>
            <div className="cheat-row">
              <dt>drag in a lane</dt>
              <dd>add a segment for that person</dd>
            </div>
            <div className="cheat-row">
              <dt>drag a segment’s edge</dt>
              <dd>change its first or last frame (saved on release)</dd>
            </div>
            <div className="cheat-row">
              <dt>Ctrl + wheel</dt>
              <dd>zoom the timeline; the wheel alone scrolls it</dd>
            </div>
          </dl>
        </section>
      </div>
      <div className="modal-foot">
        <span className="muted">Keys can be changed in the settings.</span>
        <button type="button" onClick={() => openPanel('settings')}>
          Change keys…
        </button>
      </div>
    </Modal>
  );
}
