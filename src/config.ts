import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Long enough that guessing is hopeless even without the rate limit; `openssl rand -hex 32` gives 64. */
export const MIN_API_KEY_LENGTH = 16;

const milliseconds = (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/summit-facts.db'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LEXICON_DIR: z.string().min(1).default('seeds'),
  SUMMIT_FACTS_API_KEYS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((key) => key.trim()).filter((key) => key !== ''))
    .refine((keys) => keys.every((key) => key.length >= MIN_API_KEY_LENGTH), `every key needs at least ${MIN_API_KEY_LENGTH} characters`)
    .refine((keys) => keys.every((key) => /^[A-Za-z0-9\-._~+/]+=*$/.test(key)), 'keys may hold letters, digits and - . _ ~ + / only (then = padding)'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  RATE_LIMIT_MAX: count(600),
  RATE_LIMIT_WRITE_MAX: count(60),
  RATE_LIMIT_WINDOW_MS: milliseconds(60_000).refine((value) => value > 0, 'must be above 0'),
  MAX_EVENT_LOOP_DELAY_MS: milliseconds(1000),
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  CONNECTION_TIMEOUT_MS: milliseconds(60_000),
  SHUTDOWN_TIMEOUT_MS: milliseconds(10_000),
  CACHE_MAX_AGE: z.coerce.number().int().min(0).max(31_536_000).default(0),
  RESPONSE_CACHE_MB: z.coerce.number().min(0).max(65_536).default(64),
});

/** Variables whose value must never be printed, not even in a start-up error. */
const SECRET_VARIABLES = new Set(['SUMMIT_FACTS_API_KEYS']);

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Where taxonomy.yaml and entities.yaml live: the ingest CLI and the write path extract with them. */
  lexiconDir: string;
  /** Keys allowed to write; none leaves the API read-only (write routes answer 403). */
  apiKeys: string[];
  bodyLimitBytes: number;
  rateLimit: { max: number; writeMax: number; windowMs: number };
  /** Above this event-loop delay requests get 503; 0 turns the check off. */
  maxEventLoopDelayMs: number;
  /** The whole request must arrive within this (0: no limit). */
  requestTimeoutMs: number;
  /** An idle socket is closed after this (0: never). */
  connectionTimeoutMs: number;
  /** How long shutdown waits for in-flight requests before it gives up and exits 1. */
  shutdownTimeoutMs: number;
  /** Seconds clients may reuse a response without revalidating. */
  cacheMaxAge: number;
  /** Bytes of responses the server keeps for the current data version. */
  responseCacheBytes: number;
};

export class ConfigError extends Error {}

/** Parses the environment once; a bad value names its variable in one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = ConfigSchema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    const shown = SECRET_VARIABLES.has(variable) ? '' : `=${JSON.stringify(env[variable])}`;
    throw new ConfigError(`Invalid environment variable ${variable}${shown}: ${issue.message}`);
  }
  const data = parsed.data;
  return {
    port: data.PORT,
    host: data.HOST,
    databasePath: data.DATABASE_PATH,
    logLevel: data.LOG_LEVEL,
    lexiconDir: data.LEXICON_DIR,
    apiKeys: data.SUMMIT_FACTS_API_KEYS,
    bodyLimitBytes: data.BODY_LIMIT_BYTES,
    rateLimit: { max: data.RATE_LIMIT_MAX, writeMax: data.RATE_LIMIT_WRITE_MAX, windowMs: data.RATE_LIMIT_WINDOW_MS },
    maxEventLoopDelayMs: data.MAX_EVENT_LOOP_DELAY_MS,
    requestTimeoutMs: data.REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: data.CONNECTION_TIMEOUT_MS,
    shutdownTimeoutMs: data.SHUTDOWN_TIMEOUT_MS,
    cacheMaxAge: data.CACHE_MAX_AGE,
    responseCacheBytes: Math.round(data.RESPONSE_CACHE_MB * 2 ** 20),
  };
}
