import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';

/** Answers a request completely and returns true, or returns false and leaves it to Fastify. */
export type EarlyAnswer = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * The HTTP server, with one place to answer a request before Fastify routes it. The response cache
 * uses it for answers it already holds (plugins/http-cache.ts): routing, the request and reply
 * objects, the request logger and the hooks of every answer cost more server time than writing the
 * stored bytes (docs/performance.md). Everything else, and any request the early answer declines,
 * goes through Fastify as before.
 */
export class EarlyAnswers {
  private answer: EarlyAnswer | null = null;

  use(answer: EarlyAnswer): void {
    this.answer = answer;
  }

  /**
   * For Fastify's `serverFactory` option. A server Fastify does not create itself it does not set up
   * either, so this applies the same options and timeouts its own HTTP/1 server would get.
   */
  readonly serverFactory: FastifyServerFactory = (handler, fastifyOptions) => {
    // Fastify has applied its defaults to these by now (fastify.js, before it creates a server).
    const options = fastifyOptions as { http?: ServerOptions | null; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number; maxRequestsPerSocket?: number };
    const server = createServer(options.http ?? {}, (request, response) => {
      if (this.answer === null || !this.answer(request, response)) handler(request, response);
    });
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}
