import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import type { ImportJobView } from '../api/types.js';
import { ErrorBox, ProgressLine } from './feedback.js';

const POLL_MS = 700;

/** Admin: upload published letters (PDF or text) into the corpus; shows upload then import progress. */
export function CorpusImport({ onDone }: { onDone(): void }) {
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  // The job is polled while it runs; the poll stops by itself when the job ends or the panel closes.
  const jobQuery = useQuery({
    queryKey: queryKeys.corpusImportJob(jobId ?? ''),
    queryFn: () => api.corpusImportJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false),
  });
  const job: ImportJobView | null = jobId !== null ? jobQuery.data ?? null : null;
  const status = job?.status;
  useEffect(() => {
    if (status !== undefined && status !== 'running') onDone();
    // onDone is the parent's callback; only the job's end should call it, once per status change.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the line above
  }, [status, jobId]);

  const start = async () => {
    setStartError(null);
    setJobId(null);
    setUploading(0);
    try {
      const j = await api.corpusImport(files, setUploading);
      setUploading(null);
      queryClient.setQueryData(queryKeys.corpusImportJob(j.id), j);
      setJobId(j.id);
    } catch (e) {
      setUploading(null);
      setStartError(e);
    }
  };
  const error = startError ?? (jobId !== null ? jobQuery.error : null);

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
      {error !== null && <ErrorBox error={error} title={startError !== null ? 'The import did not start.' : 'The import\'s progress could not be read.'} />}
    </div>
  );
}
