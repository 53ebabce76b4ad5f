import { useApp } from '../../store/store';
import type { Route } from './route';
import { hrefOf } from './route';

export function Header({ route }: { route: Route }) {
  const system = useApp((s) => s.system);
  const tools = system
    ? `ffmpeg ${system.ffmpeg.version} (${system.ffmpeg.source}) · ffprobe ${system.ffprobe.version} (${system.ffprobe.source})`
    : '';
  return (
    <header className="header">
      <h1 className="brand">amelia</h1>
      <span className="project" title={system?.project.dir ?? ''} aria-label="Project">
        {system ? system.project.name : 'opening…'}
      </span>
      <nav className="nav" aria-label="Sections">
        <a href={hrefOf({ kind: 'library' })} aria-current={route.kind === 'library' ? 'page' : undefined}>
          Library
        </a>
        <a href={hrefOf({ kind: 'taxonomy' })} aria-current={route.kind === 'taxonomy' ? 'page' : undefined}>
          Taxonomy
        </a>
      </nav>
      <span
        className="tools"
        title={system ? `${system.ffmpeg.path}\n${system.ffprobe.path}` : ''}
        aria-label="Media tools"
      >
        {tools}
      </span>
    </header>
  );
}
