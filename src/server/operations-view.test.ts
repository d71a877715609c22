import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { citation } from '../service/test-support/fixtures.js';
import { login, type TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

interface OpenCase { id: string; caseNumber: string; late: boolean; clocks: { fromAssignment: { days: number; running: boolean } | null; fromRecords: { days: number } | null; limit: { dueDate: string; provisional: boolean; daysLeft: number | null; late: boolean } | null } }

describe.each(testDialects())('the operations view on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let clock = new Date('2024-03-21T18:00:00Z');
  let decided = '';
  let open = '';
  const as = (name: string) => login(t.app, name, `${name}-password`);
  const get = async (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => clock }));
    // Both assigned on Thursday 2024-03-21 (the notice of assignment).
    const a = await w.assignedCase();
    const b = await w.assignedCase();
    decided = a.caseId;
    open = b.caseId;
    // Complete records arrive for the first on 03-25; it is decided on 04-10 (20 days from assignment, 16 from records).
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${decided}/records`, headers: { cookie: w.cookies.intake }, payload: { receivedOn: '2024-03-25' } })).statusCode).toBe(200);
    clock = new Date('2024-04-10T18:00:00Z');
    const reviewer = await as(a.reviewerId === 'r-pmr' ? 'rob' : 'olive');
    const kase = (await get(`/api/cases/${decided}`, reviewer)).json();
    for (const item of kase.items) {
      const decision = item.position === 0 ? 'Overturned' : 'Upheld';
      const r = await t.app.inject({ method: 'PUT', url: `/api/cases/${decided}/items/${item.id}/decision`, headers: { cookie: reviewer }, payload: { version: item.version, decision, citation: citation(), rationale: 'Reasons given.' } });
      expect(r.statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${decided}/sign`, headers: { cookie: reviewer }, payload: {} })).statusCode).toBe(201);
  });
  afterAll(async () => { await t?.close(); });

  it('shows both clocks for an open case, averages them by month of determination, and rates overturns by category and specialty', async () => {
    const intake = await as('intake');
    const r = await get('/api/operations', intake);
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({ today: '2024-04-10', fromMonth: '2023-05', toMonth: '2024-04' });
    const b = s.openCases.find((c: OpenCase) => c.id === open);
    // Open: 20 days since the notice, no records yet; the limit counts from the records' due date (04-02) + 30 days.
    expect(b.clocks.fromAssignment).toMatchObject({ days: 20, running: true });
    expect(b.clocks.fromRecords).toBeNull();
    expect(b.clocks.limit).toMatchObject({ dueDate: '2024-05-02', provisional: true, daysLeft: 22, late: false });
    expect(s.openCases.map((c: OpenCase) => c.id)).not.toContain(decided);
    // The records were due 12 days after the notice (04-02) and have not come: the case is late on that deadline already.
    expect(b).toMatchObject({ late: true, nextDeadline: { kind: 'records_due', dueDate: '2024-04-02', daysLeft: -8, late: true } });
    expect(s.lateCases.map((c: OpenCase) => c.id)).toEqual([open]);
    expect(s.stages.find((x: { stage: string }) => x.stage === 'assigned')).toMatchObject({ cases: 1, late: 1, soonestDaysLeft: -8 });
    expect(s.monthly).toEqual([{ month: '2024-04', determinations: 1, avgDaysFromAssignment: 20, withAssignmentClock: 1, avgDaysFromRecords: 16, withRecordsClock: 1, late: 0 }]);
    expect(s.byCategory).toEqual([
      { key: 'chiropractic', decisions: 1, upheld: 0, overturned: 1, overturnRate: 1 },
      { key: 'opioid', decisions: 1, upheld: 1, overturned: 0, overturnRate: 0 },
    ]);
    expect(s.bySpecialty).toEqual([{ key: 'Physical Medicine & Rehabilitation', decisions: 2, upheld: 1, overturned: 1, overturnRate: 0.5 }]);
    // Audited as a read, with no case data in the row.
    const audit = await t.services.audit.list({ action: 'operations.read' });
    expect(audit.entries[0]).toMatchObject({ userId: w.users.intake.id, caseId: null, detail: { fromMonth: '2023-05', toMonth: '2024-04', table: null } });
  });

  it('lists a case past its determination limit as late, and gives each table as CSV', async () => {
    clock = new Date('2024-06-03T18:00:00Z');
    const admin = await as('admin');
    const s = (await get('/api/operations', admin)).json();
    const b = s.lateCases.find((c: OpenCase) => c.id === open);
    expect(b).toMatchObject({ late: true, clocks: { fromAssignment: { days: 74 }, limit: { dueDate: '2024-05-02', daysLeft: -32, late: true } } });

    const csv = await get('/api/operations?format=csv&table=late', admin);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="imr-operations-late-2024-06-03.csv"');
    const [header, row] = csv.body.split('\r\n');
    expect(header).toBe('case_number,status,priority,assigned_on,days_from_assignment,records_received_on,days_from_records,determination_due,due_provisional,next_deadline,next_due,days_to_next_deadline,late');
    expect(row).toBe(`${b.caseNumber},assigned,Standard,2024-03-21,74,,,2024-05-02,yes,records_due,2024-04-02,-62,yes`);
    const monthly = await get('/api/operations?format=csv&table=monthly&from=2024-01&to=2024-06', admin);
    expect(monthly.body).toBe('month_of_determination,determinations,avg_days_from_assignment,with_assignment_clock,avg_days_from_complete_records,with_records_clock,late\r\n2024-04,1,20,1,16,1,0\r\n');
    // Both reads share the test's frozen instant: find the CSV read by its table.
    const audit = await t.services.audit.list({ action: 'operations.read' });
    expect(audit.entries.map((e) => e.detail)).toContainEqual(expect.objectContaining({ table: 'monthly', fromMonth: '2024-01', toMonth: '2024-06' }));
  });

  it('is for admin and intake only, and refuses a CSV without a table or a malformed month', async () => {
    clock = new Date('2024-06-03T19:00:00Z');
    expect((await get('/api/operations', await as('rob'))).statusCode).toBe(403);
    expect((await get('/api/operations', await as('pat'))).statusCode).toBe(403);
    const intake = await as('intake');
    const noTable = await get('/api/operations?format=csv', intake);
    expect(noTable.statusCode).toBe(400);
    expect(noTable.json().error.code).toBe('IMR_ERR_VALIDATION');
    expect((await get('/api/operations?from=2024-13', intake)).statusCode).toBe(400);
    expect((await get('/api/operations?from=2024-05&to=2024-01', intake)).statusCode).toBe(400);
  });
});
