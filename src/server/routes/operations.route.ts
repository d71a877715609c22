import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CASE_STATUSES } from '../../service/domain/state-machine.js';
import { OPERATIONS_TABLES, operationsCsv, operationsSummary } from '../../service/use-cases/operations.use-case.js';
import type { RouteModule } from '../app.js';
import { routeUser } from '../route-access.js';
import { errorResponses } from '../schemas.js';

const date = z.string();
const clockSchema = z.object({ from: date, to: date, days: z.number().int(), running: z.boolean() });
const limitSchema = z.object({
  ruleId: z.string(), days: z.number().int(), basis: z.enum(['business', 'calendar']), regulation: z.string(), confidence: z.enum(['C', 'S', 'U']),
  dueDate: date, provisional: z.boolean(), daysLeft: z.number().int().nullable(), late: z.boolean(),
});
const openCaseSchema = z.object({
  id: z.string(), caseNumber: z.string(), status: z.enum(CASE_STATUSES), priority: z.enum(['Standard', 'Expedited']), receivedOn: date, assignedOn: date.nullable(), recordsReceivedOn: date.nullable(),
  clocks: z.object({ fromAssignment: clockSchema.nullable(), fromRecords: clockSchema.nullable(), limit: limitSchema.nullable() }),
  nextDeadline: z.object({ kind: z.string(), dueDate: date, provisional: z.boolean(), regulation: z.string(), daysLeft: z.number().int(), late: z.boolean() }).nullable(),
  late: z.boolean(),
});
const rateSchema = z.object({ key: z.string(), decisions: z.number().int(), upheld: z.number().int(), overturned: z.number().int(), overturnRate: z.number() });
const operationsSummarySchema = z.object({
  today: date, fromMonth: z.string(), toMonth: z.string(),
  stages: z.array(z.object({ stage: z.enum(CASE_STATUSES), cases: z.number().int(), late: z.number().int(), soonestDaysLeft: z.number().int().nullable() })),
  openCases: z.array(openCaseSchema),
  lateCases: z.array(openCaseSchema),
  monthly: z.array(z.object({
    month: z.string(), determinations: z.number().int(), avgDaysFromAssignment: z.number().nullable(), withAssignmentClock: z.number().int(),
    avgDaysFromRecords: z.number().nullable(), withRecordsClock: z.number().int(), late: z.number().int(),
  })),
  byCategory: z.array(rateSchema),
  bySpecialty: z.array(rateSchema),
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** The operations view (admin, intake): both DWC clocks, open and late cases, monthly averages, overturn rates; JSON or one table as CSV. */
export const operationsRoutes: RouteModule = (fastify, ctx) => {
  fastify.withTypeProvider<ZodTypeProvider>().get('/api/operations', {
    config: { roles: ['admin', 'intake'] },
    schema: {
      tags: ['operations'],
      summary: 'The operation as a whole: open cases by stage and days to deadline, late cases, days from assignment and from complete records per case and by month of determination (as DWC reports), overturn rates by category and reviewer specialty; ?format=csv&table=… for one table as CSV',
      querystring: z.object({
        from: month.optional().describe('First month of determination for the averages and rates (default: eleven months before `to`)'),
        to: month.optional().describe('Last month of determination (default: this month)'),
        format: z.enum(['json', 'csv']).default('json'),
        table: z.enum(OPERATIONS_TABLES).optional().describe('With format=csv: which table'),
      }).refine((q) => q.format !== 'csv' || q.table !== undefined, { message: `format=csv needs table= one of ${OPERATIONS_TABLES.join(', ')}`, path: ['table'] }),
      response: { 200: operationsSummarySchema.or(z.string()), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = routeUser(request);
    const { from, to, format, table } = request.query;
    const summary = await operationsSummary(ctx.services, user, { from, to, table: format === 'csv' ? table : undefined });
    if (format === 'csv' && table) {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="imr-operations-${table}-${summary.today}.csv"`).serializer((s: unknown) => String(s)).send(operationsCsv(summary, table));
    }
    return summary;
  });
};
