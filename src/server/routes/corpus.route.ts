import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  categoriseRequest, corpusStats, CorpusStore, createSearchIndex, findPrecedents, importSources, ImportJobStore, parseDimensions, parseFilters,
  readCorpusLetter, statsToCsv, type ImportJob, type ImportJobProgress, type ImportProgress, type ImportSource, type ImportSummary,
} from '../../corpus/index.js';
import { ImrError } from '../../errors/imr-error.js';
import { withDrugNames } from '../../corpus/drug-synonyms.js';
import { parseQuery } from '../../corpus/fts-query.js';
import type { Citation } from '../../letters/model.js';
import { ownLetterScreen } from '../../service/use-cases/publication.js';
import { parseJson } from '../../service/store/tables.js';
import type { RouteModule } from '../app.js';
import { routeUser } from '../route-access.js';
import { errorResponses } from '../schemas.js';
import { projectingSerializer } from '../schema-json.js';
import { caseUser } from '../case-access.js';
import { filterQuery } from '../corpus-schemas.js';

/** Largest letter file accepted by the upload import, and files per upload. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_FILES = 2000;


const filtersView = z.object({
  decision: z.enum(['Upheld', 'Overturned']).optional(), category: z.string().optional(), citationFamily: z.string().optional(), section: z.string().optional(),
  specialty: z.string().optional(), year: z.number().optional(), priority: z.enum(['Standard', 'Expedited']).optional(),
  caseNumber: z.string().optional(), injuryFrom: z.string().optional(), injuryTo: z.string().optional(), receivedFrom: z.string().optional(),
  receivedTo: z.string().optional(), decisionFrom: z.string().optional(), decisionTo: z.string().optional(),
});
const citationView = z.object({ family: z.string(), name: z.string().nullable(), topic: z.string().nullable(), section: z.string().nullable(), raw: z.string() });
const hitSchema = z.object({
  itemId: z.number(), letterId: z.number(), caseNumber: z.string().nullable(), fileName: z.string(), position: z.number(), request: z.string(),
  decision: z.enum(['Upheld', 'Overturned']), category: z.string().nullable(), citation: citationView, reviewerSpecialty: z.string().nullable(),
  year: z.number().nullable(), month: z.number().nullable(), priority: z.string().nullable(), snippet: z.string(),
  highlights: z.array(z.tuple([z.number(), z.number()])), score: z.number().nullable(),
  matchedIn: z.enum(['request', 'rationale', 'summary', 'rationale-or-summary']).nullable(),
});
const corpusLetterSchema = z.object({
  id: z.number(), caseNumber: z.string().nullable(), fileName: z.string(), decisionDate: z.string().nullable(), year: z.number().nullable(), priority: z.string().nullable(),
  reviewerSpecialty: z.string().nullable(), reviewerSubspecialty: z.string().nullable(), injuryDate: z.string().nullable(), clinicalSummary: z.string(),
  upheld: z.number(), overturned: z.number(),
  items: z.array(z.object({
    id: z.number(), position: z.number(), request: z.string(), decision: z.enum(['Upheld', 'Overturned']), category: z.string().nullable(), citation: citationView, rationale: z.string(),
  })),
});
const interval = z.object({ low: z.number(), high: z.number() }).nullable().describe('95% Wilson score interval of the rate');
const statRow = z.object({
  key: z.string(), items: z.number(), upheld: z.number(), overturned: z.number(), overturnRate: z.number().nullable(), overturnInterval: interval,
  smallSample: z.boolean().describe('Fewer than 30 items: too few to read the rate on its own'),
});
const statsSchema = z.object({
  letters: z.number(), items: z.number(), upheld: z.number(), overturned: z.number(), overturnRate: z.number().nullable(), overturnInterval: interval,
  filters: filtersView, breakdowns: z.record(z.string(), z.array(statRow)), documentationGaps: z.array(statRow.extend({ phrase: z.string() })),
  lettersByMonth: z.array(statRow.extend({ letters: z.number() })).describe('Letters and items by month of decision (YYYY-MM), dated letters only'),
  pharmacy: z.array(z.object({ key: z.string(), items: z.number(), medication: z.number(), share: z.number().nullable(), shareInterval: interval, smallSample: z.boolean() }))
    .describe('Share of items that are medications, by year, then "all"'),
});
const precedentSchema = z.object({
  itemId: z.number(), letterId: z.number(), caseNumber: z.string().nullable(), fileName: z.string(), request: z.string(), decision: z.enum(['Upheld', 'Overturned']),
  category: z.string().nullable(), citation: citationView, reviewerSpecialty: z.string().nullable(), year: z.number().nullable(),
  sameCategory: z.boolean(), sameCitation: z.boolean(), similarity: z.number(), snippet: z.string(),
});
const precedentResultSchema = z.object({
  item: z.object({ id: z.string(), request: z.string(), category: z.string().nullable(), citationFamily: z.string().nullable() }),
  precedents: z.array(precedentSchema), upheld: z.number(), overturned: z.number(), shareOverturned: z.number().nullable(),
  peerGroup: z.object({ category: z.string().nullable(), citationFamily: z.string().nullable(), items: z.number(), upheld: z.number(), overturned: z.number(), shareOverturned: z.number().nullable() }),
});
const jobSchema = z.object({
  id: z.string(), status: z.enum(['running', 'done', 'failed', 'interrupted']), startedAt: z.string(), finishedAt: z.string().nullable(),
  progress: z.object({ total: z.number(), done: z.number(), imported: z.number(), present: z.number(), failed: z.number() }),
  summary: z.object({
    files: z.number(), imported: z.number(), present: z.number(), letters: z.number(), items: z.number(), elapsedMs: z.number(), rate: z.number(),
    failed: z.array(z.object({ file: z.string(), code: z.string(), reason: z.string() })),
  }).nullable(),
  error: z.string().nullable(),
});
type JobView = z.infer<typeof jobSchema>;

/** The API view of a stored job (who started it stays in the database). */
function jobView(job: ImportJob): JobView {
  return { id: job.id, status: job.status, startedAt: job.startedAt, finishedAt: job.finishedAt, progress: job.progress, summary: job.summary, error: job.error };
}

