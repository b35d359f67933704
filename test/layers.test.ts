import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import t from 'tap';

/**
 * Layers point one way: routes → plugins → read model / write model → SQLite; ingest → pipeline and
 * write model; schemas and config reach into no lower layer. A module's area is its folder under
 * src/, or its own name for a file at the top. Each area lists what it may import; a `type` import may
 * also name the areas in `types`.
 */
const RULES: Record<string, { values: string[]; types?: string[] }> = {
  'data-layout': { values: [] },
  maps: { values: [] },
  config: { values: [] },
  pipeline: { values: ['pipeline', 'data-layout', 'maps'] },
  db: { values: ['db', 'data-layout', 'maps'], types: ['pipeline'] },
  lexicon: { values: ['pipeline'] },
  ingest: { values: ['ingest', 'pipeline', 'db', 'lexicon', 'data-layout', 'maps'] },
  schemas: { values: ['schemas', 'data-layout'] },
  http: { values: ['http'], types: ['schemas'] },
  plugins: { values: ['plugins', 'http', 'db', 'ingest', 'lexicon', 'data-layout'], types: ['schemas'] },
  // The reader's pages: pure functions from the read model's rows to HTML, which only routes call.
  reader: { values: ['reader'], types: ['db'] },
  routes: { values: ['routes', 'schemas', 'http', 'reader'], types: ['db', 'plugins'] },
  app: { values: ['plugins', 'routes', 'http'], types: ['db'] },
  openapi: { values: ['app', 'plugins', 'db'] },
  server: { values: ['app', 'config', 'db'] },
  cli: { values: ['cli', 'config', 'db', 'ingest', 'openapi'] },
};

const SRC = resolve(import.meta.dirname, '../src');
const IMPORT = /^(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms;

function areaOf(file: string): string {
  const [first, ...rest] = relative(SRC, file).split('/');
  return rest.length ? first! : first!.replace(/\.ts$/, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Each relative import of a file: the area it reaches and whether it imports types only. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): Array<{ area: string; typeOnly: boolean; line: string }> {
  return [...text.matchAll(IMPORT)].map((match) => ({
    area: areaOf(resolve(dirname(file), match[2]!.replace(/\.js$/, '.ts'))),
    typeOnly: match[1] !== undefined,
    line: match[0].split('\n')[0]!,
  }));
}

function breaches(file: string, text?: string): string[] {
  const area = areaOf(file);
  const rule = RULES[area];
  if (!rule) return [`${relative(SRC, file)}: area "${area}" has no rule`];
  return importsOf(file, text)
    .filter(({ area: target, typeOnly }) => target !== area && !rule.values.includes(target) && !(typeOnly && rule.types?.includes(target)))
    .map(({ line }) => `${relative(SRC, file)}: ${line}`);
}

t.test('every module imports only the layers its area may', async (t) => {
  const files = sourceFiles(SRC);
  t.ok(files.length > 50, 'the sources were found');
  t.same(files.flatMap((file) => breaches(file)), []);
});

t.test('the check catches a layer pointing back, and tells type imports apart', async (t) => {
  const check = (file: string, text: string) => breaches(join(SRC, file), text);
  const cases: Array<[string, string, string, number]> = [
    ['a schema reaching into the data layer', 'schemas/x.ts', "import { LIMIT } from '../db/read-model.js';", 1],
    ['a schema using the shared layout', 'schemas/x.ts', "import { LIMIT } from '../data-layout.js';", 0],
    ['the pipeline reaching into storage', 'pipeline/04-topics/x.ts', "import { IngestStore } from '../../db/ingest.js';", 1],
    ['the data layer naming pipeline types', 'db/x.ts', "import type { Fact } from '../pipeline/index.js';", 0],
    ['the data layer calling the pipeline', 'db/x.ts', "import { groupFacts } from '../pipeline/index.js';", 1],
    ['config reaching into HTTP', 'config.ts', "import {\n  SERIALIZERS,\n} from './http/json.js';", 1],
    ['a route calling the pipeline', 'routes/x.ts', "import { runPipeline } from '../pipeline/index.js';", 1],
    ['an unknown area', 'tools.ts', "import { x } from './maps.js';", 1],
    ['a route rendering a reader page', 'routes/x.ts', "import { factPage } from '../reader/fact.js';", 0],
    ['a reader page reading the database itself', 'reader/x.ts', "import { openDatabase } from '../db/open.js';", 1],
    ['a reader page naming the read model\'s rows', 'reader/x.ts', "import type { FactRow } from '../db/read-model.js';", 0],
    ['a reader page calling back into a route', 'reader/x.ts', "import { checkTopic } from '../routes/filters.js';", 1],
    ['a route using the typed client', 'routes/x.ts', "import { createSummitFactsClient } from '../../clients/typescript/index.js';", 1],
  ];
  for (const [name, file, text, expected] of cases) t.equal(check(file, text).length, expected, name);
});
