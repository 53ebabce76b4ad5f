import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useApp } from '../../store/store';

/** Import: the native picker in the app; in a browser, an upload or a path on the server's machine. */
export function ImportControls() {
  const kind = useApp((s) => s.transportKind);
  const importPaths = useApp((s) => s.importPaths);
  const uploadFiles = useApp((s) => s.uploadFiles);
  const pick = useApp((s) => s.pickVideoPaths);
  const importing = useApp((s) => s.importing);
  const uploads = useApp((s) => s.uploads);
  const fileInput = useRef<HTMLInputElement>(null);
  const [path, setPath] = useState('');

  const onPathSubmit = (e: FormEvent) => {
    e.preventDefault();
    void importPaths([path]).then(() => setPath(''));
  };

  return (
    <div className="import">
      {kind === 'electron' ? (
        <button
          type="button"
          className="primary"
          disabled={importing}
          onClick={() => void pick().then(importPaths)}
        >
          Import videos…
        </button>
      ) : (
        <>
          <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
            Upload videos…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="video/*,.avi,.mkv,.mov,.mts,.m2ts"
            multiple
            hidden
            aria-label="Video files to upload"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void uploadFiles(files);
            }}
          />
          <form className="path-import" onSubmit={onPathSubmit}>
            <input
              type="text"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="or a file path on this machine"
              aria-label="Path of a video file to import"
              spellCheck={false}
            />
            <button type="submit" disabled={importing || path.trim() === ''}>
              {importing ? 'Importing…' : 'Import'}
            </button>
          </form>
        </>
      )}
      {uploads.map((u) => (
        <div key={u.id} className="upload" aria-label={`Upload of ${u.name}`}>
          <span>{u.name}</span>
          <progress max={u.total || 1} value={u.loaded} />
          <span>{u.state}</span>
        </div>
      ))}
    </div>
  );
}
