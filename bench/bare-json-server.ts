/**
 * The API bench's peer: bare Fastify answering GET /api/cases/:id with the JSON the review service
 * gave for the case (file in argv[2]), serialised per request as the service's route does, with no
 * database, session, access check or audit. What a case read would cost if it were free.
 * Started by api.bench.ts in its own process; prints "listening on URL" like `imr serve`.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = JSON.parse(readFileSync(process.argv[2], 'utf8')) as unknown;
const app = Fastify({ logger: false });
app.get('/api/cases/:id', { serializerCompiler: () => (data: unknown) => JSON.stringify(data) }, async () => body);
app.get('/health', async () => ({ ok: true }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${url}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
