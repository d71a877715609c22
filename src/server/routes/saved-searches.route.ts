import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSearchIndex, parseFilters } from '../../corpus/index.js';
import { SavedSearchStore, savedSearchView as view, type SavedSearchView } from '../../corpus/saved-searches.js';
import { ImrError } from '../../errors/imr-error.js';
import type { RouteModule } from '../app.js';
import { routeUser } from '../route-access.js';
import { errorResponses } from '../schemas.js';
import { filterQuery } from '../corpus-schemas.js';

/** Staff keep the team's saved searches; a party may only read them. */
const EDITORS = ['admin', 'intake', 'reviewer'] as const;

const savedSearchSchema = z.object({
  name: z.string(),
  q: z.string(),
  filters: z.record(z.string(), z.string()).describe('The search\'s filters in query-string form (the names of GET /api/corpus/search)'),
  createdAt: z.string(),
  checkedAt: z.string().nullable().describe('When its new letters were last marked reported'),
  newItems: z.number().describe('Matching items imported since it last reported'),
  capped: z.boolean().describe('newItems is a lower bound'),
  letters: z.array(z.string()).describe('The first new matching letters (case number, else file name), at most 10'),
}) satisfies z.ZodType<SavedSearchView>;
const nameParams = z.object({ name: z.string().min(1).max(100) });

/**
 * The team's saved corpus searches over HTTP (the CLI's `imr corpus saved`): each reports the
 * published letters imported since it last reported that match it. Listing never marks news as
 * reported; a user does that explicitly (POST …/reported).
 */
export const savedSearchRoutes: RouteModule = async (fastify, ctx) => {
  const index = createSearchIndex(ctx.database);
  const saved = new SavedSearchStore(ctx.database);
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['corpus'];
  const one = async (name: string): Promise<SavedSearchView> => {
    const found = await saved.pendingOne(index, name);
    if (!found) throw new ImrError('IMR_ERR_NOT_FOUND', `No saved search is named "${name}"; list them with GET /api/corpus/saved.`);
    return view(found, found.news);
  };

  app.get('/api/corpus/saved', {
    schema: { tags, summary: 'The saved corpus searches, each with the matching letters imported since it last reported', response: { 200: z.object({ searches: z.array(savedSearchSchema) }), ...errorResponses } },
  }, async (request) => {
    routeUser(request);
    return { searches: (await saved.pending(index)).map((s) => view(s, s.news)) };
  });

  app.post('/api/corpus/saved', {
    config: { roles: [...EDITORS] },
    schema: {
      tags, summary: 'Save a corpus search (its words and filters, as GET /api/corpus/search takes them); letters imported from now on are reported as new',
      body: filterQuery.extend({ name: z.string().min(1).max(100), q: z.string().max(1000).default('') }).strict(),
      response: { 201: savedSearchSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = routeUser(request);
    const { name, q, ...raw } = request.body;
    const s = await saved.add(name, q, parseFilters(raw), ctx.now().toISOString());
    await ctx.services.audit.record(user, 'corpus.saved_search_added', null, { name: s.name }, ctx.now());
    return reply.code(201).send(await one(s.name));
  });

  app.post('/api/corpus/saved/:name/reported', {
    config: { roles: [...EDITORS] },
    schema: { tags, summary: 'Mark a saved search\'s new letters as reported: it counts from the letters imported after now', params: nameParams, response: { 200: savedSearchSchema, ...errorResponses } },
  }, async (request) => {
    const user = routeUser(request);
    if (!(await saved.markReported(request.params.name, ctx.now().toISOString()))) await one(request.params.name);
    await ctx.services.audit.record(user, 'corpus.saved_search_reported', null, { name: request.params.name.trim() }, ctx.now());
    return one(request.params.name);
  });

  app.delete('/api/corpus/saved/:name', {
    config: { roles: [...EDITORS] },
    schema: { tags, summary: 'Remove a saved search', params: nameParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    const user = routeUser(request);
    if (!(await saved.remove(request.params.name))) await one(request.params.name);
    await ctx.services.audit.record(user, 'corpus.saved_search_removed', null, { name: request.params.name.trim() }, ctx.now());
    return reply.code(204).send(null);
  });
};
