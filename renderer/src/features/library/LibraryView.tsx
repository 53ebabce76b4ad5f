import { currentRole } from '../../store/role';
import { useApp } from '../../store/store';
import { hrefOf } from '../shell/route';
import { DatasetControls } from './DatasetControls';
import { ImportControls } from './ImportControls';
import { VideoCard } from './VideoCard';

export function LibraryView() {
  const order = useApp((s) => s.videoOrder);
  const loaded = useApp((s) => s.videosLoaded);
  // Importing is for experts and admins; annotators see the videos assigned to them.
  const annotator = useApp((s) => currentRole(s) === 'annotator');
  return (
    <section className="library" aria-label="Video library">
      <div className="library-bar">
        <h2>Videos</h2>
        <span className="count">{loaded ? `${order.length} in the project` : 'loading…'}</span>
        {annotator ? (
          <span className="muted">
            The videos assigned to you. <a href={hrefOf({ kind: 'work' })}>My work</a> lists them with what to
            submit.
          </span>
        ) : (
          <>
            <ImportControls />
            {/* Exports and annotation imports are for experts and admins, as the engine enforces. */}
            <DatasetControls />
          </>
        )}
      </div>
      {loaded && order.length === 0 ? (
        <div className="empty">
          {annotator ? (
            <p>Nothing is assigned to you yet: an admin assigns videos.</p>
          ) : (
            <>
              <p>No videos yet.</p>
              <p>
                Import recordings to start: they stay where they are, untouched; amelia reads them and makes
                what it needs beside the project.
              </p>
            </>
          )}
        </div>
      ) : (
        <ul className="grid" aria-label="Videos">
          {order.map((id) => (
            <VideoCard key={id} videoId={id} />
          ))}
        </ul>
      )}
    </section>
  );
}
