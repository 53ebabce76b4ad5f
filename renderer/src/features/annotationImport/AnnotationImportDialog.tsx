import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError, Envelope } from '../../../../shared/contract/envelope';
import type { ImportFormat, ImportPreview, ImportRequest } from '../../../../shared/contract/methods/imports';
import { MAX_ANNOTATION_FILE_BYTES, importFormatSchema } from '../../../../shared/contract/methods/imports';
import { nodeChoices } from '../../../../shared/taxonomy/tree';
import { useApp } from '../../store/store';
import { Modal } from '../../ui/Modal';
import type { LabelMapping } from './mapping';
import { mappingCounts, mergeMapping, needsVideo } from './mapping';

const FORMAT_NAMES: Record<ImportFormat, string> = {
  'cvat-video': 'CVAT for video 1.1 XML',
  activitynet: 'ActivityNet JSON',
  ava: 'AVA CSV',
  urfall: 'UR Fall label CSV',
  manifest: 'amelia manifest',
};

/** The file as read: its text (an upload) or a path on the engine's machine. */
type Input = { kind: 'text'; text: string; fileName: string; read: number } | { kind: 'path'; path: string };

/** Numbers each file read, so that reading the same file again asks again. */
let reads = 0;

function inputFields(input: Input): Pick<ImportRequest, 'text' | 'fileName' | 'path'> {
  return input.kind === 'text' ? { text: input.text, fileName: input.fileName } : { path: input.path };
}

/**
 * Annotation import: a CVAT, ActivityNet, AVA, UR Fall or manifest file read and shown first (its labels,
 * which are known, which need a node, with proposals), then imported in one undoable edit. A malformed file
 * says where, and nothing is imported.
 */
