import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import t from 'tap';
import { parse } from 'yaml';
import { buildApp } from '../src/app.js';
import { migrate } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { openApiYaml } from '../src/openapi.js';
import { overSocket } from './helpers/socket.js';

t.test('openapi.yaml matches what the server serves (run `npm run openapi` after changing a route)', async (t) => {
  const committed = readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8');
  t.equal(committed, await openApiYaml());
});

t.test('every operation is documented', async (t) => {
  const spec = parse(await openApiYaml());
  for (const [path, operations] of Object.entries<Record<string, Record<string, unknown>>>(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const name = `${method.toUpperCase()} ${path}`;
      t.ok(operation.operationId, `${name} has an operationId`);
      t.ok(operation.summary, `${name} has a summary`);
      t.ok(operation.description, `${name} has a description`);
      t.ok((operation.tags as string[] | undefined)?.length, `${name} has tags`);
      const responses = operation.responses as Record<string, unknown>;
      t.ok(responses['200'], `${name} documents 200`);
      t.ok(responses['500'], `${name} documents 500`);
      t.ok(responses['400'], `${name} documents 400`);
      for (const status of ['429', '503']) t.ok(responses[status], `${name} documents ${status}`);
      if (path.includes('{')) t.ok(responses['404'], `${name} documents 404`);
      // Errors are documented as the type they are served with, and only as that.
      for (const [status, response] of Object.entries(responses as Record<string, { content?: Record<string, unknown> }>)) {
        if (/^[45]/.test(status)) t.same(Object.keys(response.content ?? {}), ['application/problem+json'], `${name} ${status} is problem details`);
      }
      if (method !== 'get') {
        t.same(operation.security, [{ bearerAuth: [] }], `${name} needs the bearer key`);
        for (const status of ['401', '403', '503']) t.ok(responses[status], `${name} documents ${status}`);
        if (method === 'post') for (const status of ['413', '415']) t.ok(responses[status], `${name} documents ${status}`);
      }
    }
  }
});

t.test('the bearer security scheme is declared, and only writes need it', async (t) => {
  const spec = parse(await openApiYaml());
  t.same(spec.components.securitySchemes.bearerAuth, {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from SUMMIT_FACTS_API_KEYS, as Authorization: Bearer <key>. Only writes need one.',
  });
  const secured = Object.entries<Record<string, { security?: unknown }>>(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.security)
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
  t.same(secured.sort(), ['DELETE /sources/{id}', 'POST /sources']);
});

t.test('the 400 of every read operation says that a query parameter it does not take is refused', async (t) => {
  const spec = parse(await openApiYaml());
  for (const [path, operations] of Object.entries<Record<string, { responses: Record<string, { description: string }> }>>(spec.paths)) {
    const read = operations.get;
    if (read) t.match(read.responses['400']?.description, /query parameter .*does not take/, `GET ${path}`);
  }
});

/** An empty database's app over a real socket, to see the bytes as sent. */
async function documentServer(t: { teardown: (fn: () => void | Promise<void>) => void }) {
  const db = openDatabase(':memory:');
  migrate(db);
  const app = await buildApp({ db, closeDatabase: true });
  return { app, ...(await overSocket(t, app)) };
}

const DOCUMENTS = [
  ['/openapi.json', 'application/json; charset=utf-8'],
  ['/openapi.yaml', 'application/yaml'],
] as const;

t.test('/openapi.json and /openapi.yaml carry their Content-Type, on the first answer and on stored ones', async (t) => {
  const { app, get } = await documentServer(t);
  for (const [url, type] of DOCUMENTS) {
    for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Array<Record<string, string>>) {
      const name = `${url} ${JSON.stringify(headers)}`;
      const first = await get(url, headers);
      const stored = await get(url, headers);
      t.same(stored.body, first.body, `${name}: the second answer is the stored one`);
      t.equal(first.status, 200, name);
      t.equal(first.headers['content-type'], type, `${name}: first answer`);
      t.equal(stored.status, 200, name);
      t.equal(stored.headers['content-type'], type, `${name}: stored answer`);
    }
    const injected = await app.inject(url);
    t.equal(injected.statusCode, 200, `${url} injected`);
    t.equal(injected.headers['content-type'], type, `${url}: stored answer, injected`);
  }
});

t.test('/openapi.yaml is the committed openapi.yaml, byte for byte, compressed like any read', async (t) => {
  const { app, get } = await documentServer(t);
  const committed = readFileSync(new URL('../openapi.yaml', import.meta.url));
  const yaml = await app.inject('/openapi.yaml');
  t.same(yaml.rawPayload, committed);
  const gzipped = await get('/openapi.yaml', { 'accept-encoding': 'gzip' });
  t.equal(gzipped.headers['content-encoding'], 'gzip');
  t.same(gunzipSync(gzipped.body), committed);
  t.same(parse(yaml.body), (await app.inject('/openapi.json')).json(), 'the same document as /openapi.json');
});
