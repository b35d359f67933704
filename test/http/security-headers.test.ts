import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { API_SECURITY_HEADERS, recordHelmetHeaders } from '../../src/plugins/hardening.js';
import { seededDb } from '../helpers/seeded-db.js';

t.test('the recorded headers are exactly those helmet sets on a real response', async (t) => {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  response.setHeader('X-Powered-By', 'something');
  await new Promise<void>((resolve, reject) => helmet(API_SECURITY_HEADERS)(request, response, (error?: unknown) => (error ? reject(error) : resolve())));
  const set = Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));

  const recorded = recordHelmetHeaders(API_SECURITY_HEADERS);
  t.same(recorded, set);
  t.ok(Object.keys(recorded).length >= 4, 'CSP, HSTS, nosniff and frame options');
  t.notOk('x-powered-by' in recorded, 'helmet removes X-Powered-By rather than setting it');
});

t.test('JSON answers leave every header to the reply, so Node writes them in one pass', async (t) => {
  const { db } = await seededDb(t);
  const app = await buildApp({ db, rateLimit: { max: 1000, writeMax: 10, windowMs: 60_000 } });
  t.teardown(() => app.close());
  // Over a socket: the injected responses of tests set headers of their own.
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const written: string[] = [];
  const setHeader = ServerResponse.prototype.setHeader;
  ServerResponse.prototype.setHeader = function (this: ServerResponse, name: string, value: number | string | readonly string[]) {
    written.push(name);
    return setHeader.call(this, name, value);
  };
  t.teardown(() => {
    ServerResponse.prototype.setHeader = setHeader;
  });

  for (const url of ['/topics', '/topics', '/claims?topic=fentanyl', '/claims?limit=0', '/no/such/route']) {
    written.length = 0;
    const response = await fetch(base + url, { headers: { 'accept-encoding': 'gzip' } });
    await response.arrayBuffer();
    t.equal(response.headers.get('x-frame-options'), 'DENY', url);
    t.same(written, [], `${url} (${response.status}): nothing set on the raw response`);
  }
  written.length = 0;
  await (await fetch(`${base}/docs/`)).arrayBuffer();
  t.ok(written.length > 0, 'the spy sees raw writes: Swagger UI gets its headers from @fastify/helmet that way');
});
