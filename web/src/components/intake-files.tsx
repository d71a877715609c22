import { formatBytes } from '../lib/format.js';

export type DocKind = 'ur_decision' | 'medical_record';
/** A file chosen on the intake form, uploaded once the application is saved. */
export interface PickedFile {
  file: File;
  kind: DocKind;
}

/** The files picked so far, each removable before submitting. */
export function PickedFilesTable({ files, onRemove }: { files: PickedFile[]; onRemove(index: number): void }) {
  return (
    <table className="small" style={{ marginBottom: '0.6rem' }}>
      <thead>
        <tr>
          <th>File</th>
          <th>Kind</th>
          <th className="num">Size</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {files.map((f, i) => (
          <tr key={`${f.file.name}-${i}`}>
            <td>{f.file.name}</td>
            <td>{f.kind === 'ur_decision' ? 'UR decision' : 'Medical record'}</td>
            <td className="num">{formatBytes(f.file.size)}</td>
            <td>
              <button type="button" className="link" onClick={() => onRemove(i)} aria-label={`Remove ${f.file.name}`}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
