import { useMemo, useState } from 'react';
import type { Video } from '../../../../shared/domain/video';
import { mediaUrl } from '../../../../shared/contract/transport';
import { formatFps, formatTimecode } from '../../../../shared/frames/frameTimes';
import { assertNever } from '../../../../shared/util/assertNever';
import { latestJobsOf } from '../../store/jobsSlice';
import { currentRole } from '../../store/role';
import { useApp } from '../../store/store';
import { hrefOf } from '../shell/route';
import { JobProgress } from './JobProgress';
import { RemoveVideo } from './RemoveVideo';

function playbackText(v: Video): string {
  switch (v.proxyState) {
    case 'not-needed':
      return 'Plays the original';
    case 'queued':
      return 'Proxy waiting';
    case 'running':
      return 'Making proxy';
    case 'ready':
      return 'Plays its proxy';
    case 'failed':
      return 'Proxy failed';
    default:
      return assertNever(v.proxyState, 'proxy state');
  }
}

export function VideoCard({ videoId }: { videoId: string }) {
  const video = useApp((s) => s.videos[videoId]);
  const jobs = useApp((s) => s.jobs);
  const admin = useApp((s) => currentRole(s) === 'admin');
  const [posterFailed, setPosterFailed] = useState(false);
  const videoJobs = useMemo(() => latestJobsOf(jobs, videoId), [jobs, videoId]);
  if (!video) return null;
  return (
    <li className="card" aria-label={video.name} data-video-id={video.id}>
      <a
        className="poster"
        href={hrefOf({ kind: 'video', videoId: video.id })}
        tabIndex={-1}
        style={{ aspectRatio: `${video.width} / ${video.height}` }}
      >
        {posterFailed ? (
          <span className="no-poster">no poster</span>
        ) : (
          <img
            src={mediaUrl(video.id, { kind: 'poster' })}
            alt={`Poster of ${video.name}`}
            onError={() => setPosterFailed(true)}
          />
        )}
      </a>
      <div className="card-body">
        <h3 className="name" title={video.sourcePath}>
          {video.name}
        </h3>
        <dl className="meta">
          <dt>Duration</dt>
          <dd aria-label="Duration">{formatTimecode(video.durationSec)}</dd>
          <dt>Size</dt>
          <dd aria-label="Resolution">
            {video.width}×{video.height}
            {video.rotation !== 0 ? ` (rotated ${video.rotation}°)` : ''}
          </dd>
          <dt>Rate</dt>
          <dd aria-label="Frame rate">
            {formatFps(video.fps)} fps{video.variableFrameRate ? ' (variable)' : ''}
          </dd>
          <dt>Frames</dt>
          <dd aria-label="Frames">{video.frameCount}</dd>
          <dt>Codec</dt>
          <dd>
            {video.codec} · {video.pixelFormat}
          </dd>
          <dt>Playback</dt>
          <dd aria-label="Playback" data-proxy-state={video.proxyState} title={video.proxyReason ?? ''}>
            {playbackText(video)}
          </dd>
        </dl>
        {video.proxyReason && <p className="reason">Proxy because: {video.proxyReason}</p>}
        {video.warnings.map((w) => (
          <p key={w} className="warning" role="note">
            ⚠ {w}
          </p>
        ))}
        {videoJobs.map((j) => (
          <JobProgress key={j.id} job={j} />
        ))}
        <div className="card-actions">
          <a className="button primary" href={hrefOf({ kind: 'video', videoId: video.id })}>
            Annotate
          </a>
          {admin ? <RemoveVideo videoId={video.id} /> : null}
        </div>
      </div>
    </li>
  );
}
