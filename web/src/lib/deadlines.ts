/**
 * Which of a case's deadlines are still running, given its status, and how many days are left.
 * A deadline stops running when the event it times has happened (records arrived, decision made).
 */
import { daysBetween } from './format.js';

export interface DeadlineLike {
  kind: string;
  dueDate: string;
  provisional?: boolean;
}

const RUNNING_IN: Record<string, readonly string[]> = {
  eligibility_information: ['received', 'eligibility'],
  notice_of_assignment: ['received', 'eligibility'],
  records_due: ['assigned'],
  determination_due: ['assigned', 'records_received', 'in_review'],
  appeal_due: ['letter_issued'],
};

export function isRunning(status: string, kind: string): boolean {
  return (RUNNING_IN[kind] ?? []).includes(status);
}

export interface DeadlineStatus<D extends DeadlineLike> {
  deadline: D;
  daysLeft: number;
  late: boolean;
}

/** The running deadlines, soonest first, with days left (negative when late). */
export function runningDeadlines<D extends DeadlineLike>(status: string, deadlines: readonly D[], today: string): DeadlineStatus<D>[] {
  return deadlines
    .filter((d) => isRunning(status, d.kind))
    .map((d) => {
      const daysLeft = daysBetween(today, d.dueDate);
      // The appeal window is the parties' deadline, not ours: it is never "late" for the IMRO.
      return { deadline: d, daysLeft, late: daysLeft < 0 && d.kind !== 'appeal_due' };
    })
    .sort((a, b) => a.daysLeft - b.daysLeft);
}

export function isLate(status: string, deadlines: readonly DeadlineLike[], today: string): boolean {
  return runningDeadlines(status, deadlines, today).some((d) => d.late);
}
