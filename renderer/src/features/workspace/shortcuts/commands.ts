import { boxAt } from '../../../../../shared/tracks/interpolate';
import type { AppStoreHook } from '../../../store/store';
import type { AppStore } from '../../../store/types';
import { applyLabel } from '../labels/applyLabel';
import { quickLabels } from '../labels/quickLabels';
import { actorName, neighbourOf, orderedActors, segmentsOfActor, targetSegment } from '../segmentQueries';
import { fitView, zoomAround } from '../timeline/view';
import type { WorkspaceHandles } from '../workspaceContext';
import type { ActionId } from './actions';
import { QUICK_LABEL_ACTIONS } from './actions';

/** A key press's time, for latency measurements (the event's timeStamp). */
export interface KeyPress {
  timeStamp: number;
}

export type Commands = Record<ActionId, (press: KeyPress) => void>;

/** What every action does: the keyboard, the cheat sheet and buttons all run these. */
export function workspaceCommands(
  store: AppStoreHook,
  handles: Pick<WorkspaceHandles, 'video' | 'player' | 'focus'>,
): Commands {
  const { player, video } = handles;
  const s = (): AppStore => store.getState();
  const frame = () => player.currentFrame;
  const info = (text: string) => s().notify('info', text);

  const step = (delta: number) => (press: KeyPress) =>
    player.step(delta, { t0: press.timeStamp, kind: 'step' });

  /** The segment the keys act on, selected so that the user sees which. */
  function target(): ReturnType<typeof targetSegment> {
    const seg = targetSegment(s(), frame());
    if (seg && s().selectedSegmentId !== seg.id) s().selectSegment(seg.id);
    if (!seg) info('No segment selected: click one in the timeline, or PgUp / PgDn.');
    return seg;
  }

  function quickLabel(index: number): void {
    const seg = target();
    if (!seg) return;
    const ids = quickLabels(s().labelUsage, s().taxonomyTree, s().segments);
    const id = ids[index];
    if (!id) {
      info(`No label on key ${index + 1} yet: pick one with T; the most used get number keys.`);
      return;
    }
    void applyLabel(s(), seg.id, id);
  }

  function zoom(factor: number): void {
    const st = s();
    const next = zoomAround(
      { start: st.tlStart, framesPerPx: st.tlFramesPerPx, width: st.tlWidth },
      factor,
      frame(),
      video.frameCount,
    );
    st.setTimelineView({ tlStart: next.start, tlFramesPerPx: next.framesPerPx });
  }

  function jumpSegment(direction: 1 | -1): void {
    const st = s();
    const actorId = st.selectedActorId;
    if (!actorId) {
      info('Pick a person first ([ and ]).');
      return;
    }
    const list = segmentsOfActor(st.segments, actorId);
    const i = list.findIndex((g) => g.id === st.selectedSegmentId);
    const f = frame();
    const next =
      i >= 0
        ? list[i + direction]
        : direction === 1
          ? list.find((g) => g.startFrame > f)
          : [...list].reverse().find((g) => g.startFrame < f);
    if (!next) return;
    st.selectSegment(next.id);
    player.seek(next.startFrame);
  }

  function jumpKeyframe(direction: 1 | -1): void {
    const seg = target();
    if (!seg) return;
    const f = frame();
    const frames = seg.keyframes.map((k) => k.frame);
    const next = direction === 1 ? frames.find((k) => k > f) : [...frames].reverse().find((k) => k < f);
    if (next !== undefined) player.seek(next);
  }

  function cycleActor(direction: 1 | -1): void {
    const list = orderedActors(s().actors);
    if (list.length === 0) {
      info('No people yet: A adds one.');
      return;
    }
    const i = list.findIndex((a) => a.id === s().selectedActorId);
    const next = list[(i + direction + list.length) % list.length] ?? list[0];
    if (next) s().selectActor(next.id);
  }

  const quick = Object.fromEntries(QUICK_LABEL_ACTIONS.map((id, i) => [id, () => quickLabel(i)])) as Record<
    (typeof QUICK_LABEL_ACTIONS)[number],
    () => void
  >;

  return {
    playPause: () => player.togglePlay(),
    stepBack: step(-1),
    stepForward: step(1),
    bigStepBack: (p) => step(-s().prefs.bigStep)(p),
    bigStepForward: (p) => step(s().prefs.bigStep)(p),
    shuttleBack: () => player.shuttleBack(),
    shuttleStop: () => player.shuttleStop(),
    shuttleForward: () => player.shuttleForward(),
    firstFrame: (p) => player.seek(0, { t0: p.timeStamp, kind: 'seek' }),
    lastFrame: (p) => player.seek(video.frameCount - 1, { t0: p.timeStamp, kind: 'seek' }),
    jumpToFrame: () => handles.focus.focusJump(),
    slower: () => player.nudgeRate(-1),
    faster: () => player.nudgeRate(1),

    markIn: () => {
      if (!s().selectedActorId) {
        info('Pick a person first ([ and ], or a lane); A adds one.');
        return;
      }
      s().setMarkIn(frame());
    },
    markOut: () => {
      const st = s();
      const actorId = st.selectedActorId;
      if (!actorId) {
        info('Pick a person first ([ and ], or a lane); A adds one.');
        return;
      }
      if (st.markIn === null) {
        info('Press I at the segment’s first frame, then O at its last.');
        return;
      }
      const a = st.markIn;
      const b = frame();
      st.setMarkIn(null);
      void st
        .createSegment({ actorId, startFrame: Math.min(a, b), endFrame: Math.max(a, b) })
        .then((made) => {
          // Refused (the engine said why): the in point stays, to try another out point.
          if (made) s().selectSegment(made.id);
          else s().setMarkIn(a);
        });
    },
    trimStart: () => {
      const seg = target();
      if (seg)
        void s().updateSegment(
          seg.id,
          { startFrame: frame() },
          `move the segment's start to frame ${frame()}`,
        );
    },
    trimEnd: () => {
      const seg = target();
      if (seg)
        void s().updateSegment(seg.id, { endFrame: frame() }, `move the segment's end to frame ${frame()}`);
    },
    split: () => {
      const seg = target();
      if (!seg) return;
      void s()
        .splitSegment(seg.id, frame())
        .then((parts) => {
          if (parts) s().selectSegment(parts[1].id);
        });
    },
    mergeNext: () => {
      const seg = target();
      if (!seg) return;
      const next = neighbourOf(s().segments, seg, 1, s().taxonomyTree);
      if (!next) info('This person has no later segment on the same level to merge with.');
      else
        void s()
          .mergeSegments([seg.id, next.id])
          .then((m) => m && s().selectSegment(m.id));
    },
    mergePrevious: () => {
      const seg = target();
      if (!seg) return;
      const prev = neighbourOf(s().segments, seg, -1, s().taxonomyTree);
      if (!prev) info('This person has no earlier segment on the same level to merge with.');
      else
        void s()
          .mergeSegments([prev.id, seg.id])
          .then((m) => m && s().selectSegment(m.id));
    },
    deleteSegment: () => {
      const id = s().selectedSegmentId;
      if (!id) {
        info('Select the segment to delete first.');
        return;
      }
      void s().removeSegment(id);
    },
    previousSegment: () => jumpSegment(-1),
    nextSegment: () => jumpSegment(1),
    toggleUncertain: () => {
      const seg = target();
      if (seg)
        void s().updateSegment(
          seg.id,
          { uncertain: !seg.uncertain },
          seg.uncertain ? 'mark the segment certain' : 'mark the segment uncertain',
        );
    },
    editNote: () => {
      const wasSelected = s().selectedSegmentId;
      const seg = target();
      if (!seg) return;
      // At once where the field is there already (what is typed next must land in it); else once it is.
      if (wasSelected === seg.id) handles.focus.focusNote();
      else requestAnimationFrame(() => handles.focus.focusNote());
    },
    cancel: () => {
      if (s().markIn !== null) s().setMarkIn(null);
      else s().selectSegment(null);
    },

    addActor: () => {
      void s()
        .addActor()
        .then((a) => {
          if (a) {
            s().selectActor(a.id);
            s().notify('info', `${actorName(a)} added: I and O mark their segments.`);
          }
        });
    },
    previousActor: () => cycleActor(-1),
    nextActor: () => cycleActor(1),

    openLabelPicker: () => {
      if (target()) s().openPanel('labelPicker');
    },
    ...quick,

    deleteKeyframe: () => {
      const seg = target();
      if (!seg) return;
      const f = frame();
      if (!seg.keyframes.some((k) => k.frame === f)) {
        info(`No box keyframe at frame ${f} (keyframes: ◆ in the timeline; Alt+← / Alt+→ jump to them).`);
        return;
      }
      void s().removeKeyframe(seg.id, f);
    },
    markOutside: () => {
      const seg = target();
      if (!seg) return;
      const f = frame();
      if (f < seg.startFrame || f > seg.endFrame) {
        info(`Frame ${f} is outside the selected segment.`);
        return;
      }
      const at = boxAt(seg.keyframes, f);
      const box = at.box ?? { x: 0, y: 0, width: 0, height: 0 };
      void s().setKeyframe(seg.id, { frame: f, ...box, outside: true });
    },
    previousKeyframe: () => jumpKeyframe(-1),
    nextKeyframe: () => jumpKeyframe(1),

    undo: () => void s().undo(),
    redo: () => void s().redo(),

    zoomIn: () => zoom(2),
    zoomOut: () => zoom(0.5),
    zoomFit: () => {
      const v = fitView(video.frameCount, s().tlWidth);
      s().setTimelineView({ tlStart: v.start, tlFramesPerPx: v.framesPerPx });
    },
    help: () => s().openPanel(s().panel === 'help' ? 'none' : 'help'),
    settings: () => s().openPanel('settings'),
  };
}
