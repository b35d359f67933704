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
      if (path !== '/health') t.ok(responses['400'], `${name} documents 400`);
      if (path.includes('{')) t.ok(responses['404'], `${name} documents 404`);
    }
  }
});
