import type { Problem } from '../schemas/common.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE = 'urn:summit-facts:problem:';

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

