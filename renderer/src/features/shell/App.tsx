import { useEffect } from 'react';
import { useApp } from '../../store/store';
import { LibraryView } from '../library/LibraryView';
import { Header } from './Header';
import { Notices } from './Notices';

export function App() {
  const loadSystem = useApp((s) => s.loadSystem);
  const loadVideos = useApp((s) => s.loadVideos);
  const loadJobs = useApp((s) => s.loadJobs);
  useEffect(() => {
    void loadSystem();
    void loadVideos();
    void loadJobs();
  }, [loadSystem, loadVideos, loadJobs]);
  return (
    <div className="app">
      <Header />
      <main className="main">
        <LibraryView />
      </main>
      <Notices />
    </div>
  );
}
