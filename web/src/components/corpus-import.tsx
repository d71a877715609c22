import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { ImportJobView } from '../api/types.js';
import { ErrorBox, ProgressLine } from './feedback.js';

const POLL_MS = 700;

/** Admin: upload published letters (PDF or text) into the corpus; shows upload then import progress. */
export function CorpusImport({ onDone }: { onDone(): void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState<number | null>(null);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<number | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);

  const poll = (id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const j = await api.corpusImportJob(id);
        setJob(j);
        if (j.status === 'running') poll(id);
        else onDone();
      } catch (e) {
        setError(e);
      }
    }, POLL_MS);
  };

  const start = async () => {
    setError(null);
    setJob(null);
    setUploading(0);
    try {
      const j = await api.corpusImport(files, setUploading);
      setUploading(null);
      setJob(j);
      if (j.status === 'running') poll(j.id);
      else onDone();
    } catch (e) {
      setUploading(null);
      setError(e);
    }
  };

  const running = uploading !== null || job?.status === 'running';
  return (
    <div className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import published letters</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="import-files">Letter files (PDF or text, up to 20 MB each)</label>
          <input id="import-files" type="file" multiple accept=".pdf,.txt,application/pdf,text/plain" disabled={running} onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
        </div>
        <button type="button" className="primary" disabled={running || files.length === 0} onClick={() => void start()}>
          Import {files.length > 0 ? `${files.length} file${files.length === 1 ? '' : 's'}` : ''}
        </button>
      </div>
      {uploading !== null && <ProgressLine label="Uploading the files" value={uploading} />}
      {job && job.status === 'running' && (
        <ProgressLine label={`Importing: ${job.progress.done} of ${job.progress.total} files read`} value={job.progress.total ? job.progress.done / job.progress.total : null} />
      )}
      {job && job.status === 'done' && job.summary && (
        <div className="alert ok" role="status">
          <strong>Import finished.</strong>
          {job.summary.imported} imported, {job.summary.present} already present (skipped), {job.summary.failed.length} failed; {job.summary.letters} letters and {job.summary.items} items added.
          {job.summary.failed.length > 0 && (
            <ul>
              {job.summary.failed.map((f) => (
                <li key={f.file}>
                  {f.file}: {f.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {job && (job.status === 'failed' || job.status === 'interrupted') && (
        <div className="alert error" role="alert">
          <strong>{job.status === 'interrupted' ? 'The import was interrupted.' : 'The import stopped.'}</strong>
          {job.error ?? 'Upload the files again; letters already imported are skipped.'}
        </div>
      )}
      {error !== null && <ErrorBox error={error} title="The import did not start." />}
    </div>
  );
}
