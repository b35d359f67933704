import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI reference naming the kind of problem'),
    title: z.string().describe('Short, human-readable summary of the kind of problem'),
    status: z.number().int().describe('The HTTP status code'),
    detail: z.string().describe('What went wrong with this request, and how to fix it'),
    instance: z.string().optional().describe('The request path'),
    invalidParams: z
      .array(z.object({ name: z.string(), reason: z.string() }))
      .optional()
      .describe('Each invalid parameter, by name, with the reason'),
    validValues: z.array(z.string()).optional().describe('The values a parameter accepts, when it names one of a set'),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem details object, served as application/problem+json for every error.',
    examples: [
      {
        type: 'urn:summit-facts:problem:invalid-parameter',
        title: 'Invalid request parameter',
        status: 400,
        detail: 'querystring/limit: Too big: expected number to be <=100',
        instance: '/claims?limit=1000',
        invalidParams: [{ name: 'limit', reason: 'Too big: expected number to be <=100' }],
      },
    ],
  });

export type Problem = z.infer<typeof ProblemSchema>;

/**
 * Error responses every operation documents; routes add 404 where they look up one resource. 429 is the
 * rate limit, 503 load shedding (both with Retry-After).
 */
export const serviceErrors = { 429: ProblemSchema, 500: ProblemSchema, 503: ProblemSchema } as const;
/** Reads carry an ETag: a request whose If-None-Match still matches is answered 304, without a body. */
export const notModified = { 304: z.null().describe('Not Modified: the ETag in If-None-Match is current; no body') } as const;
/**
 * A 400 documented with its own description: given as a bare schema it would read "Default Response",
 * and a described copy of Problem would be inlined instead of referenced.
 */
const badRequest = (description: string) => ({ description, content: { 'application/json': { schema: ProblemSchema } } }) as const;
const readBadRequest = badRequest(
  'Invalid request: a parameter value that is not valid, or a query parameter this operation does not take ' +
    '(it takes only those listed). invalidParams names each.',
);
export const listErrors = { ...notModified, 400: readBadRequest, ...serviceErrors } as const;
export const itemErrors = { ...notModified, 400: readBadRequest, 404: ProblemSchema, ...serviceErrors } as const;
/** Write routes add authentication, body and availability errors. */
export const writeErrors = {
  400: badRequest('Invalid request: a path parameter or body field that is not valid, or a body field or query parameter this operation does not take. invalidParams names each.'),
  401: ProblemSchema,
  403: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
  ...serviceErrors,
} as const;

export const SpanSchema = z
  .object({
    start: z.number().int().min(0).describe('Offset of the first character, in UTF-16 code units'),
    end: z.number().int().min(0).describe('Offset just past the last character'),
  })
  .describe('Half-open range into the source text: source.text.slice(start, end) is the quoted text')
  .meta({ id: 'Span' });

/** Opaque cursors: base64url of the last served item's sort key. */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export const CURSOR_HELP = 'malformed cursor: pass back the nextCursor of a previous page unchanged';

export function cursorParam<Key extends z.ZodTypeAny>(key: Key) {
  return z
    .string()
    .max(512)
    .transform((value, context): z.output<Key> => {
      let decoded: unknown;
      try {
        if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error('not base64url');
        decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const parsed = key.safeParse(decoded);
      if (!parsed.success) {
        context.addIssue({ code: 'custom', message: CURSOR_HELP });
        return z.NEVER;
      }
      return parsed.data;
    })
    .optional()
    .describe('Opaque cursor from the nextCursor of the previous page');
}

export const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(20)
  .describe('Items per page, 1 to 100');

export function pageOf<Item extends z.ZodTypeAny>(item: Item) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null on the last page'),
  });
}

/** A read model page as the list envelope; what else it carries (facets) goes beside items. */
export function toPage<T, Extra extends object>(page: { items: T[]; next: Array<string | number> | null } & Extra) {
  const { items, next, ...extra } = page;
  return { items, nextCursor: next ? encodeCursor(next) : null, ...extra };
}
