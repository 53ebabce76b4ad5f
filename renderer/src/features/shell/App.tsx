import { useEffect } from 'react';
import { useApp } from '../../store/store';
import { LibraryView } from '../library/LibraryView';
import { TaxonomyEditorView } from '../workspace/taxonomyEditor/TaxonomyEditorView';
import { WorkspaceView } from '../workspace/WorkspaceView';
import { Header } from './Header';
import { Notices } from './Notices';
import { useRoute } from './route';

export function App() {
  const loadSystem = useApp((s) => s.loadSystem);
  const loadVideos = useApp((s) => s.loadVideos);
  const loadJobs = useApp((s) => s.loadJobs);
  const loadTaxonomy = useApp((s) => s.loadTaxonomy);
  const loadUndoState = useApp((s) => s.loadUndoState);
  const route = useRoute();
  useEffect(() => {
    void loadSystem();
    void loadVideos();
    void loadJobs();
    void loadTaxonomy();
    void loadUndoState();
  }, [loadSystem, loadVideos, loadJobs, loadTaxonomy, loadUndoState]);
  return (
    <div className={route.kind === 'video' ? 'app app-workspace' : 'app'}>
      <Header route={route} />
      <main className="main">
        {route.kind === 'video' ? (
          <WorkspaceView key={route.videoId} videoId={route.videoId} />
        ) : route.kind === 'taxonomy' ? (
          <TaxonomyEditorView />
        ) : (
          <LibraryView />
        )}
      </main>
      <Notices />
    </div>
  );
}
