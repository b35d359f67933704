import helmet from 'helmet';
import type { onRequestHookHandler } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The security headers OWASP's REST Security Cheat Sheet asks of an API's answers: nothing may frame
 * them, run or load anything from them, or sniff them into another type, and browsers keep to HTTPS.
 * Helmet's other headers (referrer, cross-origin and download policies, X-XSS-Protection, DNS
 * prefetch) govern HTML documents; Swagger UI's pages get them, the JSON does not. Every header is
 * one more line each client parses per answer, which at this API's rates is a measurable share of
 * the work (docs/performance.md).
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
 * path (every other header set and validated a second time), about a fifth of the server's own time
 * per cached answer (docs/performance.md).
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

/** Sets the API's security headers on every answer, errors included. */
export const setApiSecurityHeaders: onRequestHookHandler = (_request, reply, done) => {
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
