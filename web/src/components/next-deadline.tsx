import type { DeadlineView } from '../api/types.js';
import { deadlineLabel, formatDate } from '../lib/format.js';
import { DeadlineState } from './deadlines.js';

/** The case's next running deadline, for the case header. */
export function NextDeadline({ d }: { d: DeadlineView }) {
  return (
    <span className="small" title={`${d.regulation}; due ${formatDate(d.dueDate)}`}>
      {deadlineLabel(d.kind)} {formatDate(d.dueDate)}: <DeadlineState d={d} />
    </span>
  );
}
