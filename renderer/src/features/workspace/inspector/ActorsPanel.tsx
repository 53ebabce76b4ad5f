import { useMemo, useState } from 'react';
import type { Actor } from '../../../../../shared/domain/annotation';
import { useApp } from '../../../store/store';
import { actorName, orderedActors } from '../segmentQueries';
import { useWorkspace } from '../workspaceContext';

/** The name, saved on Enter or when the field is left (keyed by the saved name: a new one resets it). */
function NameInput({ actor }: { actor: Actor }) {
  const updateActor = useApp((s) => s.updateActor);
  const [name, setName] = useState(actor.name);
  const commit = () => {
    if (name.trim() !== actor.name) void updateActor(actor.id, { name: name.trim() });
  };
  return (
    <input
      type="text"
      className="actor-name"
      value={name}
      placeholder={`Person ${actor.number}`}
      aria-label={`Name of person ${actor.number}`}
      onChange={(e) => setName(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setName(actor.name);
          e.currentTarget.blur();
        }
      }}
    />
  );
}

function ActorRow({ actor, count }: { actor: Actor; count: number }) {
  const selected = useApp((s) => s.selectedActorId === actor.id);
  const selectActor = useApp((s) => s.selectActor);
  const updateActor = useApp((s) => s.updateActor);
  const removeActor = useApp((s) => s.removeActor);
  const [confirming, setConfirming] = useState(false);
  return (
    <li
      className={selected ? 'actor selected' : 'actor'}
      data-actor-id={actor.id}
      aria-label={actorName(actor)}
      onClick={() => selectActor(actor.id)}
    >
      <input
        type="color"
        value={actor.color}
        aria-label={`Colour of ${actorName(actor)}`}
        onChange={(e) => void updateActor(actor.id, { color: e.target.value })}
      />
      <span className="actor-number">#{actor.number}</span>
      <NameInput key={actor.name} actor={actor} />
      <span className="muted" title="Segments">
        {count}
      </span>
      {confirming ? (
        <span className="confirm">
          <button type="button" className="danger" onClick={() => void removeActor(actor.id)}>
            Remove with {count} segment{count === 1 ? '' : 's'}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="link"
          aria-label={`Remove ${actorName(actor)}`}
          onClick={() => setConfirming(true)}
        >
          ×
        </button>
      )}
    </li>
  );
}

/** The people in the video: named or numbered, each with a colour for their lane and boxes. */
export function ActorsPanel() {
  const { commands } = useWorkspace();
  const actors = useApp((s) => s.actors);
  const segments = useApp((s) => s.segments);
  const list = useMemo(() => orderedActors(actors), [actors]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const seg of Object.values(segments)) m.set(seg.actorId, (m.get(seg.actorId) ?? 0) + 1);
    return m;
  }, [segments]);
  return (
    <section className="panel" aria-label="People">
      <h3>
        People
        <button type="button" onClick={() => commands.addActor({ timeStamp: performance.now() })}>
          Add person <kbd>A</kbd>
        </button>
      </h3>
      {list.length === 0 ? (
        <p className="muted">
          Nobody yet. <kbd>A</kbd> adds a person; <kbd>[</kbd> <kbd>]</kbd> switch between them.
        </p>
      ) : (
        <ul className="actors">
          {list.map((a) => (
            <ActorRow key={a.id} actor={a} count={counts.get(a.id) ?? 0} />
          ))}
        </ul>
      )}
    </section>
  );
}
