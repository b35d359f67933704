import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

t.test('defaults', (t) => {
  t.same(loadConfig({}), { port: 3000, host: '127.0.0.1', databasePath: 'data/summit-facts.db', logLevel: 'info', responseSerializer: 'compiled' });
  t.end();
});

t.test('reads each variable', (t) => {
  t.same(loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/tmp/x.db', LOG_LEVEL: 'warn', RESPONSE_SERIALIZER: 'zod' }), {
    port: 8080,
    host: '0.0.0.0',
    databasePath: '/tmp/x.db',
    logLevel: 'warn',
    responseSerializer: 'zod',
  });
  t.end();
});

const bad: Array<[NodeJS.ProcessEnv, RegExp]> = [
  [{ PORT: 'eighty' }, /^Invalid environment variable PORT="eighty"/],
  [{ PORT: '70000' }, /^Invalid environment variable PORT="70000"/],
  [{ LOG_LEVEL: 'loud' }, /^Invalid environment variable LOG_LEVEL="loud"/],
  [{ RESPONSE_SERIALIZER: 'fast' }, /^Invalid environment variable RESPONSE_SERIALIZER="fast"/],
];
for (const [env, message] of bad) {
  t.test(`rejects ${JSON.stringify(env)} naming the variable`, (t) => {
    t.throws(() => loadConfig(env), { constructor: ConfigError, message });
    t.end();
  });
}
