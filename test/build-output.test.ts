// The build is the product only: benchmarks and the evaluation live in tools/, and the typed client in
// clients/, which may import src/ (tests of the client do) but never the reverse, and nothing of them is
// compiled into dist/ (which the Docker image copies).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** A path relative to the build's output (or to src/) that holds tool code: bench/, eval/, tools/ or the eval CLI. */
const isToolCode = (path: string) => /^(?:bench|eval|tools)\//.test(path) || /^cli\/eval\.(?:[cm]?js|d\.ts|ts)(?:\.map)?$/.test(path);

/** Import specifiers (static, dynamic, type-only, re-exports, require) of each TypeScript or JavaScript file under `srcDir` that lead into `toolsDir`. */
function importsOfTools(srcDir: string, toolsDir: string): string[] {
  const found: string[] = [];
  for (const file of filesUnder(srcDir).filter((path) => /\.(?:[cm]?ts|[cm]?js)$/.test(path))) {
    const path = join(srcDir, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = relative(toolsDir, resolve(dirname(path), fileName));
      if (!target.startsWith('..') && !target.startsWith(sep)) found.push(`${file} imports ${fileName}`);
    }
  }
  return found;
}

/** The files outside `srcDir` that the program of `configPath` compiles (a src file importing one pulls it in). */
function compiledOutside(configPath: string, srcDir: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return program
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile)
    .map((file) => relative(srcDir, file.fileName))
    .filter((path) => path.startsWith('..'));
}

t.test('nothing under src/ imports from tools/ or clients/', async (t) => {
  t.same(importsOfTools(join(ROOT, 'src'), join(ROOT, 'tools')), []);
  t.same(importsOfTools(join(ROOT, 'src'), join(ROOT, 'clients')), []);
});

t.test('the build compiles src/ and nothing else, and no tool code is in src/', async (t) => {
  t.same(compiledOutside(join(ROOT, 'tsconfig.build.json'), join(ROOT, 'src')), []);
  t.same(filesUnder(join(ROOT, 'src')).filter(isToolCode), []);
});

t.test('dist/ after the build holds the product and no benchmark or evaluation code', async (t) => {
  // Built by the test run's `before` step (.taprc), as `npm run build` builds it.
  const built = filesUnder(join(ROOT, 'dist'));
  t.ok(built.includes('server.js') && built.includes('cli/ingest.js'), 'dist/ holds the compiled server and ingest CLI');
  t.same(
    built.filter(isToolCode),
    [],
    'no benchmark or evaluation file in dist/ (one left by a build from before tools/ existed goes with rm -rf dist and a new build)',
  );
});

t.test('the checks find what they look for', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'summit-facts-build-output-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('tools/bench/corpus.ts', 'export const size = 1;\n');
  write('src/ok.ts', "import { readFileSync } from 'node:fs';\nexport const ok = readFileSync;\n");
  write('src/static.ts', "import { size } from '../tools/bench/corpus.js';\nexport const n = size;\n");
  write('src/deep/dynamic.ts', "export const load = () => import('../../tools/bench/corpus.js');\n");
  write('src/deep/type-only.ts', "export type Size = typeof import('../../tools/bench/corpus.js').size;\n");
  write('tsconfig.build.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', types: [], noEmit: true }, include: ['src'] }));

  t.same(importsOfTools(join(dir, 'src'), join(dir, 'tools')).sort(), [
    "deep/dynamic.ts imports ../../tools/bench/corpus.js",
    "deep/type-only.ts imports ../../tools/bench/corpus.js",
    "static.ts imports ../tools/bench/corpus.js",
  ]);
  t.same(compiledOutside(join(dir, 'tsconfig.build.json'), join(dir, 'src')), ['../tools/bench/corpus.ts']);
  t.same(['server.js', 'bench/serve.js', 'eval/index.js.map', 'cli/eval.js', 'cli/ingest.js', 'tools/bench/serve.js', 'evaluate.js'].filter(isToolCode), [
    'bench/serve.js',
    'eval/index.js.map',
    'cli/eval.js',
    'tools/bench/serve.js',
  ]);
});
