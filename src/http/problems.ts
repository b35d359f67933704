import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Problem } from '../schemas/common.js';
import { stringifyAscii } from './ascii-json.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE = 'urn:summit-facts:problem:';

/** An error a handler throws on purpose; the error handler turns it into problem details. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: Pick<Problem, 'invalidParams' | 'validValues'> = {},
    /** Headers the status calls for: WWW-Authenticate on 401, Retry-After on 429 and 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export function notFound(what: string, id: string): HttpProblem {
  return new HttpProblem(404, 'not-found', 'Not found', `No ${what} has the id "${id}"`);
}

export function invalidParameter(name: string, reason: string, validValues?: string[]): HttpProblem {
  return new HttpProblem(400, 'invalid-parameter', 'Invalid request parameter', `${name}: ${reason}`, {
    invalidParams: [{ name, reason }],
    ...(validValues ? { validValues } : {}),
  });
}

function send(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'instance'>): FastifyReply {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    // Its own serialiser, so a problem reads the same from every context, schema or not (404s, framework errors).
    .serializer(stringifyAscii)
    .send({ ...problem, instance: request.url } satisfies Problem);
}

export function tooManyRequests(retryAfterSeconds: number): HttpProblem {
  return new HttpProblem(
    429,
    'rate-limited',
    'Too many requests',
    `This client sent more requests than the rate limit allows; retry after ${retryAfterSeconds} s`,
    {},
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function unavailable(detail: string, retryAfterSeconds: number): HttpProblem {
  return new HttpProblem(503, 'unavailable', 'Service unavailable', detail, {}, { 'retry-after': String(retryAfterSeconds) });
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
