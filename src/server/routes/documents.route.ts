import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImrError } from '../../errors/imr-error.js';
import { addDocument, documentKindSchema, DOCUMENT_KINDS, MAX_DOCUMENT_BYTES, readDocumentText, withdrawalInputSchema, withdrawDocument } from '../../service/use-cases/documents.use-case.js';
import { isoDateSchema } from '../../shared/iso-date.js';
import type { RouteModule } from '../app.js';
import { documentSummarySchema } from '../case-schemas.js';
import { errorBodySchema, errorResponses, idParamSchema } from '../schemas.js';
import { caseUser } from '../case-access.js';
import { attachmentDisposition, readDocumentFile, readDocumentPages } from '../../service/use-cases/document-text.js';
import { readDocumentPageImage } from '../../service/use-cases/document-page-image.js';

/** The multipart parser's limits, as catalogue errors that say which limit was hit and what to send instead. */
function multipartError(e: unknown): unknown {
  switch ((e as { code?: unknown })?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ImrError('IMR_ERR_PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB; split it or upload a smaller copy.`, { details: [{ path: 'file', message: `at most ${MAX_DOCUMENT_BYTES} bytes` }] });
    case 'FST_FILES_LIMIT':
      return new ImrError('IMR_ERR_VALIDATION', 'The upload holds more than one file; send one document per request.', { details: [{ path: 'file', message: 'exactly one file' }] });
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new ImrError('IMR_ERR_VALIDATION', 'The upload has too many fields; send only "kind", "serviceDate", "author" and "file".', { details: [{ path: '(root)', message: 'only "kind", "serviceDate", "author" and "file"' }] });
    default:
      return e;
  }
}

/** Case documents: upload (multipart: a `kind` field, then a `file`) and download. */
export const documentRoutes: RouteModule = async (fastify, ctx) => {
  const s = ctx.services;
  const tags = ['cases'];
  await fastify.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();

    // The upload route alone in a scope of its own with the multipart plugin: its onRequest and
    // onResponse hooks would otherwise run at every request of the scope (document reads included).
    await scope.register(async (upload) => {
      await upload.register(fastifyMultipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 } });
      upload.withTypeProvider<ZodTypeProvider>().post('/api/cases/:id/documents', {
        config: { roles: ['admin', 'intake'] },
        schema: {
          tags, summary: `Add a document to the case (multipart/form-data: "kind" = ${DOCUMENT_KINDS.join(' | ')}, optional "serviceDate" (YYYY-MM-DD) and "author" (author or facility), then "file" = PDF or text, up to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB); the engine reads its text. The same file twice in a case is refused (409 IMR_ERR_DUPLICATE)`,
          consumes: ['multipart/form-data'],
          params: idParamSchema,
          response: { 201: documentSummarySchema, ...errorResponses },
        },
      }, async (request, reply) => {
        const user = await caseUser(ctx, request, request.params.id);
        if (!request.isMultipart()) throw new ImrError('IMR_ERR_UNSUPPORTED_MEDIA', 'Send the document as multipart/form-data with a "kind" field and a "file" (curl -F kind=medical_record -F file=@notes.pdf).');
        let kind: string | undefined;
        let serviceDate: string | undefined;
        let author: string | undefined;
        let file: { name: string; bytes: Uint8Array } | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              const buf = await part.toBuffer();
              file = { name: part.filename || 'document', bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
            } else if (part.fieldname === 'kind') kind = String(part.value);
            else if (part.fieldname === 'serviceDate') serviceDate = String(part.value).trim() || undefined;
            else if (part.fieldname === 'author') author = String(part.value).trim() || undefined;
          }
        } catch (e) {
          throw multipartError(e);
        }
        const parsedKind = documentKindSchema.safeParse(kind ?? 'medical_record');
        if (!parsedKind.success) throw new ImrError('IMR_ERR_VALIDATION', `The document kind is invalid; use one of ${DOCUMENT_KINDS.join(', ')}.`, { details: [{ path: 'kind', message: `one of ${DOCUMENT_KINDS.join(', ')}` }] });
        if (!file) throw new ImrError('IMR_ERR_VALIDATION', 'The upload has no file; attach the document as the "file" field.', { details: [{ path: 'file', message: 'required' }] });
        if (serviceDate !== undefined && !isoDateSchema.safeParse(serviceDate).success) throw new ImrError('IMR_ERR_INVALID_DATE', 'The date of service must be a real date written YYYY-MM-DD.', { details: [{ path: 'serviceDate', message: 'YYYY-MM-DD' }] });
        // eslint-disable-next-line no-control-regex -- control characters (line breaks, tabs, NUL) are what the check refuses
        if (author !== undefined && (author.length > 300 || /[\u0000-\u001f\u007f]/.test(author))) throw new ImrError('IMR_ERR_VALIDATION', 'The author must be one line of at most 300 characters.', { details: [{ path: 'author', message: 'one line, at most 300 characters' }] });
        return reply.code(201).send(await addDocument(s, user, request.params.id, { kind: parsedKind.data, ...file, serviceDate: serviceDate ?? null, author: author ?? null }));
      });
    });

    app.post('/api/cases/:id/documents/:docId/withdrawal', {
      config: { roles: ['admin', 'intake'] },
      schema: {
        tags, summary: 'Withdraw a document filed by mistake, with the reason: it is kept and audited, no longer evidence (the engine stops reading it and the undecided items are redrafted); open cases only',
        params: z.object({ id: z.string().min(1).max(80), docId: z.string().min(1).max(80) }),
        body: withdrawalInputSchema,
        response: { 200: documentSummarySchema, ...errorResponses },
      },
    }, async (request) => {
      const user = await caseUser(ctx, request, request.params.id);
      return withdrawDocument(s, user, request.params.id, request.params.docId, request.body);
    });

    app.get('/api/cases/:id/documents/:docId/text', {
      config: { roles: ['admin', 'intake', 'reviewer'] },
      schema: {
        tags, summary: "A case document's extracted text, to read beside the record (a UR decision is the claims administrator's reasoning, never clinical evidence)",
        params: z.object({ id: z.string().min(1).max(80), docId: z.string().min(1).max(80) }),
        response: { 200: z.object({ id: z.string(), kind: z.string(), name: z.string(), evidenceSource: z.string(), text: z.string() }), ...errorResponses },
      },
    }, async (request) => {
      const user = await caseUser(ctx, request, request.params.id);
      return readDocumentText(s, user, request.params.id, request.params.docId);
    });

    app.get('/api/cases/:id/documents/:docId/pages', {
      config: { roles: ['admin', 'intake', 'reviewer'] },
      schema: {
        tags, summary: "A case document's text page by page, for the workbench's document viewer: the stored text (what the engine read, so its evidence offsets point into it) and each page's [start, end) offsets; a text file is one page (pagesKnown false)",
        params: z.object({ id: z.string().min(1).max(80), docId: z.string().min(1).max(80) }),
        response: {
          200: z.object({
            document: documentSummarySchema,
            caseNumber: z.string(),
            text: z.string(),
            pages: z.array(z.object({ number: z.number().int(), start: z.number().int(), end: z.number().int() })),
            pagesKnown: z.boolean(),
          }),
          ...errorResponses,
        },
      },
    }, async (request) => {
      const user = await caseUser(ctx, request, request.params.id);
      return readDocumentPages(s, user, request.params.id, request.params.docId);
    });

    app.get('/api/cases/:id/documents/:docId/pages/:n/image', {
      config: { roles: ['admin', 'intake', 'reviewer'] },
      schema: {
        tags, summary: "Page n (1-based) of an uploaded PDF as a PNG picture (100 dpi), shown beside the page's text in the document viewer; a text file or a page the PDF lacks is 404, no pdftoppm on the server 422 IMR_ERR_PAGE_IMAGE_UNAVAILABLE",
        produces: ['image/png'],
        params: z.object({ id: z.string().min(1).max(80), docId: z.string().min(1).max(80), n: z.coerce.number().int().min(1).max(100_000) }),
        response: { 200: z.any().describe('The page as image/png'), ...errorResponses, 422: errorBodySchema },
      },
    }, async (request, reply) => {
      const user = await caseUser(ctx, request, request.params.id);
      const { png } = await readDocumentPageImage(s, user, request.params.id, request.params.docId, request.params.n);
      return reply.type('image/png').header('x-content-type-options', 'nosniff').send(png);
    });

    app.get('/api/cases/:id/documents/:docId', {
      config: { roles: ['admin', 'intake', 'reviewer'] },
      schema: { tags, summary: 'Download a case document as uploaded (always as an attachment, with its stored content type)', params: z.object({ id: z.string().min(1).max(80), docId: z.string().min(1).max(80) }) },
    }, async (request, reply) => {
      const user = await caseUser(ctx, request, request.params.id);
      const file = await readDocumentFile(s, user, request.params.id, request.params.docId);
      return reply.type(file.mediaType).header('content-disposition', attachmentDisposition(file.name)).send(file.bytes);
    });
  });
};
