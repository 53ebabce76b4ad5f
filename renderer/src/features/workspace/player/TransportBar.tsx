import { useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { formatTimecode } from '../../../../../shared/frames/frameTimes';
import { useApp } from '../../../store/store';
import { Icon } from '../../../ui/icons';
import { useWorkspace } from '../workspaceContext';
import { PLAYBACK_RATES } from './PlayerController';

/** Frame number and time of the frame on screen (what requestVideoFrameCallback says was presented). */
function FrameReadout() {
  const { video } = useWorkspace();
  const frame = useApp((s) => s.frame);
  const target = useApp((s) => s.targetFrame);
  const playing = useApp((s) => s.playing);
  const times = useApp((s) => s.frameTimes);
  const settled = target === null && !playing;
  return (
    <div className="readout">
      <output
        className="frame-number"
        aria-label="Frame"
        data-frame={frame}
        data-settled={settled ? 'true' : 'false'}
      >
        {frame}
      </output>
      <span className="muted"> / {video.frameCount - 1}</span>
      <output className="timecode" aria-label="Time">
        {formatTimecode(times?.[frame] ?? 0)}
      </output>
      {target !== null && (
        <span className="seeking" title="Frame asked for, not on screen yet">
          → {target}
        </span>
      )}
    </div>
  );
}

function JumpToFrame() {
  const { video, player, registerJump } = useWorkspace();
  const [text, setText] = useState('');
  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const n = Number(text.trim());
      if (text.trim() !== '' && Number.isInteger(n)) {
        player.seek(Math.min(video.frameCount - 1, Math.max(0, n)), { t0: e.timeStamp, kind: 'seek' });
      }
      setText('');
      e.currentTarget.blur();
    } else if (e.key === 'Escape') {
      setText('');
      e.currentTarget.blur();
    }
  };
  return (
    <label className="jump" title="Jump to a frame (G)">
      <span>Go to</span>
      <input
        ref={registerJump}
        type="text"
        inputMode="numeric"
        value={text}
        placeholder="frame"
        aria-label="Jump to frame"
        onChange={(e) => setText(e.target.value.replace(/[^0-9]/g, ''))}
        onKeyDown={onKeyDown}
      />
      <kbd>G</kbd>
    </label>
  );
}

function MarkInBadge() {
  const markIn = useApp((s) => s.markIn);
  if (markIn === null) return null;
  return (
    <span className="mark-in" role="status">
      in at {markIn} — <kbd>O</kbd> ends the segment, <kbd>Esc</kbd> cancels
    </span>
  );
}

export function TransportBar() {
  const { player, video } = useWorkspace();
  const playing = useApp((s) => s.playing);
  const rate = useApp((s) => s.rate);
  const bigStep = useApp((s) => s.prefs.bigStep);
  const mediaState = useApp((s) => s.mediaState);
  const noMedia = mediaState !== 'ready';
  const step = (delta: number) => (e: { timeStamp: number }) =>
    player.step(delta, { t0: e.timeStamp, kind: 'step' });
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <button
        type="button"
        onClick={() => player.seek(0)}
        title="First frame (Home)"
        aria-label="First frame"
      >
        <Icon name="first" />
      </button>
      <button
        type="button"
        onClick={step(-bigStep)}
        title={`Back ${bigStep} frames (Shift+←)`}
        aria-label={`Back ${bigStep} frames`}
      >
        <Icon name="back10" />
      </button>
      <button type="button" onClick={step(-1)} title="Previous frame (←)" aria-label="Previous frame">
        <Icon name="prev" />
      </button>
      <button
        type="button"
        className="play"
        onClick={() => player.togglePlay()}
        disabled={noMedia}
        title="Play / pause (Space)"
        aria-label={playing ? 'Pause' : 'Play'}
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" onClick={step(1)} title="Next frame (→)" aria-label="Next frame">
        <Icon name="next" />
      </button>
      <button
        type="button"
        onClick={step(bigStep)}
        title={`Forward ${bigStep} frames (Shift+→)`}
        aria-label={`Forward ${bigStep} frames`}
      >
        <Icon name="forward10" />
      </button>
      <button
        type="button"
        onClick={() => player.seek(video.frameCount - 1)}
        title="Last frame (End)"
        aria-label="Last frame"
      >
        <Icon name="last" />
      </button>
      <FrameReadout />
      <label className="rate" title="Playback rate (< and >; J K L shuttle)">
        <span>Rate</span>
        <select
          value={rate < 0 ? 1 : rate}
          onChange={(e) => player.setRate(Number(e.target.value))}
          aria-label="Playback rate"
        >
          {PLAYBACK_RATES.map((r) => (
            <option key={r} value={r}>
              {r}×
            </option>
          ))}
        </select>
        {rate < 0 && <span className="muted">◀◀ {-rate}×</span>}
      </label>
      <JumpToFrame />
      <MarkInBadge />
    </div>
  );
}
