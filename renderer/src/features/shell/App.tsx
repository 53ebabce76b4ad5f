import { useEffect } from 'react';
import type { Role } from '../../../../shared/domain/user';
import { currentRole } from '../../store/role';
import { useApp } from '../../store/store';
import { AgreementView } from '../agreement/AgreementView';
import { AssignmentsView } from '../assignments/AssignmentsView';
import { LibraryView } from '../library/LibraryView';
import { ModelsView } from '../models/ModelsView';
import { PeopleView } from '../people/PeopleView';
import { ReviewItemView } from '../review/ReviewItemView';
import { ReviewQueueView } from '../review/ReviewQueueView';
import { SignInView } from '../session/SignInView';
import { WorkView } from '../work/WorkView';
import { TaxonomyEditorView } from '../workspace/taxonomyEditor/TaxonomyEditorView';
import { WorkspaceView } from '../workspace/WorkspaceView';
import { Header } from './Header';
import { NotAllowed } from './NotAllowed';
import { Notices } from './Notices';
import { pageAllowed, pageAudience } from './pages';
import type { Route } from './route';
import { useRoute } from './route';

function Page({ route, role }: { route: Route; role: Role }) {
  if (!pageAllowed(route.kind, role)) return <NotAllowed why={pageAudience(route.kind)} />;
  switch (route.kind) {
    case 'video':
      return <WorkspaceView key={route.videoId} videoId={route.videoId} route={route} />;
    case 'taxonomy':
      return <TaxonomyEditorView />;
    case 'people':
      return <PeopleView />;
    case 'assignments':
      return <AssignmentsView />;
    case 'work':
      return <WorkView />;
    case 'review':
      return <ReviewQueueView />;
    case 'reviewItem':
      return <ReviewItemView key={route.itemId} itemId={route.itemId} />;
    case 'agreement':
      return <AgreementView />;
    case 'models':
      return <ModelsView />;
    case 'library':
      return <LibraryView />;
  }
}

function Shell() {
  const route = useRoute();
  const role = useApp(currentRole);
  const wide = route.kind === 'video';
  return (
    <div className={wide ? 'app app-workspace' : 'app'}>
      <Header route={route} />
      <main className="main">{role ? <Page route={route} role={role} /> : null}</main>
      <Notices />
    </div>
  );
}

export function App() {
  const phase = useApp((s) => s.sessionPhase);
  const message = useApp((s) => s.sessionMessage);
  const checkSession = useApp((s) => s.checkSession);
  useEffect(() => {
    void checkSession();
  }, [checkSession]);
  switch (phase) {
    case 'checking':
      return (
        <div className="app">
          <p className="ws-message">Opening the project…</p>
        </div>
      );
    case 'unreachable':
      return (
        <div className="app">
          <div className="ws-message" role="alert">
            <p>Cannot reach the project: {message}</p>
            <button type="button" onClick={() => void checkSession()}>
              Try again
            </button>
          </div>
        </div>
      );
    case 'signedOut':
      return (
        <div className="app">
          <SignInView />
          <Notices />
        </div>
      );
    case 'ready':
      return <Shell />;
  }
}
