import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { stringifyAscii } from '../http/json.js';
import { HttpProblem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE } from '../http/problems.js';
import type { Problem } from '../schemas/common.js';

function send(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'instance'>): FastifyReply {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    // Its own serialiser, so a problem reads the same from every context, schema or not (404s, framework errors).
    .serializer(stringifyAscii)
    .send({ ...problem, instance: request.url } satisfies Problem);
}

/** Errors Fastify raises before a handler runs (body parsing, URL decoding), by code. */
function frameworkProblem(error: FastifyError, request: FastifyRequest): Omit<Problem, 'instance'> | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        type: `${PROBLEM_TYPE}payload-too-large`,
        title: 'Payload too large',
        status: 413,
        detail: `The request body is larger than this operation accepts (${request.routeOptions.bodyLimit ?? 'the limit'} bytes)`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        type: `${PROBLEM_TYPE}unsupported-media-type`,
        title: 'Unsupported media type',
        status: 415,
        detail: 'This operation accepts a JSON body only: send it with Content-Type: application/json',
      };
    case 'FST_ERR_MAX_PARAM_LENGTH': {
      // Fastify calls this 414, but the URI is not too long for HTTP: one parameter is for the API.
      const reason = 'longer than any id or slug (100 characters)';
      return {
        type: `${PROBLEM_TYPE}invalid-parameter`,
        title: 'Invalid request parameter',
        status: 400,
        detail: `path: ${reason}`,
        invalidParams: [{ name: 'path', reason }],
      };
    }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { type: `${PROBLEM_TYPE}invalid-body`, title: 'Invalid request body', status: 400, detail: error.message };
    default:
      return null;
  }
}

/**
 * Why a key the schema does not name is refused. For a query parameter (often a misspelt filter) the
 * reason lists those the operation takes, so the client can see which one it meant.
 */
function unknownKeyReason(request: FastifyRequest, context: string | undefined): string {
  if (context !== 'querystring') return 'not a field this operation accepts';
  const query = request.routeOptions.schema?.querystring;
  const accepted = query instanceof z.ZodObject ? Object.keys(query.shape) : [];
  return `unknown query parameter; this operation takes ${accepted.length ? accepted.join(', ') : 'none'}`;
}

/** Every error leaves as RFC 9457 problem details; a 5xx never carries internals. */
export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) {
    reply.headers(error.headers);
    return send(reply, request, { type: PROBLEM_TYPE + error.kind, title: error.title, status: error.status, detail: error.detail, ...error.extra });
  }
  const framework = frameworkProblem(error, request);
  if (framework) return send(reply, request, framework);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const invalidParams = error.validation.flatMap((issue) => {
      const keys = (issue.params as { keys?: unknown }).keys;
      if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        // Name each unknown key, not the object holding them; a hostile name is cut short.
        const reason = unknownKeyReason(request, error.validationContext);
        return keys.map((key) => ({ name: String(key).slice(0, 100), reason }));
      }
      return [{ name: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext || 'request', reason: issue.message ?? 'invalid' }];
    });
    return send(reply, request, {
      type: `${PROBLEM_TYPE}invalid-parameter`,
      title: 'Invalid request parameter',
      status: 400,
      detail: invalidParams.map((param) => `${param.name}: ${param.reason}`).join('; '),
      invalidParams,
    });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // A JSON syntax error or a forbidden __proto__ key in the body, a malformed URL, …: the client's mistake.
    const title = status === 400 ? 'Bad request' : (STATUS_CODES[status] ?? 'Client error');
    return send(reply, request, { type: PROBLEM_TYPE + title.toLowerCase().replaceAll(' ', '-'), title, status, detail: error.message });
  }
  request.log.error({ err: error }, 'request failed');
  return send(reply, request, {
    type: `${PROBLEM_TYPE}internal`,
    title: 'Internal Server Error',
    status: 500,
    detail: 'The server could not answer this request. The error has been logged.',
  });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, request, {
    type: `${PROBLEM_TYPE}not-found`,
    title: 'Not found',
    status: 404,
    detail: `No route ${request.method} ${request.url.split('?')[0]}; see /docs for the operations this API serves`,
  });
}

/**
 * Requests Node refuses before Fastify sees them (a malformed request line, headers over the size
 * limit, a body that does not arrive within the request timeout) still get problem details, written
 * straight to the socket, which is then closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request did not arrive in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request line and headers are larger than the server accepts']
        : [400, 'The request is not valid HTTP'];
  const title = STATUS_CODES[status]!;
  const body = stringifyAscii({ type: PROBLEM_TYPE + title.toLowerCase().replaceAll(' ', '-'), title, status, detail } satisfies Problem);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // end() flushes the answer before closing, as Node's own handler does.
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Every error leaves as RFC 9457 problem details: thrown problems, validation errors, unknown routes.
 * Errors Fastify or Node raise before any plugin runs are answered by `problemErrorHandler` (the
 * `frameworkErrors` option) and `clientErrorHandler` (the `clientErrorHandler` option), given when the
 * app is built.
 */
export default fp(
  async (app) => {
    app.setErrorHandler(problemErrorHandler);
    app.setNotFoundHandler(notFoundHandler);
  },
  { name: 'problems' },
);
