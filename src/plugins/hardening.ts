import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hookList, READ_METHODS, routeMayWrite } from '../http/methods.js';
import { tooManyRequests, unavailable } from '../http/problems.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Read by @fastify/cors: `false` answers the route without CORS headers. */
    cors?: false;
    /**
     * `document`: the route answers an HTML page for people (the reader), which gets a document's
     * security headers instead of the API's: its CSP lets the page load its own stylesheet and submit
     * its own forms, and nothing else.
     */
    securityHeaders?: 'document';
  }
}

export type HardeningOptions = {
  /** Requests per client address and window (429 above it); write routes set their own, lower limit. Off when absent. */
  rateLimit?: { max: number; windowMs: number };
  /** Mean event-loop delay (ms) above which requests are shed with 503; 0: never. */
  maxEventLoopDelayMs: number;
};

/** Seconds a client is told to wait when the server sheds load. */
export const PRESSURE_RETRY_AFTER = 2;

/**
 * The security headers OWASP's REST Security Cheat Sheet asks of an API's answers: nothing may frame
 * them, run or load anything from them, or sniff them into another type, and browsers keep to HTTPS.
 * Helmet's other headers (referrer, cross-origin and download policies, X-XSS-Protection, DNS
 * prefetch) govern HTML documents; Swagger UI's pages get them, the JSON does not. Every header is
 * one more line each client parses per answer.
 */
export const API_SECURITY_HEADERS = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  strictTransportSecurity: true,
  xContentTypeOptions: true,
  xFrameOptions: { action: 'deny' },
  xPoweredBy: true,
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const satisfies Parameters<typeof helmet>[0];

/**
 * The headers helmet writes for these options, read once: with no nonces or per-request policies
 * they are the same on every answer. Helmet still decides the values; recording them keeps helmet's
 * middleware off the response itself, where its setHeader calls pushed Node's writeHead onto its slow
 * path (every other header set and validated a second time).
 */
export function recordHelmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

const API_HEADERS = recordHelmetHeaders(API_SECURITY_HEADERS);

/**
 * Helmet's set for HTML documents with a CSP that fits pages with no script at all: the page's own
 * stylesheet, and forms that submit to this server. Nothing inline, so an injected tag could neither run
 * nor restyle the page; no `upgrade-insecure-requests`, which would send the stylesheet's request to
 * https on a server that speaks plain http on the loopback.
 */
export const DOCUMENT_SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], styleSrc: ["'self'"], formAction: ["'self'"], baseUri: ["'none'"], frameAncestors: ["'none'"] },
  },
  xFrameOptions: { action: 'deny' },
} as const satisfies Parameters<typeof helmet>[0];

const DOCUMENT_HEADERS = recordHelmetHeaders(DOCUMENT_SECURITY_HEADERS);

/** Swaps the API's headers for a document's, on the routes whose config asks for it. */
const setDocumentSecurityHeaders: onRequestHookHandler = (_request, reply, done) => {
  for (const name of Object.keys(API_HEADERS)) reply.removeHeader(name);
  reply.headers(DOCUMENT_HEADERS);
  done();
};

/** Sets the API's security headers on every answer, errors included. */
const setApiSecurityHeaders: onRequestHookHandler = (_request, reply, done) => {
  reply.headers(API_HEADERS);
  done();
};

/**
 * For HTML documents (Swagger UI), which get @fastify/helmet's document set instead: it writes on the
 * raw response, and the reply's own headers would override it when the answer is sent.
 */
export const dropApiSecurityHeaders: onRequestHookHandler = (_request, reply, done) => {
  for (const name of Object.keys(API_HEADERS)) reply.removeHeader(name);
  done();
};

/**
 * CORS for reads only: any origin may GET or HEAD, and a preflight asking for either is answered. A
 * write route answers without CORS headers, and a preflight asking for another method is refused
 * (404 problem details, no CORS headers), so browsers on other origins cannot write with a visitor's
 * network position. The read policy is static, so the CORS plugin builds it once rather than per request.
 */
const READ_CORS = { origin: '*', methods: [...READ_METHODS], maxAge: 600 };

function preflightMethod(request: FastifyRequest): string {
  return String(request.headers['access-control-request-method'] ?? '').toUpperCase();
}

const refuseWritePreflights: onRequestHookHandler = (request, reply, done) => {
  if (request.method === 'OPTIONS' && !READ_METHODS.has(preflightMethod(request))) return reply.callNotFound();
  done();
};

/**
 * What stands between a client and the routes: load shedding first, so an overloaded server refuses
 * work before doing any; the API's security headers; CORS for reads only; and a rate limit per client
 * address (an IPv6 client by its /64 network, as @fastify/rate-limit counts by default).
 */
export default fp<HardeningOptions>(
  async (app, { rateLimit: limits, maxEventLoopDelayMs }) => {
    if (maxEventLoopDelayMs > 0) {
      await app.register(underPressure, {
        maxEventLoopDelay: maxEventLoopDelayMs,
        pressureHandler: async () => {
          throw unavailable('The server is overloaded; retry shortly', PRESSURE_RETRY_AFTER);
        },
      });
    }
    app.addHook('onRequest', setApiSecurityHeaders);
    app.addHook('onRoute', (route) => {
      if (routeMayWrite(route)) route.config = { ...route.config, cors: false };
      // A route hook runs after the app's, so it replaces what setApiSecurityHeaders wrote.
      if (route.config?.securityHeaders === 'document') route.onRequest = [...hookList(route.onRequest), setDocumentSecurityHeaders];
    });
    app.addHook('onRequest', refuseWritePreflights);
    await app.register(cors, READ_CORS);
    if (limits) {
      await app.register(rateLimit, {
        global: true,
        max: limits.max,
        timeWindow: limits.windowMs,
        errorResponseBuilder: (_request, context) => tooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
        // The limit's headers go on the 429 only (with Retry-After): on every other answer they were three
        // more lines each client parses, which cost the read routes a measurable share of their rate.
        addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
      });
    }
  },
  { name: 'hardening' },
);
