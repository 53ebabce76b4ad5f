import { useApp } from '../../store/store';

export function Header() {
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
