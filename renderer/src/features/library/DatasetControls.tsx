import { useState } from 'react';
import { useApp } from '../../store/store';
import { AnnotationImportDialog } from '../annotationImport/AnnotationImportDialog';
import { ExportDialog } from '../datasetExport/ExportDialog';
import { JobProgress } from './JobProgress';
import '../datasetExport/dataset.css';

/** The library's way in to annotation imports and dataset exports, and the exports under way. */
export function DatasetControls() {
  const [open, setOpen] = useState<'export' | 'import' | null>(null);
  const exportJobIds = useApp((s) => s.exportJobIds);
  const jobs = useApp((s) => s.jobs);
  return (
    <div className="dataset-controls">
      <button type="button" onClick={() => setOpen('import')}>
        Import annotations…
      </button>
      <button type="button" onClick={() => setOpen('export')}>
        Export dataset…
      </button>
      {exportJobIds.slice(0, 3).map((id) => {
        const job = jobs[id];
        return job ? <JobProgress key={id} job={job} /> : null;
      })}
      {open === 'export' && <ExportDialog onClose={() => setOpen(null)} />}
      {open === 'import' && <AnnotationImportDialog onClose={() => setOpen(null)} />}
    </div>
  );
}
