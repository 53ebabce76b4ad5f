import { currentRole } from '../../store/role';
import { useApp } from '../../store/store';
import { navLinks } from './pages';
import type { Route } from './route';
import { hrefOf } from './route';

/** Who is working, and the way out: sign out in a browser, another profile on the desktop. */
function SessionBadge() {
  const user = useApp((s) => s.user);
  const mode = useApp((s) => s.authMode);
  const transportKind = useApp((s) => s.transportKind);
  const signOut = useApp((s) => s.signOut);
  if (mode === 'open') {
    return (
      <span className="session">
        <span className="muted" title="Nobody is set up in this project: whoever opens it is its admin">
          open project
        </span>
        <a className="setup-people" href={hrefOf({ kind: 'people' })}>
          Set up people
        </a>
      </span>
    );
  }
  if (!user) return null;
  return (
    <span className="session" aria-label="Signed in">
      <span className="who">
        <strong data-testid="signed-in-name">{user.name}</strong>{' '}
        <span className={`role-badge role-${user.role}`} data-testid="signed-in-role">
          {user.role}
        </span>
      </span>
      <button type="button" className="link" onClick={() => void signOut()}>
        {transportKind === 'electron' ? 'Switch profile' : 'Sign out'}
      </button>
    </span>
  );
}

export function Header({ route }: { route: Route }) {
  const system = useApp((s) => s.system);
  const role = useApp(currentRole);
  const open = useApp((s) => s.authMode === 'open');
  const tools = system
    ? `ffmpeg ${system.ffmpeg.version} (${system.ffmpeg.source}) · ffprobe ${system.ffprobe.version} (${system.ffprobe.source})`
    : '';
  const current = route.kind === 'reviewItem' ? 'review' : route.kind;
  return (
    <header className="header">
      <h1 className="brand">amelia</h1>
      <span className="project" title={system?.project.dir ?? ''} aria-label="Project">
        {system ? system.project.name : 'opening…'}
      </span>
      <nav className="nav" aria-label="Sections">
        {role &&
          navLinks(role, open).map((link) => (
            <a
              key={link.kind}
              href={hrefOf({ kind: link.kind })}
              aria-current={current === link.kind ? 'page' : undefined}
            >
              {link.text}
            </a>
          ))}
      </nav>
      <span
        className="tools"
        title={system ? `${system.ffmpeg.path}\n${system.ffprobe.path}` : ''}
        aria-label="Media tools"
      >
        {tools}
      </span>
      <SessionBadge />
    </header>
  );
}
