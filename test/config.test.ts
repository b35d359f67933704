import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

const DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  databasePath: 'data/summit-facts.db',
  logLevel: 'info',
  lexiconDir: 'seeds',
  apiKeys: [],
  bodyLimitBytes: 1048576,
  rateLimit: { max: 600, writeMax: 60, windowMs: 60000 },
  maxEventLoopDelayMs: 1000,
  requestTimeoutMs: 30000,
  connectionTimeoutMs: 60000,
  shutdownTimeoutMs: 10000,
  cacheMaxAge: 0,
  responseCacheBytes: 64 * 2 ** 20,
};

t.test('defaults', (t) => {
  t.same(loadConfig({}), DEFAULTS);
  t.end();
});

t.test('reads each variable', (t) => {
  t.same(
    loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/tmp/x.db',
      LOG_LEVEL: 'warn',
      LEXICON_DIR: '/etc/summit-facts',
      SUMMIT_FACTS_API_KEYS: ' key-one-0123456789abcdef , key-two-0123456789abcdef,',
      BODY_LIMIT_BYTES: '65536',
      RATE_LIMIT_MAX: '100',
      RATE_LIMIT_WRITE_MAX: '5',
      RATE_LIMIT_WINDOW_MS: '1000',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      REQUEST_TIMEOUT_MS: '5000',
      CONNECTION_TIMEOUT_MS: '7000',
      SHUTDOWN_TIMEOUT_MS: '3000',
      CACHE_MAX_AGE: '60',
      RESPONSE_CACHE_MB: '0.5',
    }),
    {
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/tmp/x.db',
      logLevel: 'warn',
      lexiconDir: '/etc/summit-facts',
      apiKeys: ['key-one-0123456789abcdef', 'key-two-0123456789abcdef'],
      bodyLimitBytes: 65536,
      rateLimit: { max: 100, writeMax: 5, windowMs: 1000 },
      maxEventLoopDelayMs: 0,
      requestTimeoutMs: 5000,
      connectionTimeoutMs: 7000,
      shutdownTimeoutMs: 3000,
      cacheMaxAge: 60,
      responseCacheBytes: 524_288,
    },
  );
  t.end();
});

t.test('a bad key is named by its variable, never printed', (t) => {
  for (const keys of ['short', 'good-key-0123456789abcdef,short', 'has a space 0123456789abcdef']) {
    t.throws(() => loadConfig({ SUMMIT_FACTS_API_KEYS: keys }), { constructor: ConfigError, message: /^Invalid environment variable SUMMIT_FACTS_API_KEYS: / });
    try {
      loadConfig({ SUMMIT_FACTS_API_KEYS: keys });
    } catch (error) {
      t.notMatch((error as Error).message, keys.split(',')[0]!, 'the value is not in the message');
    }
  }
  t.end();
});

const bad: Array<[NodeJS.ProcessEnv, RegExp]> = [
  [{ PORT: 'eighty' }, /^Invalid environment variable PORT="eighty"/],
  [{ PORT: '70000' }, /^Invalid environment variable PORT="70000"/],
  [{ LOG_LEVEL: 'loud' }, /^Invalid environment variable LOG_LEVEL="loud"/],
  [{ BODY_LIMIT_BYTES: '10' }, /^Invalid environment variable BODY_LIMIT_BYTES="10"/],
  [{ RATE_LIMIT_MAX: '0' }, /^Invalid environment variable RATE_LIMIT_MAX="0"/],
  [{ RATE_LIMIT_WINDOW_MS: '0' }, /^Invalid environment variable RATE_LIMIT_WINDOW_MS="0"/],
  [{ REQUEST_TIMEOUT_MS: '-1' }, /^Invalid environment variable REQUEST_TIMEOUT_MS="-1"/],
  [{ CACHE_MAX_AGE: '-1' }, /^Invalid environment variable CACHE_MAX_AGE="-1"/],
  [{ CACHE_MAX_AGE: '1.5' }, /^Invalid environment variable CACHE_MAX_AGE="1.5"/],
  [{ RESPONSE_CACHE_MB: 'lots' }, /^Invalid environment variable RESPONSE_CACHE_MB="lots"/],
];
for (const [env, message] of bad) {
  t.test(`rejects ${JSON.stringify(env)} naming the variable`, (t) => {
    t.throws(() => loadConfig(env), { constructor: ConfigError, message });
    t.end();
  });
}
