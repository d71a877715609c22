import { formatBytes } from '../lib/format.js';
import { DOC_KIND_LABEL, type PickedFile } from '../lib/intake-form-submit.js';

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
            <td>{DOC_KIND_LABEL[f.kind]}</td>
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
