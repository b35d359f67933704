import { readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';
import { openApiYaml } from '../src/openapi.js';

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
