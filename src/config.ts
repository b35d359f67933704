import { z } from 'zod';
import { RESPONSE_SERIALIZERS, type ResponseSerializer } from './http/serializer.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/summit-facts.db'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  RESPONSE_SERIALIZER: z.enum(RESPONSE_SERIALIZERS).default('compiled'),
  CACHE_MAX_AGE: z.coerce.number().int().min(0).max(31_536_000).default(0),
  RESPONSE_CACHE_MB: z.coerce.number().min(0).max(65_536).default(64),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  logLevel: (typeof LOG_LEVELS)[number];
  responseSerializer: ResponseSerializer;
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
    throw new ConfigError(`Invalid environment variable ${variable}=${JSON.stringify(env[variable])}: ${issue.message}`);
  }
  const { PORT, HOST, DATABASE_PATH, LOG_LEVEL, RESPONSE_SERIALIZER, CACHE_MAX_AGE, RESPONSE_CACHE_MB } = parsed.data;
  return {
    port: PORT,
    host: HOST,
    databasePath: DATABASE_PATH,
    logLevel: LOG_LEVEL,
    responseSerializer: RESPONSE_SERIALIZER,
    cacheMaxAge: CACHE_MAX_AGE,
    responseCacheBytes: Math.round(RESPONSE_CACHE_MB * 2 ** 20),
  };
}
