import { useEffect, useMemo, useState } from 'react';
import type { Video } from '../../../../shared/domain/video';
import { playbackSourceOf } from '../../../../shared/domain/video';
import { clampFrame } from '../../../../shared/frames/frameTimes';
import { loadStored, saveStored } from '../../store/persist';
import { useApp, useAppStore } from '../../store/store';
import type { Route } from '../shell/route';
import { hrefOf } from '../shell/route';
import { AuditDialog } from './inspector/AuditDialog';
import { ReviewBanner } from './inspector/ReviewBanner';
import { ConflictDialog } from './conflicts/ConflictDialog';
import { UndoBlockedDialog } from './conflicts/UndoBlockedDialog';
import { FocusTargets } from './focusTargets';
import { ActorsPanel } from './inspector/ActorsPanel';
import { PosePanel } from './inspector/PosePanel';
import { SegmentInspector } from './inspector/SegmentInspector';
import { SegmentList } from './inspector/SegmentList';
import { LabelPicker } from './labels/LabelPicker';
import { QuickLabels } from './labels/QuickLabels';
import { sourceClock } from './player/frameClock';
import { playbackFor } from './player/playbackSource';
import { PlayerController } from './player/PlayerController';
import { PlayerStage } from './player/PlayerStage';
import { TransportBar } from './player/TransportBar';
import { SettingsPanel } from './settings/SettingsPanel';
import { CheatSheet } from './shortcuts/CheatSheet';
import { workspaceCommands } from './shortcuts/commands';
import { KeyHints } from './shortcuts/KeyHints';
import { useWorkspaceKeys } from './shortcuts/useWorkspaceKeys';
import { Timeline } from './timeline/Timeline';
import type { WorkspaceHandles } from './workspaceContext';
import { WorkspaceContext } from './workspaceContext';
import { WorkspaceBar } from './WorkspaceBar';

const positionKey = (videoId: string) => `amelia.position.${videoId}`;

type VideoRoute = Extract<Route, { kind: 'video' }>;

function Dialogs() {
  const panel = useApp((s) => s.panel);
  return (
    <>
      {panel === 'labelPicker' && <LabelPicker />}
      {panel === 'help' && <CheatSheet />}
      {panel === 'settings' && <SettingsPanel />}
      {panel === 'audit' && <AuditDialog />}
      <ConflictDialog />
      <UndoBlockedDialog />
    </>
  );
}

/** Declared for the UI benchmark and tests: the player's latency samples. */
interface DebugWindow {
  __ameliaPlayer?: PlayerController;
}

function Workspace({ video, times, route }: { video: Video; times: readonly number[]; route: VideoRoute }) {
  const store = useAppStore();
  const [focus] = useState(() => new FocusTargets());
  const source = playbackSourceOf(video);
  const { id, proxyFps, fps } = video;
  const playback = useMemo(
    () => playbackFor(id, source, proxyFps, times, fps),
    [id, source, proxyFps, times, fps],
  );
  // One controller per thing played: when the proxy becomes ready the player switches, keeping the frame.
  const player = useMemo(() => {
    const s = store.getState();
    const remembered = loadStored(positionKey(id), (v) => (typeof v === 'number' ? v : null));
    const start = s.mediaState === 'none' && remembered !== null ? remembered : s.frame;
    return new PlayerController(
      playback?.clock ?? sourceClock(times, fps),
      fps,
      (patch) => store.getState().setPlayerState(patch),
      clampFrame(start, times.length),
    );
  }, [store, playback, times, fps, id]);

  const handles = useMemo<WorkspaceHandles>(() => {
    const base = { video, player, focus };
    return {
      ...base,
      registerJump: focus.setJump,
      registerNote: focus.setNote,
      commands: workspaceCommands(store, base),
    };
  }, [store, video, player, focus]);
  useWorkspaceKeys(handles.commands);

  useEffect(() => {
    (window as unknown as DebugWindow).__ameliaPlayer = player;
    return () => {
      if ((window as unknown as DebugWindow).__ameliaPlayer === player)
        delete (window as unknown as DebugWindow).__ameliaPlayer;
    };
  }, [player]);

  // Where the playhead was, so that reopening the video comes back to it.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.frame === prev.frame || timer) return;
      timer = setTimeout(() => {
        timer = null;
        saveStored(positionKey(id), store.getState().frame);
      }, 1000);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      saveStored(positionKey(id), store.getState().frame);
    };
  }, [store, id]);

  useEffect(
    () => () =>
      store.getState().setPlayerState({ mediaState: 'none', playing: false, targetFrame: null, frame: 0 }),
    [store],
  );

  // Opened at a place (a returned item's frames, a final version to edit): go there, select the tube.
  const { frame: routeFrame, segmentId: routeSegment } = route;
  useEffect(() => {
    if (routeFrame !== undefined) player.seek(routeFrame);
    if (routeSegment !== undefined) store.getState().selectSegment(routeSegment);
  }, [store, player, routeFrame, routeSegment]);

  return (
    <WorkspaceContext.Provider value={handles}>
      <section className="workspace" aria-label="Annotation workspace" data-video-id={video.id}>
        <div className="ws-top">
          <WorkspaceBar />
          <ReviewBanner />
        </div>
        <div className="ws-body">
          <div className="ws-player">
            <PlayerStage url={playback?.url ?? null} />
            <TransportBar />
            <QuickLabels />
          </div>
          <aside className="ws-side">
            <ActorsPanel />
            <SegmentInspector />
            <PosePanel />
            <SegmentList />
          </aside>
        </div>
        <Timeline />
        <KeyHints />
        <Dialogs />
      </section>
    </WorkspaceContext.Provider>
  );
}

/** The annotation workspace of one video (`#/video/<id>`). */
export function WorkspaceView({ videoId, route }: { videoId: string; route: VideoRoute }) {
  const video = useApp((s) => s.videos[videoId]);
  const videosLoaded = useApp((s) => s.videosLoaded);
  const openVideo = useApp((s) => s.openVideo);
  const closeVideo = useApp((s) => s.closeVideo);
  const status = useApp((s) => s.annStatus);
  const error = useApp((s) => s.annError);
  const times = useApp((s) => s.frameTimes);
  const loadedId = useApp((s) => s.annVideoId);
  const refreshVideo = useApp((s) => s.refreshVideo);
  const known = video !== undefined;
  useEffect(() => {
    void openVideo(videoId);
    return () => closeVideo();
  }, [videoId, openVideo, closeVideo]);
  // A video assigned since the list was loaded (or opened from a link) is fetched on its own.
  useEffect(() => {
    if (!known) void refreshVideo(videoId);
  }, [known, videoId, refreshVideo]);

  if (!video) {
    return (
      <div className="ws-message">
        {videosLoaded ? <p>There is no such video in this project.</p> : <p>Opening…</p>}
        <a href={hrefOf({ kind: 'library' })}>← Library</a>
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="ws-message" role="alert">
        <p>
          Cannot open {video.name}: {error}
        </p>
        <a href={hrefOf({ kind: 'library' })}>← Library</a>
      </div>
    );
  }
  if (status !== 'ready' || !times || loadedId !== videoId) {
    return (
      <div className="ws-message">
        <p>Opening {video.name}…</p>
      </div>
    );
  }
  return <Workspace video={video} times={times} route={route} />;
}
