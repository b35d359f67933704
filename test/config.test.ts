import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

t.test('defaults', (t) => {
  t.same(loadConfig({}), {
    port: 3000,
    host: '127.0.0.1',
    databasePath: 'data/summit-facts.db',
    logLevel: 'info',
    responseSerializer: 'compiled',
    cacheMaxAge: 0,
    responseCacheBytes: 64 * 2 ** 20,
  });
  t.end();
});

t.test('reads each variable', (t) => {
  const env = { PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/tmp/x.db', LOG_LEVEL: 'warn', RESPONSE_SERIALIZER: 'zod', CACHE_MAX_AGE: '60', RESPONSE_CACHE_MB: '0.5' };
  t.same(loadConfig(env), {
    port: 8080,
    host: '0.0.0.0',
    databasePath: '/tmp/x.db',
    logLevel: 'warn',
    responseSerializer: 'zod',
    cacheMaxAge: 60,
    responseCacheBytes: 524_288,
  });
  t.end();
});

const bad: Array<[NodeJS.ProcessEnv, RegExp]> = [
  [{ PORT: 'eighty' }, /^Invalid environment variable PORT="eighty"/],
  [{ PORT: '70000' }, /^Invalid environment variable PORT="70000"/],
  [{ LOG_LEVEL: 'loud' }, /^Invalid environment variable LOG_LEVEL="loud"/],
  [{ RESPONSE_SERIALIZER: 'fast' }, /^Invalid environment variable RESPONSE_SERIALIZER="fast"/],
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
