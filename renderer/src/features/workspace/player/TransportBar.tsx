import { useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useApp } from '../../../store/store';
import { FrameReadout, TransportButtons } from '../../../ui/Transport';
import { useWorkspace } from '../workspaceContext';
import { PLAYBACK_RATES } from './PlayerController';

/** Frame number and time of the frame on screen (what requestVideoFrameCallback says was presented). */
function FrameReadoutNow() {
  const { video } = useWorkspace();
  const frame = useApp((s) => s.frame);
  const target = useApp((s) => s.targetFrame);
  const playing = useApp((s) => s.playing);
  const times = useApp((s) => s.frameTimes);
  return (
    <FrameReadout
      frame={frame}
      lastFrame={video.frameCount - 1}
      seconds={times?.[frame] ?? 0}
      settled={target === null && !playing}
      target={target}
    />
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
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <TransportButtons
        playing={playing}
        bigStep={bigStep}
        first={{ label: 'First frame', title: 'First frame (Home)', go: () => player.seek(0) }}
        step={(delta, e) => player.step(delta, { t0: e.timeStamp, kind: 'step' })}
        togglePlay={() => player.togglePlay()}
        playDisabled={noMedia}
        last={() => player.seek(video.frameCount - 1)}
      />
      <FrameReadoutNow />
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
