import { formatTimecode } from '../../../shared/frames/frameTimes';
import { Icon } from './icons';

/** What a step button passes on: the event's time, where frame-step latency is measured from. */
export interface StepEvent {
  timeStamp: number;
}

export interface TransportButtonsProps {
  playing: boolean;
  /** Frames the big steps (Shift+← and Shift+→) move. */
  bigStep: number;
  /** The first button: the video's first frame, or the first frame of what is under review. */
  first: { label: string; title: string; go: () => void };
  step: (delta: number, e: StepEvent) => void;
  togglePlay: () => void;
  playDisabled?: boolean;
  /** A last-frame button, where there is one. */
  last?: () => void;
}

/** The step and play buttons of a player, the same in the workspace and in review. */
export function TransportButtons(p: TransportButtonsProps) {
  return (
    <>
      <button type="button" onClick={p.first.go} title={p.first.title} aria-label={p.first.label}>
        <Icon name="first" />
      </button>
      <button
        type="button"
        onClick={(e) => p.step(-p.bigStep, e)}
        title={`Back ${p.bigStep} frames (Shift+←)`}
        aria-label={`Back ${p.bigStep} frames`}
      >
        <Icon name="back10" />
      </button>
      <button
        type="button"
        onClick={(e) => p.step(-1, e)}
        title="Previous frame (←)"
        aria-label="Previous frame"
      >
        <Icon name="prev" />
      </button>
      <button
        type="button"
        className="play"
        onClick={p.togglePlay}
        disabled={p.playDisabled === true}
        title="Play / pause (Space)"
        aria-label={p.playing ? 'Pause' : 'Play'}
      >
        <Icon name={p.playing ? 'pause' : 'play'} />
      </button>
      <button type="button" onClick={(e) => p.step(1, e)} title="Next frame (→)" aria-label="Next frame">
        <Icon name="next" />
      </button>
      <button
        type="button"
        onClick={(e) => p.step(p.bigStep, e)}
        title={`Forward ${p.bigStep} frames (Shift+→)`}
        aria-label={`Forward ${p.bigStep} frames`}
      >
        <Icon name="forward10" />
      </button>
      {p.last && (
        <button type="button" onClick={p.last} title="Last frame (End)" aria-label="Last frame">
          <Icon name="last" />
        </button>
      )}
    </>
  );
}

export interface FrameReadoutProps {
  frame: number;
  lastFrame: number;
  /** Presentation time of the frame, seconds from frame 0. */
  seconds: number;
  /** The frame on screen is the one asked for and playback is stopped (tests and benchmarks wait for it). */
  settled: boolean;
  /** A frame asked for and not on screen yet. */
  target?: number | null;
}

/** Frame number and time of the frame on screen. */
export function FrameReadout(p: FrameReadoutProps) {
  return (
    <div className="readout">
      <output
        className="frame-number"
        aria-label="Frame"
        data-frame={p.frame}
        data-settled={p.settled ? 'true' : 'false'}
      >
        {p.frame}
      </output>
      <span className="muted"> / {p.lastFrame}</span>
      <output className="timecode" aria-label="Time">
        {formatTimecode(p.seconds)}
      </output>
      {p.target !== undefined && p.target !== null && (
        <span className="seeking" title="Frame asked for, not on screen yet">
          → {p.target}
        </span>
      )}
    </div>
  );
}
