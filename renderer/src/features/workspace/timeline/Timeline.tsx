import { useMemo } from 'react';
import { useApp, useAppStore } from '../../../store/store';
import { actorName, orderedActors } from '../segmentQueries';
import { useWorkspace } from '../workspaceContext';
import { buildLanes, RULER_H, THUMBS_H } from './lanes';
import type { LaneLayout } from './lanes';
import { OverviewBar } from './OverviewBar';
import { TimelineCanvas } from './TimelineCanvas';
import { fitView, zoomAround } from './view';

function LaneHeaders({ layout }: { layout: LaneLayout }) {
  const selectedActorId = useApp((s) => s.selectedActorId);
  const selectActor = useApp((s) => s.selectActor);
  const segments = useApp((s) => s.segments);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const seg of Object.values(segments)) m.set(seg.actorId, (m.get(seg.actorId) ?? 0) + 1);
    return m;
  }, [segments]);
  return (
    <div className="tl-headers" style={{ height: Math.max(layout.height, 60) }}>
      <div className="tl-headers-top" style={{ height: layout.top }}>
        <span className="muted">frame</span>
      </div>
      {layout.lanes.map((lane) => (
        <button
          type="button"
          key={lane.actor.id}
          className={lane.actor.id === selectedActorId ? 'lane-header selected' : 'lane-header'}
          style={{ top: lane.top, height: lane.height, borderLeftColor: lane.actor.color }}
          onClick={() => selectActor(lane.actor.id)}
          aria-pressed={lane.actor.id === selectedActorId}
          aria-label={`Lane of ${actorName(lane.actor)}`}
          data-actor-id={lane.actor.id}
        >
          <span className="lane-name">{actorName(lane.actor)}</span>
          <span className="lane-count">{counts.get(lane.actor.id) ?? 0}</span>
        </button>
      ))}
      {layout.lanes.length === 0 && (
        <div className="lane-empty" style={{ top: layout.top }}>
          No people yet: <kbd>A</kbd> adds one
        </div>
      )}
    </div>
  );
}

function ZoomControls() {
  const store = useAppStore();
  const { video, player } = useWorkspace();
  const follow = useApp((s) => s.prefs.followPlayhead);
  const setPrefs = useApp((s) => s.setPrefs);
  const zoom = (factor: number) => {
    const s = store.getState();
    const view = { start: s.tlStart, framesPerPx: s.tlFramesPerPx, width: s.tlWidth };
    const next = zoomAround(view, factor, player.currentFrame, video.frameCount);
    s.setTimelineView({ tlStart: next.start, tlFramesPerPx: next.framesPerPx });
  };
  return (
    <div className="tl-tools">
      <button type="button" onClick={() => zoom(2)} title="Zoom in (=)">
        +
      </button>
      <button type="button" onClick={() => zoom(0.5)} title="Zoom out (-)">
        −
      </button>
      <button
        type="button"
        title="Fit the whole video (0)"
        onClick={() => {
          const s = store.getState();
          const v = fitView(video.frameCount, s.tlWidth);
          s.setTimelineView({ tlStart: v.start, tlFramesPerPx: v.framesPerPx });
        }}
      >
        Fit
      </button>
      <label className="check" title="Keep the playhead in view while playing">
        <input
          type="checkbox"
          checked={follow}
          onChange={(e) => setPrefs({ followPlayhead: e.target.checked })}
        />
        follow
      </label>
    </div>
  );
}

/** One lane per person below the player: segments by taxonomy level, the thumbnail strip, the playhead. */
export function Timeline() {
  const { video } = useWorkspace();
  const actors = useApp((s) => s.actors);
  const segments = useApp((s) => s.segments);
  const tree = useApp((s) => s.taxonomyTree);
  const top = RULER_H + (video.thumbnailFrames.length > 0 ? THUMBS_H : 0);
  const layout = useMemo(
    () => buildLanes(orderedActors(actors), segments, tree, top),
    [actors, segments, tree, top],
  );
  return (
    <section className="timeline" aria-label="Timeline of segments">
      <div className="tl-bar">
        <h2>Timeline</h2>
        <span className="muted">
          drag in a lane to add · drag an edge to adjust · <kbd>Ctrl</kbd>+wheel zooms · wheel scrolls
        </span>
        <ZoomControls />
      </div>
      <div className="tl-scroll">
        <LaneHeaders layout={layout} />
        <TimelineCanvas layout={layout} />
      </div>
      <OverviewBar />
    </section>
  );
}
