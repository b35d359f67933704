import { stringify as csvStringifier } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pipeline, Readable } from 'node:stream';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { z } from 'zod';
import type { ClaimRow, FactRow, ReadModel, SourceRow } from '../db/read-model.js';
import { stringifyAscii } from '../http/json.js';
import { listErrors } from '../schemas/common.js';
import { ClaimListQuery, FactListQuery } from '../schemas/resources.js';
import { checkTopic, claimFilter } from './filters.js';

/** Rows read per page while an export streams: memory stays at one page whatever the corpus. */
const EXPORT_PAGE = 100;

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8; header=present', description: 'CSV, UTF-8, a header row; lists joined with "|"' },
  ndjson: { type: 'application/x-ndjson; charset=utf-8', description: "NDJSON: one JSON object a line, each as the JSON list's item" },
} as const;
type Format = keyof typeof FORMATS;

type Page<T> = { items: T[]; next: Array<string | number> | null };

/**
 * Every item of a paged list, one page at a time, from a snapshot the export alone reads; closed at the
 * end or on abort. After each page the export yields to the event loop: the stream's steps resolve as
 * microtasks, and without a break a fast client would keep every other request waiting to the end.
 */
async function* everyItem<T>(open: () => { readModel: ReadModel; close: () => void }, page: (readModel: ReadModel, after: never | null) => Page<T>): AsyncGenerator<T> {
  const snapshot = open();
  try {
    let after: Array<string | number> | null = null;
    do {
      const { items, next }: Page<T> = page(snapshot.readModel, after as never);
      yield* items;
      after = next;
      await setImmediatePromise();
    } while (after !== null);
  } finally {
    snapshot.close();
  }
}

/** A CSV cell: lists joined with "|", absent values empty, booleans as true/false. */
function cell(value: unknown): string | number {
  if (Array.isArray(value)) return value.join('|');
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  return value as string | number;
}

/** A CSV column: its header and how a list item fills it. */
type Column<T> = [header: string, value: (item: T) => unknown];

/**
 * Streams the items in the format, with backpressure: a page is read only when the client has taken
 * the one before. CSV goes through csv-stringify, which quotes as RFC 4180 asks.
 */
function send<T extends object>(reply: FastifyReply, name: string, format: Format, columns: Array<Column<T>>, items: AsyncIterable<T>): void {
  const source = Readable.from(items);
  const body =
    format === 'ndjson'
      ? pipeline(source, async function* (rows: AsyncIterable<T>) {
          for await (const row of rows) yield `${stringifyAscii(row)}\n`;
        }, () => {})
      : pipeline(source, async function* (rows: AsyncIterable<T>) {
          for await (const row of rows) yield columns.map(([, value]) => cell(value(row)));
        }, csvStringifier({ header: true, columns: columns.map(([header]) => header) }), () => {});
  reply
    .type(FORMATS[format].type)
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(body);
}

const exportResponses = (what: string) => ({
  200: {
    description: `Every ${what} the filters select, in list order, streamed`,
    content: Object.fromEntries(Object.values(FORMATS).map(({ type, description }) => [type.split(';')[0]!, { schema: z.string().describe(description) }])),
  },
  ...listErrors,
});

const CLAIM_COLUMNS: Array<Column<ClaimRow>> = [
  ['id', (claim) => claim.id],
  ['sourceId', (claim) => claim.sourceId],
  ['spanStart', (claim) => claim.span.start],
  ['spanEnd', (claim) => claim.span.end],
  ['text', (claim) => claim.text],
  ['speaker', (claim) => claim.speaker],
  ['quote', (claim) => claim.quote],
  ['checkworthiness', (claim) => claim.checkworthiness],
  ['topics', (claim) => claim.topics],
  ['factIds', (claim) => claim.factIds],
  ['entities', (claim) => [...new Set(claim.entities.map((entity) => entity.name))]],
  ['offEvent', (claim) => claim.offEvent],
];
const FACT_COLUMNS: Array<Column<FactRow>> = [
  ['id', (fact) => fact.id],
  ['statement', (fact) => fact.statement],
  ['sourceCount', (fact) => fact.sourceCount],
  ['claimCount', (fact) => fact.claimCount],
  ['topics', (fact) => fact.topics],
  ['sourceIds', (fact) => fact.sourceIds],
  ['variantKinds', (fact) => fact.variants.map((variant) => variant.kind)],
];
const SOURCE_COLUMNS: Array<Column<SourceRow>> = (['id', 'fileName', 'url', 'title', 'publisher', 'author', 'publishedAt', 'claimCount', 'offEvent'] as const).map(
  (key): Column<SourceRow> => [key, (source) => source[key]],
);

/**
 * Whole lists as files, for spreadsheets and notebooks: `/claims.csv`, `/claims.ndjson` and the same for
 * facts and sources, taking the JSON lists' filters (without limit and cursor), so a browser link or
 * curl gets everything in one answer.
 */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const format of Object.keys(FORMATS) as Format[]) {
    app.get(`/claims.${format}`, {
      schema: {
        tags: ['claims'],
        operationId: `exportClaims${format === 'csv' ? 'Csv' : 'Ndjson'}`,
        summary: `Export claims as ${format.toUpperCase()}`,
        description: `Every claim /claims would list with these filters, as ${FORMATS[format].description}. In CSV, the span is spanStart and spanEnd, entities are their names.`,
        querystring: ClaimListQuery.omit({ limit: true, cursor: true, facet: true, facetSize: true }),
        response: exportResponses('claim'),
      },
      handler: (request, reply) => {
        const filter = claimFilter(app.readModel, request.query);
        send(reply, 'claims', format, CLAIM_COLUMNS, everyItem(app.openSnapshot, (readModel, after: [number, number] | null) => readModel.listClaims(filter, EXPORT_PAGE, after)));
      },
    });

    app.get(`/facts.${format}`, {
      schema: {
        tags: ['facts'],
        operationId: `exportFacts${format === 'csv' ? 'Csv' : 'Ndjson'}`,
        summary: `Export facts as ${format.toUpperCase()}`,
        description: `Every fact /facts would list with these filters, most corroborated first, as ${FORMATS[format].description}. In CSV, sourceIds are the first 20 and variantKinds name where sources differ.`,
        querystring: FactListQuery.omit({ limit: true, cursor: true, facet: true, facetSize: true }),
        response: exportResponses('fact'),
      },
      handler: (request, reply) => {
        const { topic, minSources } = request.query;
        checkTopic(app.readModel, topic);
        send(reply, 'facts', format, FACT_COLUMNS, everyItem(app.openSnapshot, (readModel, after: [number, string] | null) => readModel.listFacts({ topic, minSources }, EXPORT_PAGE, after)));
      },
    });

    app.get(`/sources.${format}`, {
      schema: {
        tags: ['sources'],
        operationId: `exportSources${format === 'csv' ? 'Csv' : 'Ndjson'}`,
        summary: `Export sources as ${format.toUpperCase()}`,
        description: `Every source in ingest order, without its text, as ${FORMATS[format].description}.`,
        querystring: z.strictObject({}),
        response: exportResponses('source'),
      },
      handler: (_request, reply) => {
        send(reply, 'sources', format, SOURCE_COLUMNS, everyItem(app.openSnapshot, (readModel, after: [number] | null) => readModel.listSources(EXPORT_PAGE, after)));
      },
    });
  }
};

export default exportRoutes;
