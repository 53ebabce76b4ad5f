import { useEffect, useMemo, useRef, useState } from 'react';
import type { Video } from '../../../../shared/domain/video';
import { playbackSourceOf } from '../../../../shared/domain/video';
import { boxAt } from '../../../../shared/tracks/interpolate';
import type { PlayerState } from '../../store/playerSlice';
import { initialPlayerState } from '../../store/playerSlice';
import { useApp } from '../../store/store';
import { FrameReadout, TransportButtons } from '../../ui/Transport';
import { sourceClock } from '../workspace/player/frameClock';
import { playbackFor } from '../workspace/player/playbackSource';
import { PlayerController } from '../workspace/player/PlayerController';
import { isTypingTarget } from '../workspace/shortcuts/typing';
import type { VersionLane } from './versionLayout';
import { frameAtX, frameX, reviewRange, rulerTicks } from './versionLayout';

/** Each version's box at the frame on screen, in its colour (keyframes solid, interpolated dashed). */
function VersionBoxes({
  video,
  lanes,
  frame,
}: {
  video: Video;
  lanes: readonly VersionLane[];
  frame: number;
}) {
  const tree = useApp((s) => s.taxonomyTree);
  const W = video.width;
  const H = video.height;
  const unit = W / 640;
  return (
    <svg
      className="box-overlay review-boxes"
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      aria-label="Boxes of the versions"
    >
      {lanes.map((lane, i) => {
        const seg = lane.segment;
        if (frame < seg.startFrame || frame > seg.endFrame) return null;
        const { box, kind } = boxAt(seg.keyframes, frame);
        if (!box) return null;
        const label = seg.label
          ? (tree?.nodes.get(seg.label.nodeId)?.name ?? seg.label.nodeId)
          : 'unlabelled';
        return (
          <g key={lane.key} data-segment-id={seg.id} data-box-kind={kind}>
            <rect
              x={box.x}
              y={box.y}
              width={box.width}
              height={box.height}
              stroke={lane.color}
              strokeWidth={2}
              strokeDasharray={kind === 'interpolated' ? '8 5' : kind === 'held' ? '3 3' : undefined}
              fill="none"
              vectorEffect="non-scaling-stroke"
            />
            <text
              x={box.x + 3 * unit}
              y={box.y > (20 + i * 14) * unit ? box.y - (5 + i * 14) * unit : box.y + (15 + i * 14) * unit}
              fill={lane.color}
              fontSize={12 * unit}
              className="box-tag"
            >
              {lane.name} · {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One lane per version over the item's frames, the boundaries marked with their frame numbers. */
function VersionsTimeline({
  lanes,
  range,
  frame,
  onSeek,
}: {
  lanes: readonly VersionLane[];
  range: { first: number; last: number };
  frame: number;
  onSeek: (frame: number) => void;
}) {
  const tree = useApp((s) => s.taxonomyTree);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(100, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const LANE_H = 34;
  const RULER_H = 22;
  const height = RULER_H + lanes.length * LANE_H + 4;
  const x = (f: number) => frameX(f, range, width);
  return (
    <div className="review-timeline" aria-label="Versions on a timeline">
      <div className="rt-names" style={{ paddingTop: RULER_H }}>
        {lanes.map((lane) => (
          <div key={lane.key} className="rt-name" style={{ height: LANE_H, borderLeftColor: lane.color }}>
            {lane.name}
          </div>
        ))}
      </div>
      <div className="rt-canvas" ref={wrapRef}>
        <svg
          width={width}
          height={height}
          onPointerDown={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            onSeek(frameAtX(e.clientX - r.left, range, width));
          }}
        >
          {rulerTicks(range, width).map((f) => (
            <g key={f}>
              <line x1={x(f)} x2={x(f)} y1={RULER_H - 6} y2={height} className="rt-grid" />
              <text x={x(f) + 2} y={12} className="rt-tick">
                {f}
              </text>
            </g>
          ))}
          {lanes.map((lane, i) => {
            const s = lane.segment;
            const y = RULER_H + i * LANE_H + 4;
            const x0 = x(s.startFrame);
            const x1 = x(s.endFrame + 1);
            const label = s.label ? (tree?.nodes.get(s.label.nodeId)?.name ?? s.label.nodeId) : 'unlabelled';
            return (
              <g
                key={lane.key}
                className="rt-lane"
                data-segment-id={s.id}
                data-start={s.startFrame}
                data-end={s.endFrame}
                aria-label={`${lane.name}: frames ${s.startFrame}–${s.endFrame}, ${label}`}
              >
                <rect
                  x={x0}
                  y={y}
                  width={Math.max(2, x1 - x0)}
                  height={LANE_H - 10}
                  rx={3}
                  fill={`${lane.color}33`}
                  stroke={lane.color}
                  strokeDasharray={lane.final ? '4 3' : undefined}
                />
                <line x1={x0} x2={x0} y1={y - 3} y2={y + LANE_H - 7} stroke={lane.color} strokeWidth={2} />
                <line x1={x1} x2={x1} y1={y - 3} y2={y + LANE_H - 7} stroke={lane.color} strokeWidth={2} />
                <text x={x0 + 4} y={y + 15} className="rt-label">
                  {label}
                </text>
                <text x={x0 - 3} y={y + LANE_H - 1} className="rt-edge" textAnchor="end">
                  {s.startFrame}
                </text>
                <text x={x1 + 3} y={y + LANE_H - 1} className="rt-edge">
                  {s.endFrame}
                </text>
              </g>
            );
          })}
          <line x1={x(frame) + 0.5} x2={x(frame) + 0.5} y1={0} y2={height} className="rt-playhead" />
        </svg>
      </div>
    </div>
  );
}

/**
 * A frame-exact player for the review view: the workspace's PlayerController (frames known from
 * requestVideoFrameCallback, seeks to the middle of a frame), the versions' boxes on the frame and their
 * lanes below. Keys: Space, ← → (Shift: ten frames).
 */
export function ReviewPlayer({
  video,
  times,
  lanes,
}: {
  video: Video;
  times: readonly number[];
  lanes: readonly VersionLane[];
}) {
  const range = useMemo(
    () =>
      reviewRange(
        lanes.map((l) => l.segment),
        times.length,
      ),
    [lanes, times.length],
  );
  const [state, setState] = useState<PlayerState>(() => ({ ...initialPlayerState, frame: range.first }));
  const videoRef = useRef<HTMLVideoElement>(null);
  const source = playbackSourceOf(video);
  const { id, proxyFps, fps } = video;
  const playback = useMemo(
    () => playbackFor(id, source, proxyFps, times, fps),
    [id, source, proxyFps, times, fps],
  );
  const startAt = lanes.length > 0 ? Math.min(...lanes.map((l) => l.segment.startFrame)) : range.first;
  const [player] = useState(
    () =>
      new PlayerController(
        playback?.clock ?? sourceClock(times, fps),
        fps,
        (patch) => setState((s) => ({ ...s, ...patch })),
        startAt,
      ),
  );

  useEffect(() => {
    const el = videoRef.current;
    if (!el || !playback) return;
    const detach = player.attach(el);
    el.src = playback.url;
    return () => {
      detach();
      el.removeAttribute('src');
      el.load();
    };
  }, [player, playback]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target) || document.querySelector('[role="dialog"]')) return;
      const big = e.shiftKey ? 10 : 1;
      switch (e.key) {
        case ' ':
          player.togglePlay();
          break;
        case 'ArrowLeft':
          player.step(-big, { t0: e.timeStamp, kind: 'step' });
          break;
        case 'ArrowRight':
          player.step(big, { t0: e.timeStamp, kind: 'step' });
          break;
        default:
          return;
      }
      e.preventDefault();
      if (e.target instanceof HTMLButtonElement) e.target.blur();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [player]);

  const playing = state.playing;
  const settled = state.targetFrame === null && !playing;
  const aspect = video.width / video.height;
  return (
    <div className="review-player">
      <div
        className="rp-stage"
        style={{
          width: `min(100%, calc(58vh * ${aspect.toFixed(4)}))`,
          aspectRatio: `${video.width} / ${video.height}`,
        }}
      >
        {playback ? (
          <video
            ref={videoRef}
            className="rp-video"
            muted
            playsInline
            preload="auto"
            disablePictureInPicture
            aria-label="Video"
          />
        ) : (
          <div className="stage-wait" role="status">
            The playback proxy is not ready yet ({video.proxyState}).
          </div>
        )}
        <VersionBoxes video={video} lanes={lanes} frame={state.frame} />
      </div>
      {state.mediaError && (
        <div className="stage-error" role="alert">
          {state.mediaError}
        </div>
      )}
      <div className="transport rp-transport">
        <TransportButtons
          playing={playing}
          bigStep={10}
          first={{
            label: 'First frame of the item',
            title: 'First frame of the item',
            go: () => player.seek(startAt),
          }}
          step={(delta) => player.step(delta)}
          togglePlay={() => player.togglePlay()}
        />
        <FrameReadout
          frame={state.frame}
          lastFrame={video.frameCount - 1}
          seconds={times[state.frame] ?? 0}
          settled={settled}
        />
        <span className="muted small">
          Space plays · ← → step · Shift ten frames · click the lanes to go there
        </span>
      </div>
      <VersionsTimeline lanes={lanes} range={range} frame={state.frame} onSeek={(f) => player.seek(f)} />
    </div>
  );
}
