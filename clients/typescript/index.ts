/**
 * A typed client for the summit-facts API: openapi-fetch over the types openapi-typescript generates from
 * openapi.yaml (./schema.ts). Paths, query parameters, request bodies, answers and problem details are all
 * checked by TypeScript; at run time it is fetch and nothing more.
 *
 *   const api = createSummitFactsClient('http://127.0.0.1:3000');
 *   const { data, error } = await api.GET('/claims', { params: { query: { topic: 'fentanyl' } } });
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** A named schema of the document, e.g. `Schema<'Claim'>` or `Schema<'FactDetail'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** RFC 9457 problem details: the body of every error the API answers (`application/problem+json`). */
export type Problem = Schema<'Problem'>;

/**
 * Answers typed as JSON and errors as problem details: the API's own media types (GET /facts/{id} also
 * speaks JSON-LD when asked).
 */
export type ApiMediaType = 'application/json' | 'application/problem+json';
export type SummitFactsClient = Client<paths, ApiMediaType>;

export interface SummitFactsClientOptions {
  /**
   * An API key the server lists in SUMMIT_FACTS_API_KEYS. It is sent as `Authorization: Bearer <key>` on
   * writes (POST and DELETE) only: reads never need it, so they never carry it.
   */
  apiKey?: string;
  /** The fetch to send requests with; the global one by default. */
  fetch?: ClientOptions['fetch'];
  /** Headers sent with every request, e.g. `If-None-Match` or a `User-Agent`. */
  headers?: ClientOptions['headers'];
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A client for the API served at `baseUrl` (e.g. `http://127.0.0.1:3000`, without a trailing path). */
export function createSummitFactsClient(baseUrl: string, options: SummitFactsClientOptions = {}): SummitFactsClient {
  const { apiKey, fetch, headers } = options;
  const client = createClient<paths, ApiMediaType>({ baseUrl, ...(fetch ? { fetch } : {}), ...(headers ? { headers } : {}) });
  if (apiKey !== undefined) {
    client.use({
      onRequest({ request }) {
        if (!READS.has(request.method)) request.headers.set('authorization', `Bearer ${apiKey}`);
        return request;
      },
    });
  }
  return client;
}
