import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem } from '../schemas/common.js';

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
    .send({ ...problem, instance: request.url } satisfies Problem);
}

/** Every error leaves as RFC 9457 problem details; a 5xx never carries internals. */
export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) {
    return send(reply, request, { type: PROBLEM_TYPE + error.kind, title: error.title, status: error.status, detail: error.detail, ...error.extra });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const invalidParams = error.validation.map((issue) => ({
      name: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext || 'request',
      reason: issue.message ?? 'invalid',
    }));
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
    return send(reply, request, { type: `${PROBLEM_TYPE}bad-request`, title: 'Bad request', status, detail: error.message });
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