/** The precedent corpus over HTTP: search, statistics, precedents for a case item, and the admin upload import. */
export const corpusRoutes: RouteModule = async (fastify, ctx) => {
  const index = createSearchIndex(ctx.database);
  const store = new CorpusStore(ctx.database);
  /**
   * Upload-import jobs live in the database (an upload is imported in the background; poll its id
   * on any server of the database). Jobs left running by a stopped process become 'interrupted'.
   */
  const jobs = new ImportJobStore(ctx.database);
  const interrupted = await jobs.markInterrupted(ctx.now());
  if (interrupted > 0) fastify.log.warn({ jobs: interrupted }, 'corpus import jobs left running by a stopped server marked interrupted');

  await fastify.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['corpus'];

    app.get('/api/corpus/search', {
      // The page and its hits written in the schema's shape without zod checking each hit (schema-json.ts).
      ...projectingSerializer,
      schema: {
        tags, summary: 'Full-text search of the published letters\' items (words, "phrases", -exclusions, OR), with filters and paging',
        querystring: filterQuery.extend({ q: z.string().max(1000).default(''), limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0) }),
        response: {
          200: z.object({
            query: z.string(), filters: filtersView, total: z.number(), totalCapped: z.boolean(), limit: z.number(), offset: z.number(), hits: z.array(hitSchema),
            alsoSearched: z.array(z.object({ term: z.string(), alternatives: z.array(z.string()) })).describe('Drug names searched under their other brand and generic names as well'),
          }),
          ...errorResponses,
        },
      },
    }, async (request) => {
      routeUser(request);
      const { q, limit, offset, ...raw } = request.query;
      const page = await index.search({ query: q, filters: parseFilters(raw), limit, offset });
      return { ...page, alsoSearched: withDrugNames(parseQuery(q)).expanded };
    });

    app.get('/api/corpus/letters/:id', {
      schema: {
        tags, summary: 'One published letter of the corpus (a search hit\'s letterId): its items with their decisions, citations and rationales, and its clinical summary',
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: corpusLetterSchema, ...errorResponses },
      },
    }, async (request) => {
      routeUser(request);
      return readCorpusLetter(store.db, request.params.id);
    });

    app.get('/api/corpus/stats', {
      schema: {
        tags, summary: 'Overturn rates and counts by category, citation, section, specialty, year, month and evidence; documentation gaps (JSON, or CSV with ?format=csv)',
        querystring: filterQuery.extend({ by: z.string().max(200).optional(), gaps: z.coerce.number().int().min(0).max(1000).default(25), format: z.enum(['json', 'csv']).default('json') }),
        response: { 200: statsSchema.or(z.string()), ...errorResponses },
      },
    }, async (request, reply) => {
      routeUser(request);
      const { by, gaps, format, ...raw } = request.query;
      const stats = await corpusStats(ctx.database.db, ctx.database.dialect, { dimensions: parseDimensions(by), filters: parseFilters(raw), gapLimit: gaps });
      if (format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="corpus-stats.csv"').serializer((s: unknown) => String(s)).send(statsToCsv(stats));
      }
      return stats;
    });

    // The upload route alone in a scope of its own with the multipart plugin: its onRequest and
    // onResponse hooks would otherwise run at every request of the scope (searches included).
    await scope.register(async (upload) => {
      await upload.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES, fields: 10 } });
      upload.withTypeProvider<ZodTypeProvider>().post('/api/corpus/import', {
        config: { roles: ['admin'] },
        schema: {
          tags, summary: 'Admin: upload letter files (PDF or text, multipart/form-data) to import into the corpus; returns a job to poll',
          consumes: ['multipart/form-data'],
          response: { 202: jobSchema, ...errorResponses },
        },
      }, async (request, reply) => {
        const user = routeUser(request);
        if (!request.isMultipart()) throw new ImrError('IMR_ERR_UNSUPPORTED_MEDIA', 'Send the letters as multipart/form-data file fields (curl -F file=@letter.pdf).');
        const sources: ImportSource[] = [];
        for await (const part of request.files()) {
          const bytes = await part.toBuffer();
          sources.push({ name: path.basename(part.filename || `upload-${sources.length + 1}`), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        }
        if (sources.length === 0) throw new ImrError('IMR_ERR_VALIDATION', 'The upload has no files; attach one or more letter files (PDF or text).');
        const job = await jobs.create({ requestedBy: user.id, total: sources.length, at: ctx.now() });
        const log = request.log.child({ jobId: job.id });
        // Progress is written at most about once a second (and the heartbeat every few seconds), never once per file.
        const progress = jobs.progressWriter(job.id, { now: ctx.now, onError: (e) => log.warn({ errName: (e as Error)?.name }, 'corpus import job progress not saved') });
        let last: ImportJobProgress = job.progress;
        const onProgress = (p: ImportProgress) => {
          last = { total: p.total, done: p.done, imported: p.imported, present: p.present, failed: p.failed };
          progress.report(last);
        };
        // Uploaded files are untrusted: read in worker threads, with the reading limits (time, memory, inflated bytes), off the request thread.
        // A letter this service issued enters the public corpus only without what its intake entered (its publication).
        void importSources(sources, { store, categorise: categoriseRequest, jobs: 2, onProgress, now: ctx.now, screen: ownLetterScreen(ctx.services) })
          .then(
            async (summary: ImportSummary) => {
              await progress.stop();
              await jobs.finish(job.id, summary, ctx.now());
            },
            async (e: unknown) => {
              await progress.stop();
              log.error({ errName: (e as Error)?.name }, 'corpus import job failed');
              const message = e instanceof ImrError ? e.message : 'The import stopped unexpectedly; upload the files again (letters already imported are skipped).';
              await jobs.fail(job.id, message, ctx.now(), last);
            },
          )
          // The database itself failed (or closed): the job stays 'running' until its heartbeat is stale, then reads as interrupted.
          .catch((e: unknown) => log.error({ errName: (e as Error)?.name }, 'corpus import job result not saved'));
        return reply.code(202).header('location', `/api/corpus/import/${job.id}`).send(jobView(job));
      });
    });

    app.get('/api/corpus/import', {
      config: { roles: ['admin'] },
      schema: {
        tags, summary: 'Admin: the most recent upload imports, newest first (running, done, failed or interrupted)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ jobs: z.array(jobSchema) }), ...errorResponses },
      },
    }, async (request) => {
      routeUser(request);
      return { jobs: (await jobs.listRecent(request.query.limit, ctx.now())).map(jobView) };
    });

    app.get('/api/corpus/import/:jobId', {
      config: { roles: ['admin'] },
      schema: { tags, summary: 'Admin: the progress and, when done, the summary of an upload import', params: z.object({ jobId: z.string().max(60) }), response: { 200: jobSchema, ...errorResponses } },
    }, async (request) => {
      routeUser(request);
      const job = await jobs.get(request.params.jobId, ctx.now());
      if (!job) throw new ImrError('IMR_ERR_NOT_FOUND', 'No import job has this id; list the recent jobs with GET /api/corpus/import.', { subject: request.params.jobId });
      return jobView(job);
    });

    app.get('/api/cases/:id/items/:itemId/precedents', {
      config: { roles: ['admin', 'intake', 'reviewer'] },
      schema: {
        tags, summary: 'The published items most like this disputed item (same category and citation first), with their decisions and the share overturned',
        params: z.object({ id: z.string().min(1).max(80), itemId: z.string().min(1).max(80) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
        response: { 200: precedentResultSchema, ...errorResponses },
      },
    }, async (request) => {
      const user = await caseUser(ctx, request, request.params.id);
      const kase = await ctx.services.cases.getOrThrow(request.params.id);
      const item = await ctx.services.cases.item(request.params.id, request.params.itemId);
      // The citation the decision rests on: the reviewer's, else the engine draft's, else the UR's.
      const draft = parseJson<{ citation?: Citation } | null>(item.draft, null);
      const citation = parseJson<Citation | null>(item.citation, null) ?? draft?.citation ?? parseJson<Citation | null>(item.ur_guideline, null);
      const category = categoriseRequest(item.request);
      const citationFamily = citation && citation.source !== 'NONE' ? citation.source : null;
      const result = await findPrecedents(index, { request: item.request, category, citationFamily, facts: kase.clinical_summary, limit: request.query.limit });
      await ctx.services.audit.record(user, 'case.precedents_read', kase.id, { itemId: item.id }, ctx.now());
      return { item: { id: item.id, request: item.request, category, citationFamily }, ...result };
    });
  });
};
