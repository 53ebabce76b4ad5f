import { useEffect, useRef, useState } from 'react';
import type { Segment } from '../../../../../shared/domain/annotation';
import { formatTimecode } from '../../../../../shared/frames/frameTimes';
import { personName } from '../../../store/peopleSlice';
import { currentRole } from '../../../store/role';
import { useApp } from '../../../store/store';
import { lockReason, stateMeaning } from '../../review/reviewStates';
import { LabelText } from '../labels/LabelText';
import { actorName, orderedActors } from '../segmentQueries';
import { useWorkspace } from '../workspaceContext';

/** A frame number field that saves on Enter or when it loses focus (keyed by its value: a new value resets it). */
function FrameField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: number;
  onCommit: (v: number) => void;
}) {
  const [text, setText] = useState(String(value));
  const commit = () => {
    const n = Number(text);
    if (text.trim() !== '' && Number.isInteger(n) && n !== value) onCommit(n);
    else setText(String(value));
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        value={text}
        aria-label={label}
        onChange={(e) => setText(e.target.value.replace(/[^0-9]/g, ''))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setText(String(value));
            e.currentTarget.blur();
          }
        }}
      />
    </label>
  );
}

const NOTE_SAVE_DELAY_MS = 700;

/** The note saves when typing pauses and when the field is left: no more than a moment is ever unsaved. */
function NoteField({ segment }: { segment: Segment }) {
  const { registerNote } = useWorkspace();
  const updateSegment = useApp((s) => s.updateSegment);
  const [text, setText] = useState(segment.note);
  const [focused, setFocused] = useState(false);
  // Another person's change to the note shows, unless this field is being typed in.
  const [shownNote, setShownNote] = useState(segment.note);
  if (segment.note !== shownNote && !focused) {
    setShownNote(segment.note);
    setText(segment.note);
  }
  const pendingRef = useRef({
    timer: null as ReturnType<typeof setTimeout> | null,
    text: segment.note,
    saved: segment.note,
    segmentId: segment.id,
  });

  useEffect(() => {
    pendingRef.current.saved = segment.note;
  }, [segment.note]);

  useEffect(() => {
    const pending = pendingRef.current;
    return () => {
      // Leaving the segment (or the workspace) saves what was typed.
      if (pending.timer) clearTimeout(pending.timer);
      if (pending.text !== pending.saved)
        void updateSegment(pending.segmentId, { note: pending.text }, 'change the note');
    };
  }, [updateSegment]);

  const save = () => {
    const pending = pendingRef.current;
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = null;
    if (pending.text !== pending.saved) {
      pending.saved = pending.text;
      void updateSegment(pending.segmentId, { note: pending.text }, 'change the note');
    }
  };

  return (
    <label className="field field-wide">
      <span>
        Note <kbd>N</kbd>
      </span>
      <textarea
        ref={registerNote}
        value={text}
        rows={2}
        maxLength={10_000}
        aria-label="Note"
        placeholder="What an expert should know about this segment"
        onFocus={() => setFocused(true)}
        onChange={(e) => {
          setText(e.target.value);
          const pending = pendingRef.current;
          pending.text = e.target.value;
          if (pending.timer) clearTimeout(pending.timer);
          pending.timer = setTimeout(save, NOTE_SAVE_DELAY_MS);
        }}
        onBlur={() => {
          setFocused(false);
          save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
      />
    </label>
  );
}

function Keyframes({ segment, locked }: { segment: Segment; locked: boolean }) {
  const { player } = useWorkspace();
  const frame = useApp((s) => s.frame);
  const removeKeyframe = useApp((s) => s.removeKeyframe);
  return (
    <div className="keyframes">
      <div className="keyframes-head">
        <span>Box keyframes ({segment.keyframes.length})</span>
        <span className="muted">
          drag on the video · <kbd>X</kbd> delete · <kbd>H</kbd> outside
        </span>
      </div>
      {segment.keyframes.length === 0 && <p className="muted">No box yet: drag on the video to draw one.</p>}
      <ul aria-label="Box keyframes">
        {segment.keyframes.map((k) => (
          <li key={k.frame} className={k.frame === frame ? 'current' : ''} data-frame={k.frame}>
            <button type="button" className="link" onClick={() => player.seek(k.frame)}>
              {k.frame}
            </button>
            <span className="muted">
              {k.outside
                ? 'outside the view'
                : `${Math.round(k.x)}, ${Math.round(k.y)} · ${Math.round(k.width)}×${Math.round(k.height)}`}
            </span>
            <button
              type="button"
              className="link"
              aria-label={`Delete the keyframe at frame ${k.frame}`}
              disabled={locked}
              onClick={() => void removeKeyframe(segment.id, k.frame)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The tube's review state, whose version it is, why it is locked, and its history (for reviewers). */
function ReviewStatus({ segment }: { segment: Segment }) {
  const role = useApp(currentRole);
  const userId = useApp((s) => s.user?.id ?? null);
  const users = useApp((s) => s.users);
  const open = useApp((s) => s.authMode === 'open');
  const openPanel = useApp((s) => s.openPanel);
  if (!role) return null;
  const reason = lockReason(segment, role, userId);
  const reviewer = role !== 'annotator';
  const showOwner = !open && segment.ownerId !== null && (reviewer || segment.ownerId !== userId);
  return (
    <div className="review-status" aria-label="Review state" data-review-state={segment.reviewState}>
      <span className={`state-tag state-${segment.reviewState}`} title={stateMeaning(segment.reviewState)}>
        {segment.reviewState}
      </span>
      {showOwner && (
        <span className="muted" data-testid="tube-owner">
          {segment.origin === 'final' ? 'final version by ' : 'version of '}
          {personName(users, segment.ownerId)}
        </span>
      )}
      {reviewer && (
        <button type="button" className="link" onClick={() => openPanel('audit')}>
          History…
        </button>
      )}
      {reason && (
        <p className="lock-reason" role="note">
          <strong>Locked.</strong> {reason}
        </p>
      )}
    </div>
  );
}

/** A model's pre-label: its confidence, and the way to make it a person's label. */
function PreLabelNote({ segment, locked }: { segment: Segment; locked: boolean }) {
  const updateSegment = useApp((s) => s.updateSegment);
  if (segment.origin !== 'model') return null;
  const p = segment.confidence === null ? '' : `, confidence ${Math.round(segment.confidence * 100)} %`;
  return (
    <div className="pre-label" role="note" aria-label="Model pre-label">
      <p>
        <strong>A model’s pre-label</strong>
        {p}. It is used for neither training nor export until a person confirms or changes its label.
      </p>
      <button
        type="button"
        disabled={locked || segment.label === null}
        onClick={() => void updateSegment(segment.id, { confirm: true }, 'confirm the model’s label')}
      >
        Confirm label
      </button>
    </div>
  );
}

export function SegmentInspector() {
  const { commands, video } = useWorkspace();
  const segment = useApp((s) => (s.selectedSegmentId ? s.segments[s.selectedSegmentId] : undefined));
  const actors = useApp((s) => s.actors);
  const times = useApp((s) => s.frameTimes);
  const updateSegment = useApp((s) => s.updateSegment);
  const openPanel = useApp((s) => s.openPanel);
  const role = useApp(currentRole);
  const userId = useApp((s) => s.user?.id ?? null);
  if (!segment) {
    return (
      <section className="panel inspector" aria-label="Selected segment">
        <h3>Segment</h3>
        <p className="muted">
          None selected. Pick a person, press <kbd>I</kbd> at the first frame and <kbd>O</kbd> at the last (or
          drag in their lane), then <kbd>T</kbd> to label it.
        </p>
      </section>
    );
  }
  const actor = actors[segment.actorId];
  const locked = role !== null && lockReason(segment, role, userId) !== null;
  const frames = segment.endFrame - segment.startFrame + 1;
  const start = times?.[segment.startFrame] ?? 0;
  const end = times?.[segment.endFrame + 1] ?? video.durationSec;
  return (
    <section className="panel inspector" aria-label="Selected segment" data-segment-id={segment.id}>
      <h3>
        <span className="swatch" style={{ background: actor?.color }} />
        {actor ? actorName(actor) : 'Segment'}
        <span className="muted">
          {' '}
          · {frames} frame{frames === 1 ? '' : 's'} · {formatTimecode(end - start)}
        </span>
      </h3>
      <ReviewStatus segment={segment} />
      <PreLabelNote segment={segment} locked={locked} />
      <fieldset className="inspector-fields" disabled={locked}>
        <div className="inspector-label">
          <LabelText label={segment.label} />
          <button type="button" onClick={() => openPanel('labelPicker')}>
            Label… <kbd>T</kbd>
          </button>
        </div>
        <div className="field-row">
          <FrameField
            key={`s${segment.startFrame}`}
            label="Start frame"
            value={segment.startFrame}
            onCommit={(v) =>
              void updateSegment(segment.id, { startFrame: v }, `move the segment's start to frame ${v}`)
            }
          />
          <FrameField
            key={`e${segment.endFrame}`}
            label="End frame"
            value={segment.endFrame}
            onCommit={(v) =>
              void updateSegment(segment.id, { endFrame: v }, `move the segment's end to frame ${v}`)
            }
          />
          <label className="field">
            <span>Person</span>
            <select
              value={segment.actorId}
              aria-label="Person"
              onChange={(e) =>
                void updateSegment(
                  segment.id,
                  { actorId: e.target.value },
                  'give the segment to another person',
                )
              }
            >
              {orderedActors(actors).map((a) => (
                <option key={a.id} value={a.id}>
                  {actorName(a)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={segment.uncertain}
            aria-label="Uncertain"
            onChange={(e) =>
              void updateSegment(
                segment.id,
                { uncertain: e.target.checked },
                e.target.checked ? 'mark the segment uncertain' : 'mark the segment certain',
              )
            }
          />
          Uncertain <kbd>U</kbd>
        </label>
        <NoteField key={segment.id} segment={segment} />
      </fieldset>
      <Keyframes segment={segment} locked={locked} />
      <fieldset className="inspector-fields" disabled={locked}>
        <div className="inspector-actions">
          <button type="button" onClick={() => commands.split({ timeStamp: performance.now() })}>
            Split at playhead <kbd>S</kbd>
          </button>
          <button type="button" onClick={() => commands.mergeNext({ timeStamp: performance.now() })}>
            Merge next <kbd>M</kbd>
          </button>
          <button
            type="button"
            className="danger-outline"
            onClick={() => commands.deleteSegment({ timeStamp: performance.now() })}
          >
            Delete <kbd>Del</kbd>
          </button>
        </div>
      </fieldset>
      <p className="muted small">
        revision {segment.revision} · saved {new Date(segment.updatedAt).toLocaleTimeString()}
      </p>
    </section>
  );
}
