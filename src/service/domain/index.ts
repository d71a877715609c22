/**
 * The review service's pure domain: no I/O, no clock (callers pass `today`). The store, the REST
 * API and the CLI build on these functions.
 *
 * Where the rules live:
 *   - application.ts    the IMR application (DWC Form IMR) schema, parties, worker key
 *   - calendar.ts       California state holidays and business-day arithmetic
 *   - deadline-rules.ts every date rule with its source; computeDeadlines, deadlineStatus
 *   - eligibility.ts    eligibility screening with a reason per rule
 *   - state-machine.ts  case statuses and allowed transitions
 *   - reviewer.ts, qualification.ts, conflict.ts, specialty-table.ts, assignment.ts  reviewers
 */
export * from './application.js';
export * from './calendar.js';
export * from './deadline-rules.js';
export * from './eligibility.js';
export * from './state-machine.js';
export * from './reviewer.js';
export * from './qualification.js';
export * from './conflict.js';
export * from './specialty-table.js';
export * from './assignment.js';
export * from './assignment-override.js';
export * from './ineligibility-notice.js';
