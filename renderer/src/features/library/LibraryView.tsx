import { useApp } from '../../store/store';
import { DatasetControls } from './DatasetControls';
import { ImportControls } from './ImportControls';
import { VideoCard } from './VideoCard';

export function LibraryView() {
  const order = useApp((s) => s.videoOrder);
  const loaded = useApp((s) => s.videosLoaded);
  return (
    <section className="library" aria-label="Video library">
      <div className="library-bar">
        <h2>Videos</h2>
        <span className="count">{loaded ? `${order.length} in the project` : 'loading…'}</span>
        <ImportControls />
        <DatasetControls />
      </div>
      {loaded && order.length === 0 ? (
        <div className="empty">
          <p>No videos yet.</p>
          <p>
            Import recordings to start: they stay where they are, untouched; amelia reads them and makes what
            it needs beside the project.
          </p>
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
