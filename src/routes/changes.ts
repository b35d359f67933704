import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalidParameter } from '../http/problems.js';
import { encodeCursor, listErrors } from '../schemas/common.js';
import { ChangeFeedQuery, ChangeFeedSchema, ChangeStreamQuery, ChangeStreamSchema } from '../schemas/resources.js';

export type ChangeRouteOptions = {
  /** How often an open change stream looks for new commits, in ms. */
  streamPollMs?: number;
  /** How often an idle change stream sends a comment, so proxies keep it open, in ms. */
  streamKeepAliveMs?: number;
};

const STREAM_PAGE = 100;

/** A stream is never stored or revalidated: no 304. */
const { 304: _notModified, ...streamErrors } = listErrors;

/** An event id is the same opaque cursor as since, so it is decoded by the same schema. */
const eventIdCursor = ChangeStreamQuery.shape.since.unwrap();

/**
 * The change feed: what was added, removed, created, grown or shrunk since a cursor, in commit order,
 * for a service that keeps a copy in sync by polling with the cursor it was last given, or by keeping
 * a stream of Server-Sent Events open.
 */
const changeRoutes: FastifyPluginAsyncZod<ChangeRouteOptions> = async (app, { streamPollMs = 500, streamKeepAliveMs = 15_000 }) => {
  app.get('/changes', {
    schema: {
      tags: ['changes'],
      operationId: 'listChanges',
      summary: 'Changes since a cursor',
      description:
        'Sources added or removed and facts created, grown, shrunk or removed, in the order their writes ' +
        'committed (API writes and CLI ingests alike). Read from the start, the feed describes the whole ' +
        'database; then send back nextCursor as since. A fact that grew or shrank is re-read at /facts/{id}.',
      querystring: ChangeFeedQuery,
      response: { 200: ChangeFeedSchema, ...listErrors },
    },
    handler: (request) => {
      const after = request.query.since?.[0] ?? 0;
      const rows = app.readModel.listChanges(after, request.query.limit);
      return {
        items: rows.map(({ kind, id, claimCount }) => ({ kind, id, claimCount })),
        nextCursor: encodeCursor([rows.at(-1)?.seq ?? after]),
      };
    },
  });

  // Open streams end before the server closes, which would otherwise wait for them.
  const open = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const end of open) end();
    done();
  });

  app.get('/changes/stream', {
    config: { cache: 'no-store' },
    schema: {
      tags: ['changes'],
      operationId: 'streamChanges',
      summary: 'Changes as they commit, as Server-Sent Events',
      description:
        'The change feed kept open: every change since the cursor at once, then each new one as its write ' +
        'commits, as an event named "change" whose id resumes the stream after it (an EventSource sends it back ' +
        'as Last-Event-ID when it reconnects). The same changes, in the same order, as /changes.',
      querystring: ChangeStreamQuery,
      response: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: ChangeStreamSchema } } }, ...streamErrors },
    },
    handler: (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      let after = request.query.since?.[0] ?? 0;
      if (typeof lastEventId === 'string' && lastEventId !== '') {
        const cursor = eventIdCursor.safeParse(lastEventId);
        if (!cursor.success) throw invalidParameter('Last-Event-ID', 'malformed event id: send back the id of an event of this stream unchanged');
        after = cursor.data[0];
      }
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
      out.write(`retry: ${Math.max(streamPollMs, 1000)}\n\n`);
      let version: string | null = null;
      // Changes left unsent while a slow client drained what it had.
      let behind = false;
      let quietSince = Date.now();
      /** Sends every change after the last one sent; whether it sent any. */
      const sendNew = (): boolean => {
        let sent = false;
        for (;;) {
          // A client that reads slowly is sent nothing more until it has drained what it was sent.
          if (out.writableNeedDrain) {
            behind = true;
            return sent;
          }
          const rows = app.readModel.listChanges(after, STREAM_PAGE);
          for (const { seq, kind, id, claimCount } of rows) {
            out.write(`id: ${encodeCursor([seq])}\nevent: change\ndata: ${JSON.stringify({ kind, id, claimCount })}\n\n`);
            after = seq;
            sent = true;
          }
          if (rows.length < STREAM_PAGE) {
            behind = false;
            return sent;
          }
        }
      };
      const tick = () => {
        // The data version changes with every commit: between commits there is nothing to read.
        const now = app.dataVersion();
        if (now !== version || behind) {
          version = now;
          if (sendNew()) quietSince = Date.now();
        }
        if (Date.now() - quietSince >= streamKeepAliveMs) {
          out.write(': keep-alive\n\n');
          quietSince = Date.now();
        }
      };
      const timer = setInterval(tick, streamPollMs);
      const end = () => {
        clearInterval(timer);
        open.delete(end);
        if (!out.writableEnded) out.end();
      };
      open.add(end);
      request.raw.on('close', end);
      tick();
    },
  });
};

export default changeRoutes;
