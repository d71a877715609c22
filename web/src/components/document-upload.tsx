import { useState } from 'react';
import { api, MAX_UPLOAD_BYTES } from '../api/endpoints.js';
import { formatBytes } from '../lib/format.js';
import { ErrorBox, ProgressLine } from './feedback.js';

/** Uploads a UR decision or medical record to a case, with progress. */
export function DocumentUpload({ caseId, onUploaded }: { caseId: string; onUploaded(): void }) {
  const [kind, setKind] = useState('medical_record');
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async (file: File) => {
    setError(null);
    setProblem(null);
    if (!/\.(pdf|txt)$/i.test(file.name)) return setProblem(`${file.name}: only PDF or plain-text files are accepted.`);
    if (file.size > MAX_UPLOAD_BYTES) return setProblem(`${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_UPLOAD_BYTES)}. Split or compress it.`);
    setProgress({ name: file.name, fraction: 0 });
    try {
      await api.uploadDocument(caseId, file, kind, (fraction) => setProgress({ name: file.name, fraction }));
      onUploaded();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <div style={{ marginTop: '0.6rem' }}>
      <div className="row">
        <div className="field">
          <label htmlFor="doc-kind">Kind</label>
          <select id="doc-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="medical_record">Medical record</option>
            <option value="ur_decision">UR decision</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="doc-file">Upload a document</label>
          <input id="doc-file" type="file" accept=".pdf,.txt,application/pdf,text/plain" disabled={!!progress} onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void send(f); }} />
          <div className="hint">PDF or plain text, up to {formatBytes(MAX_UPLOAD_BYTES)}.</div>
        </div>
      </div>
      {progress && <ProgressLine label={`Uploading ${progress.name}`} value={progress.fraction} />}
      {problem && <div className="problem" role="alert" style={{ color: 'var(--bad)' }}>{problem}</div>}
      {error !== null && <ErrorBox error={error} title="The document was not uploaded." />}
    </div>
  );
}
