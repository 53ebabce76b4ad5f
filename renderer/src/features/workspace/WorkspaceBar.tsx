import { formatFps } from '../../../../shared/frames/frameTimes';
import { useApp } from '../../store/store';
import { hrefOf } from '../shell/route';
import { useWorkspace } from './workspaceContext';

function SaveState() {
  const saving = useApp((s) => s.savingEdits);
  const status = useApp((s) => s.editStatus);
  return (
    <span className={saving > 0 ? 'save-state saving' : 'save-state'} role="status" aria-label="Save state">
      {saving > 0 ? 'Saving…' : status || 'Every edit is saved as you make it'}
    </span>
  );
}

export function WorkspaceBar() {
  const { video, commands } = useWorkspace();
  const canUndo = useApp((s) => s.canUndo);
  const canRedo = useApp((s) => s.canRedo);
  const now = { timeStamp: 0 };
  return (
    <div className="ws-bar">
      <a className="back" href={hrefOf({ kind: 'library' })}>
        ← Library
      </a>
      <h2 className="ws-title" title={video.sourcePath}>
        {video.name}
      </h2>
      <span className="muted">
        {video.width}×{video.height} · {formatFps(video.fps)} fps · {video.frameCount} frames
        {video.proxyState === 'ready' ? ' · playing its proxy' : ''}
      </span>
      <SaveState />
      <div className="ws-actions">
        <button type="button" disabled={!canUndo} onClick={() => commands.undo(now)} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button
          type="button"
          disabled={!canRedo}
          onClick={() => commands.redo(now)}
          title="Redo (Ctrl+Shift+Z)"
        >
          Redo
        </button>
        <button type="button" onClick={() => commands.settings(now)}>
          Settings
        </button>
        <button type="button" onClick={() => commands.help(now)} title="Every key (?)">
          Keys <kbd>?</kbd>
        </button>
      </div>
    </div>
  );
}
