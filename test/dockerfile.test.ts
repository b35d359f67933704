import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { readFileSync } from 'node:fs';
import t from 'tap';

/**
 * The Dockerfile's facts that matter, read with a maintained parser and linter (dockerfile-ast,
 * dockerfile-utils): it lints clean, builds in one stage and runs in a slim one as a user other than
 * root, checks /health, and takes the README's quick-start steps in the same order.
 */
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const DOCKERFILE = read('Dockerfile');
const README = read('README.md');
const SCRIPTS = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** A command without its flags, so `npm run build --silent` and `npm run build` are one step. */
const step = (command: string) => command.trim().split(/\s+/).filter((word) => !word.startsWith('-')).join(' ');

/** The quick start's install-and-serve line, with `npm start` expanded into its script's commands. */
function quickStartSteps(readme: string): string[] {
  const line = /^npm ci && npm start\b/m.exec(readme);
  if (!line) throw new Error('the README has no `npm ci && npm start` quick start');
  return ['npm ci', ...SCRIPTS.start!.split('&&').map(step)];
}

/** The steps the image takes: RUN commands from `npm ci` on, then the CMD. */
function imageSteps(dockerfile: Dockerfile): string[] {
  const runs = dockerfile.getInstructions().filter((instruction) => instruction.getKeyword() === 'RUN').map((instruction) => step(instruction.getArgumentsContent() ?? ''));
  const cmd = dockerfile.getCMDs().at(-1);
  const exec = cmd ? (JSON.parse(cmd.getArgumentsContent() ?? '[]') as string[]) : [];
  return [...runs.slice(runs.indexOf('npm ci')).filter((run) => !run.startsWith('npm prune')), step(exec.join(' '))];
}

function problems(text: string, readme = README): string[] {
  const found = validate(text).map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
  const dockerfile = DockerfileParser.parse(text);
  const stages = dockerfile.getFROMs();
  if (stages.length !== 2 || !stages.every((from) => /^node:20-[a-z]+-slim$/.test(from.getImage() ?? ''))) found.push('two stages, both on node:20 slim');
  const users = dockerfile.getInstructions().filter((instruction) => instruction.getKeyword() === 'USER');
  const user = users.at(-1)?.getArgumentsContent();
  if (!user || user === 'root' || user === '0' || users.at(-1)!.getRange().start.line < stages.at(-1)!.getRange().start.line) found.push('the runtime stage runs as a user other than root');
  const healthcheck = dockerfile.getHEALTHCHECKs().at(-1)?.getArgumentsContent() ?? '';
  if (!healthcheck.includes("'/health'") || !healthcheck.includes('200')) found.push('a HEALTHCHECK that expects 200 from /health');
  if (imageSteps(dockerfile).join(' → ') !== quickStartSteps(readme).join(' → ')) found.push(`the image's steps ${imageSteps(dockerfile).join(' → ')} differ from the README's ${quickStartSteps(readme).join(' → ')}`);
  return found;
}

t.test('the Dockerfile lints clean and holds the facts that matter', async (t) => {
  t.same(imageSteps(DockerfileParser.parse(DOCKERFILE)), ['npm ci', 'npm run build', 'node dist/cli/ingest.js', 'node dist/server.js']);
  t.same(problems(DOCKERFILE), []);
});

t.test('each check fails on a broken copy', async (t) => {
  const broken: Array<[string, string]> = [
    ['an unknown instruction', DOCKERFILE.replace('WORKDIR /app\n', 'WORKDIRR /app\n')],
    ['one stage', DOCKERFILE.replace(/FROM node:20-bookworm-slim AS build[\s\S]*?FROM /, 'FROM ')],
    ['runtime on node 18', DOCKERFILE.replace(/FROM node:20-bookworm-slim\n(?![\s\S]*FROM)/, 'FROM node:18-bookworm-slim\n')],
    ['runs as root', DOCKERFILE.replace(/^USER node$/m, 'USER root')],
    ['no user', DOCKERFILE.replace(/^USER node\n/m, '')],
    ['no healthcheck', DOCKERFILE.replace(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, '')],
    ['ingest before build', DOCKERFILE.replace('RUN npm run build\n', '').replace('RUN node dist/cli/ingest.js\n', 'RUN node dist/cli/ingest.js\nRUN npm run build\n')],
    ['another command served', DOCKERFILE.replace('CMD ["node", "dist/server.js"]', 'CMD ["node", "dist/cli/ingest.js"]')],
  ];
  for (const [name, text] of broken) {
    t.not(text, DOCKERFILE, `${name}: the copy differs`);
    t.ok(problems(text).length > 0, name);
  }
  t.throws(() => problems(DOCKERFILE, README.replace(/^npm ci && npm start/m, 'npm install && npm run serve')), /quick start/, 'a README without the quick start');
});

t.test('.dockerignore keeps host builds, databases, tools and the typed client out of the image', async (t) => {
  const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
  for (const entry of ['node_modules', 'dist', 'data', '*.db*', 'tools', 'clients']) t.ok(ignored.includes(entry), entry);
});
