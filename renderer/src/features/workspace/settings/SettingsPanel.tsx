import { useEffect, useState } from 'react';
import { useApp } from '../../../store/store';
import { Modal } from '../../../ui/Modal';
import type { ActionId } from '../shortcuts/actions';
import { ACTION_GROUPS, ACTION_IDS, ACTIONS } from '../shortcuts/actions';
import { chordOf, formatChord } from '../shortcuts/chords';

/** Waits for the next key press and reports its chord (Esc cancels). */
function useKeyCapture(active: boolean, onChord: (chord: string | null) => void): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const chord = chordOf(e);
      if (!chord) return;
      e.preventDefault();
      e.stopPropagation();
      onChord(chord === 'Escape' ? null : chord);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [active, onChord]);
}

/** The keys of every action (kept in this browser) and a few preferences. */
export function SettingsPanel() {
  const keymap = useApp((s) => s.keymap);
  const prefs = useApp((s) => s.prefs);
  const bindKey = useApp((s) => s.bindKey);
  const unbindKey = useApp((s) => s.unbindKey);
  const resetKeymap = useApp((s) => s.resetKeymap);
  const setPrefs = useApp((s) => s.setPrefs);
  const close = useApp((s) => s.closePanel);
  const [capturing, setCapturing] = useState<{ action: ActionId; index: number | null } | null>(null);
  const [message, setMessage] = useState('');

  const onChord = (chord: string | null) => {
    const c = capturing;
    setCapturing(null);
    if (!c || chord === null) return;
    const lost = bindKey(c.action, chord, c.index);
    setMessage(
      lost.length > 0
        ? `${formatChord(chord)} now does “${ACTIONS[c.action].label}”; it no longer does “${lost.map((id) => ACTIONS[id].label).join('”, “')}”.`
        : `${formatChord(chord)} now does “${ACTIONS[c.action].label}”.`,
    );
  };
  useKeyCapture(capturing !== null, onChord);

  return (
    <Modal
      title="Settings"
      onClose={() => (capturing ? setCapturing(null) : close())}
      wide
      className="settings"
    >
      <div className="prefs">
        <label className="field">
          <span>Big step (Shift + arrow), frames</span>
          <input
            type="number"
            min={2}
            max={1000}
            value={prefs.bigStep}
            aria-label="Big step in frames"
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 2 && n <= 1000) setPrefs({ bigStep: n });
            }}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={prefs.followPlayhead}
            onChange={(e) => setPrefs({ followPlayhead: e.target.checked })}
          />
          Timeline follows the playhead
        </label>
      </div>
      <p className="muted" role="status">
        {capturing
          ? `Press the new key for “${ACTIONS[capturing.action].label}” (Esc cancels).`
          : message || 'Click a key to change it, + to add one. Saved in this browser.'}
      </p>
      <div className="keymap">
        {ACTION_GROUPS.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            {ACTION_IDS.filter((id) => ACTIONS[id].group === group).map((id) => (
              <div key={id} className="keymap-row" data-action={id}>
                <span className="keymap-label">{ACTIONS[id].label}</span>
                <span className="keymap-keys">
                  {keymap[id].map((chord, i) => (
                    <span key={chord} className="keymap-key">
                      <button
                        type="button"
                        className={capturing?.action === id && capturing.index === i ? 'capturing' : ''}
                        aria-label={`Change ${formatChord(chord)} for ${ACTIONS[id].label}`}
                        onClick={() => setCapturing({ action: id, index: i })}
                      >
                        <kbd>{formatChord(chord)}</kbd>
                      </button>
                      <button
                        type="button"
                        className="link"
                        aria-label={`Remove ${formatChord(chord)} from ${ACTIONS[id].label}`}
                        onClick={() => unbindKey(id, i)}
                      >
                        ×
                      </button>
                    </span>
                  ))}
                  <button
                    type="button"
                    className={capturing?.action === id && capturing.index === null ? 'capturing' : ''}
                    aria-label={`Add a key for ${ACTIONS[id].label}`}
                    onClick={() => setCapturing({ action: id, index: null })}
                  >
                    +
                  </button>
                </span>
              </div>
            ))}
          </section>
        ))}
      </div>
      <div className="modal-foot">
        <button type="button" onClick={() => resetKeymap()}>
          Restore the default keys
        </button>
        <button type="button" className="primary" onClick={close}>
          Done
        </button>
      </div>
    </Modal>
  );
}
