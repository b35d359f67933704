import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problems.js';

const REALM = 'summit-facts';

/** SHA-256 makes every key 32 bytes, so keys of any length compare in the same time. */
const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** The keys allowed to write. Only their digests are kept; a key is never logged or echoed. */
export class ApiKeys {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get writesEnabled(): boolean {
    return this.digests.length > 0;
  }

  /** Compares with every key, in constant time, without stopping at a match. */
  accepts(presented: string): boolean {
    const candidate = digest(presented);
    let accepted = false;
    for (const known of this.digests) accepted = timingSafeEqual(candidate, known) || accepted;
    return accepted;
  }
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750), or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

export const WRITES_DISABLED_DETAIL =
  'This server accepts no writes: set SUMMIT_FACTS_API_KEYS to one or more comma-separated keys of at least ' +
  '16 characters and restart it, then send one of them as Authorization: Bearer <key>';

/**
 * A preParsing hook for write routes: after the rate limit (onRequest), so guessing keys is throttled,
 * and before the body is read, so strangers cannot make the server parse one.
 */
export function requireApiKey(keys: ApiKeys) {
  return async <Payload>(request: FastifyRequest, _reply: FastifyReply, payload: Payload): Promise<Payload> => {
    if (!keys.writesEnabled) throw new HttpProblem(403, 'writes-disabled', 'Writes are disabled', WRITES_DISABLED_DETAIL);
    const token = bearerToken(request.headers.authorization);
    if (token === null) {
      throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'This operation needs an API key: send Authorization: Bearer <key>', {}, {
        'www-authenticate': `Bearer realm="${REALM}"`,
      });
    }
    if (!keys.accepts(token)) {
      throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'The API key is not valid', {}, {
        'www-authenticate': `Bearer realm="${REALM}", error="invalid_token"`,
      });
    }
    return payload;
  };
}