export function AnnotationImportDialog({ onClose, videoId }: { onClose: () => void; videoId?: string }) {
  const order = useApp((s) => s.videoOrder);
  const videos = useApp((s) => s.videos);
  const tree = useApp((s) => s.taxonomyTree);
  const preview = useApp((s) => s.previewAnnotations);
  const commit = useApp((s) => s.importAnnotations);
  const fileInput = useRef<HTMLInputElement>(null);
  const [input, setInput] = useState<Input | null>(null);
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [target, setTarget] = useState(videoId ?? '');
  const [source, setSource] = useState('');
  const [offset, setOffset] = useState('');
  const [labelAttribute, setLabelAttribute] = useState('');
  const [answer, setAnswer] = useState<{ key: string; result: Envelope<ImportPreview> } | null>(null);
  const [mapping, setMapping] = useState<LabelMapping>({});
  const [fileError, setFileError] = useState<ApiError | null>(null);
  const [commitError, setCommitError] = useState<ApiError | null>(null);
  const [committing, setCommitting] = useState(false);

  const request = useMemo((): ImportRequest | null => {
    if (!input) return null;
    const offsetSec = offset.trim() === '' ? undefined : Number(offset);
    return {
      ...inputFields(input),
      format: format || undefined,
      videoId: target || undefined,
      source: source || undefined,
      timeOffsetSec: offsetSec !== undefined && Number.isFinite(offsetSec) ? offsetSec : undefined,
      labelAttribute: labelAttribute.trim() || undefined,
      acceptProposals: false,
    };
  }, [input, format, target, source, offset, labelAttribute]);

  // What the preview answers; an uploaded file's text (up to 64 MiB) is named by its read, not spelled out.
  const key = useMemo(
    () =>
      request ? JSON.stringify({ ...request, text: input?.kind === 'text' ? input.read : undefined }) : '',
    [request, input],
  );
  const current = answer !== null && answer.key === key ? answer.result : null;
  const busy = committing || (key !== '' && current === null);
  const seen = current?.ok ? current.value : null;
  const error = fileError ?? commitError ?? (current && !current.ok ? current.error : null);

  useEffect(() => {
    if (!request) return;
    let live = true;
    void preview(request).then((result) => {
      if (!live) return;
      if (result.ok) setMapping((m) => mergeMapping(result.value, m));
      setAnswer({ key, result });
    });
    return () => {
      live = false;
    };
  }, [key, request, preview]);

  const nodeOptions = useMemo(() => (tree ? nodeChoices(tree) : []), [tree]);
  const counts = seen ? mappingCounts(seen, mapping) : { taken: 0, leftOut: 0 };
  const videoMissing = seen !== null && needsVideo(seen.format) && !target;
  const canImport =
    request !== null && seen !== null && !busy && error === null && !videoMissing && counts.taken > 0;

  const readFile = async (file: File) => {
    if (file.size > MAX_ANNOTATION_FILE_BYTES) {
      setFileError({
        code: 'invalid_request',
        message: `${file.name} is over 64 MiB: give its path instead.`,
      });
      return;
    }
    setFileError(null);
    setCommitError(null);
    setSource('');
    setInput({ kind: 'text', text: await file.text(), fileName: file.name, read: ++reads });
  };
  const doImport = async () => {
    if (!request) return;
    setCommitting(true);
    const r = await commit({ ...request, mapping });
    setCommitting(false);
    if (r.ok) onClose();
    else setCommitError(r.error);
  };

  return (
    <Modal title="Import annotations" onClose={onClose} wide className="import-annotations">
      <div className="export-fields">
        <div className="export-row">
          <span className="export-label">File</span>
          <div className="export-choices">
            <button type="button" onClick={() => fileInput.current?.click()}>
              Choose a file…
            </button>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".xml,.json,.csv,.txt"
              aria-label="Annotation file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void readFile(f);
              }}
            />
            <form
              className="path-import"
              onSubmit={(e) => {
                e.preventDefault();
                if (path.trim()) {
                  setSource('');
                  setInput({ kind: 'path', path: path.trim() });
                }
              }}
            >
              <input
                type="text"
                value={path}
                spellCheck={false}
                placeholder="or its path on this machine"
                aria-label="Path of the annotation file"
                onChange={(e) => setPath(e.target.value)}
              />
              <button type="submit" disabled={path.trim() === ''}>
                Read
              </button>
            </form>
            {input && <span className="muted">{input.kind === 'text' ? input.fileName : input.path}</span>}
          </div>
        </div>
        <label className="export-row">
          <span className="export-label">Format</span>
          <select
            value={format}
            onChange={(e) => {
              const parsed = importFormatSchema.safeParse(e.target.value);
              setFormat(parsed.success ? parsed.data : '');
            }}
          >
            <option value="">found from the content{seen ? ` (${FORMAT_NAMES[seen.format]})` : ''}</option>
            {importFormatSchema.options.map((f) => (
              <option key={f} value={f}>
                {FORMAT_NAMES[f]}
              </option>
            ))}
          </select>
        </label>
        {(!seen || needsVideo(seen.format)) && (
          <label className="export-row">
            <span className="export-label">Onto video</span>
            <select
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              aria-label="Video to import onto"
            >
              <option value="">choose a video…</option>
              {order.map((id) => (
                <option key={id} value={id}>
                  {videos[id]?.name ?? id}
                </option>
              ))}
            </select>
          </label>
        )}
        {seen && seen.sources.length > 1 && (
          <label className="export-row">
            <span className="export-label">From</span>
            <select value={source} onChange={(e) => setSource(e.target.value)} aria-label="Video of the file">
              {seen.format === 'manifest' && <option value="">all of them</option>}
              {seen.format !== 'manifest' && !source && <option value="">choose one…</option>}
              {seen.sources.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.key} ({s.tubes} tube{s.tubes === 1 ? '' : 's'})
                </option>
              ))}
            </select>
          </label>
        )}
        {seen?.format === 'ava' && (
          <label className="export-row">
            <span className="export-label">Seconds to subtract</span>
            <input
              type="number"
              value={offset}
              placeholder="0 (AVA films start at 900)"
              onChange={(e) => setOffset(e.target.value)}
            />
          </label>
        )}
        {seen?.format === 'cvat-video' && (
          <label className="export-row">
            <span className="export-label">Label from attribute</span>
            <input
              type="text"
              value={labelAttribute}
              placeholder="none: the CVAT label (amelia's own export: action)"
              onChange={(e) => setLabelAttribute(e.target.value)}
            />
          </label>
        )}
      </div>
      {error && (
        <p className="export-error" role="alert">
          {error.message}
          {error.where ? ` (at ${error.where})` : ''}
        </p>
      )}
      {busy && <p className="muted">reading…</p>}
      {seen && (
        <div className="import-preview" aria-label="What the import will add">
          <p>
            {seen.tubes} tube{seen.tubes === 1 ? '' : 's'} of {seen.actors} person
            {seen.actors === 1 ? '' : 's'}, {seen.keyframes} box keyframes
            {seen.videos.length > 0 &&
              ` · ${seen.videos.map((v) => `${v.source} → ${v.name ?? 'no video of the project'}`).join(', ')}`}
          </p>
          <table className="export-table" aria-label="Labels of the file">
            <thead>
              <tr>
                <th>label in the file</th>
                <th>tubes</th>
                <th>becomes</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {seen.labels.map((l) => (
                <tr key={l.label} className={l.needsMapping && !mapping[l.label] ? 'needs-mapping' : ''}>
                  <td>
                    {l.display}
                    {l.display !== l.label ? <span className="muted"> ({l.label})</span> : null}
                  </td>
                  <td>{l.tubes}</td>
                  <td>
                    <select
                      aria-label={`Node for ${l.display}`}
                      value={mapping[l.label] ?? ''}
                      onChange={(e) => setMapping((m) => ({ ...m, [l.label]: e.target.value || null }))}
                    >
                      <option value="">leave these tubes out</option>
                      {nodeOptions.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.path}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">{l.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {seen.warnings.length > 0 && (
            <ul className="export-notes export-warnings" aria-label="Warnings">
              {seen.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="modal-foot">
        <span className="muted">
          {seen
            ? `${counts.taken} tube${counts.taken === 1 ? '' : 's'} to import${counts.leftOut ? `, ${counts.leftOut} left out` : ''}${videoMissing ? ' · choose the video' : ''}`
            : 'Nothing changes until you import.'}
        </span>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!canImport} onClick={() => void doImport()}>
          Import
        </button>
      </div>
    </Modal>
  );
}
