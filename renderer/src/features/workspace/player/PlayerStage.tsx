import { useEffect, useRef, useState } from 'react';
import { assertNever } from '../../../../../shared/util/assertNever';
import { latestJobsOf } from '../../../store/jobsSlice';
import { useApp } from '../../../store/store';
import { BoxOverlay } from '../boxes/BoxOverlay';
import { StageSkeleton } from './StageSkeleton';
import { useWorkspace } from '../workspaceContext';

function WaitingForMedia() {
  const { video } = useWorkspace();
  const jobs = useApp((s) => s.jobs);
  const proxy = latestJobsOf(jobs, video.id).find((j) => j.kind === 'proxy');
  let text: string;
  switch (video.proxyState) {
    case 'queued':
      text = 'The playback proxy is waiting to be made.';
      break;
    case 'running':
      text = proxy
        ? `Making the playback proxy: ${proxy.done} of ${proxy.total} frames${proxy.etaSec !== null ? `, about ${Math.ceil(proxy.etaSec)} s left` : ''}.`
        : 'Making the playback proxy…';
      break;
    case 'failed':
      text = `The playback proxy failed${proxy?.error ? `: ${proxy.error}` : ''}. Run it again from the library.`;
      break;
    case 'ready':
    case 'not-needed':
      text = 'Loading…';
      break;
    default:
      text = assertNever(video.proxyState, 'proxy state');
  }
  return (
    <div className="stage-wait" role="status">
      <p>{text}</p>
      <p className="muted">
        This browser cannot play the original ({video.proxyReason ?? 'unknown reason'}). You can mark segments
        on the timeline meanwhile; the picture appears when the proxy is ready.
      </p>
    </div>
  );
}

/** The video at the largest size that fits, with the box overlay exactly over its pixels. */
export function PlayerStage({ url }: { url: string | null }) {
  const { video, player } = useWorkspace();
  const mediaError = useApp((s) => s.mediaError);
  const stageRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const ro = new ResizeObserver(() => {
      const cw = stage.clientWidth;
      const ch = stage.clientHeight;
      const scale = Math.min(cw / video.width, ch / video.height);
      setSize({ width: Math.floor(video.width * scale), height: Math.floor(video.height * scale) });
    });
    ro.observe(stage);
    return () => ro.disconnect();
  }, [video.width, video.height]);

  useEffect(() => {
    const el = videoRef.current;
    if (!el || !url) return;
    const detach = player.attach(el);
    el.src = url;
    return () => {
      detach();
      el.removeAttribute('src');
      el.load();
    };
  }, [player, url]);

  return (
    <div className="stage" ref={stageRef}>
      <div className="stage-frame" style={{ width: size.width, height: size.height }}>
        {url ? (
          <video
            ref={videoRef}
            className="stage-video"
            muted
            playsInline
            preload="auto"
            disablePictureInPicture
            aria-label="Video"
          />
        ) : (
          <WaitingForMedia />
        )}
        <StageSkeleton />
        {size.width > 0 && <BoxOverlay scale={size.width / video.width} />}
      </div>
      {mediaError && (
        <div className="stage-error" role="alert">
          {mediaError}
        </div>
      )}
    </div>
  );
}
