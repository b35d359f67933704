// Lints the Dockerfile (and .dockerignore, .ci/run) without a Docker engine:
// a small parser turns the file into instructions and stages, and each rule
// below returns the problems it finds. The last subtests break copies of the
// real files in memory and check that every rule notices.
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { loadConfig } from '../src/config.js';

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

type Instruction = {
  keyword: string; // upper-cased: FROM, RUN, COPY, …
  flags: Map<string, string>; // leading --name=value options (FROM, RUN, COPY, ADD, HEALTHCHECK)
  args: string; // the rest, continuation lines joined
  line: number; // 1-based line the instruction starts on
};

type Stage = { image: string; name: string | undefined; from: Instruction; body: Instruction[] };

type Dockerfile = { instructions: Instruction[]; stages: Stage[] };

const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

function toInstruction(text: string, line: number): Instruction {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim())!;
  const keyword = match[1]!.toUpperCase();
  let args = match[2]!.trim();
  const flags = new Map<string, string>();
  if (FLAGGED.has(keyword)) {
    for (let flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(args); flag; flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(args)) {
      flags.set(flag[1]!, flag[2] ?? '');
      args = args.slice(flag[0].length);
    }
  }
  return { keyword, flags, args, line };
}

/** Full-line comments (also inside a continuation) and blank lines are dropped; a trailing `\` continues the line. */
function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let parts: string[] = [];
  let start = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (parts.length === 0) start = index + 1;
    const continued = /\\[ \t]*$/.test(raw);
    parts.push(continued ? raw.replace(/\\[ \t]*$/, '') : raw);
    if (!continued) {
      instructions.push(toInstruction(parts.join(''), start));
      parts = [];
    }
  });
  if (parts.length) instructions.push(toInstruction(parts.join(''), start));

  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/);
      stages.push({ image, name: as?.toLowerCase() === 'as' ? name : undefined, from: instruction, body: [] });
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  return { instructions, stages };
}

/** JSON ("exec") form arguments, or undefined for shell form. */
function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a command line into simple commands (on && || ; | and newlines), dropping leading VAR=value assignments. */
function commandsIn(args: string): string[][] {
  const exec = execForm(args);
  const shell = exec && /^(ba)?sh$/.test(exec[0] ?? '') && exec[1] === '-c' ? exec[2] ?? '' : exec ? exec.join(' ') : args;
  return shell
    .split(/&&|\|\||[;|\n]/)
    .map((command) => {
      const words = command.trim().split(/\s+/).filter(Boolean);
      while (words.length && /^[A-Za-z_]\w*=/.test(words[0]!)) words.shift();
      return words;
    })
    .filter((words) => words.length > 0);
}

/** The commands an instruction runs: RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD. */
function commandsOf(instruction: Instruction): string[][] {
  if (['RUN', 'CMD', 'ENTRYPOINT'].includes(instruction.keyword)) return commandsIn(instruction.args);
  if (instruction.keyword === 'HEALTHCHECK') {
    const match = /^CMD\s+([\s\S]*)$/i.exec(instruction.args);
    return match ? commandsIn(match[1]!) : [];
  }
  return [];
}

const startsWith = (command: string[], ...prefix: string[]) => prefix.every((word, index) => command[index] === word);

function copyOf(instruction: Instruction): { sources: string[]; dest: string } {
  const words = execForm(instruction.args) ?? instruction.args.split(/\s+/);
  return { sources: words.slice(0, -1), dest: words.at(-1) ?? '' };
}

function envOf(stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  const unquote = (value: string) => value.replace(/^"([\s\S]*)"$|^'([\s\S]*)'$/, '$1$2');
  for (const instruction of stage.body.filter((i) => i.keyword === 'ENV')) {
    if (/^[^\s=]+=/.test(instruction.args)) {
      for (const match of instruction.args.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) env.set(match[1]!, unquote(match[2]!));
    } else {
      const [key = '', ...value] = instruction.args.split(/\s+/);
      env.set(key, value.join(' '));
    }
  }
  return env;
}

function workdirOf(stage: Stage): string {
  return stage.body.filter((i) => i.keyword === 'WORKDIR').reduce((dir, i) => posix.resolve(dir, i.args), '/');
}

/** .dockerignore semantics, enough for plain names and * / ** / ? globs; the last matching line wins. */
function ignoredBy(patterns: string[], path: string): boolean {
  const toRegExp = (glob: string) =>
    new RegExp(
      '^' +
        glob
          .replace(/[.+^${}()[\]|\\]/g, '\\$&')
          .replace(/\*\*\//g, '\u0000')
          .replace(/\*\*/g, '.*')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')
          .replace(/\u0000/g, '(?:.*/)?') +
        '$',
    );
  const segments = posix.normalize(path).split('/');
  const prefixes = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
  let ignored = false;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = posix.normalize((negate ? raw.slice(1) : raw).trim()).replace(/^\/+|\/+$/g, '');
    if (prefixes.some((prefix) => toRegExp(pattern).test(prefix))) ignored = !negate;
  }
  return ignored;
}

// ---------------------------------------------------------------------------
// Rules: each returns the problems it finds (empty when the Dockerfile passes)
// ---------------------------------------------------------------------------

type Repo = {
  exists: (path: string) => boolean;
  scripts: Record<string, string>;
  dockerignore: string[];
  defaults: { databasePath: string; port: number };
};

const buildStage = (df: Dockerfile) => df.stages[0];
const runtimeStage = (df: Dockerfile) => (df.stages.length >= 2 ? df.stages.at(-1) : undefined);
const NODE_20 = /^(?:docker\.io\/)?(?:library\/)?node:20(?:[-.@]|$)/;

/** Where each build step's inputs come from: they must be copied in before the step runs. */
const BUILD_STEPS = [
  { name: 'npm ci', matches: (c: string[]) => startsWith(c, 'npm', 'ci'), inputs: ['package.json', 'package-lock.json'] },
  { name: 'npm run build', matches: (c: string[]) => startsWith(c, 'npm', 'run', 'build'), inputs: ['tsconfig.json', 'tsconfig.build.json', 'src'] },
  { name: 'ingest', matches: (c: string[]) => c[0] === 'node' && c.includes('dist/cli/ingest.js'), inputs: ['migrations', 'seeds'] },
];
const RUNTIME_FILES = ['package.json', 'node_modules', 'dist', 'migrations', 'seeds', 'data'];

function stepIndex(stage: Stage, matches: (command: string[]) => boolean): number {
  return stage.body.findIndex((i) => i.keyword === 'RUN' && commandsOf(i).some(matches));
}

function runtimeUser(stage: Stage): string | undefined {
  return stage.body.filter((i) => i.keyword === 'USER').at(-1)?.args.split(':')[0];
}

const rules: Record<string, (df: Dockerfile, repo: Repo) => string[]> = {
  stages(df) {
    const problems: string[] = [];
    if (df.stages.length !== 2) problems.push(`expected 2 FROM stages, found ${df.stages.length}`);
    if (df.stages[0] && df.stages[0].name !== 'build') problems.push(`first stage should be named "build", not ${JSON.stringify(df.stages[0].name)}`);
    for (const stage of df.stages) if (!NODE_20.test(stage.image)) problems.push(`line ${stage.from.line}: ${stage.image} is not a node:20 image`);
    return problems;
  },

  'build-tools'(df) {
    const stage = buildStage(df);
    const run = stage?.body.find((i) => i.keyword === 'RUN' && commandsOf(i).some((c) => startsWith(c, 'apt-get', 'install')));
    if (!run) return ['build stage has no apt-get install'];
    const install = commandsOf(run).find((c) => startsWith(c, 'apt-get', 'install'))!;
    const problems = ['python3', 'make', 'g++'].filter((pkg) => !install.includes(pkg)).map((pkg) => `apt-get install lacks ${pkg}`);
    if (!install.includes('--no-install-recommends')) problems.push('apt-get install lacks --no-install-recommends');
    if (!commandsOf(run).some((c) => startsWith(c, 'apt-get', 'update'))) problems.push('apt-get install without apt-get update in the same RUN');
    if (!run.args.includes('rm -rf /var/lib/apt/lists')) problems.push('apt lists are not cleaned in the same RUN');
    return problems;
  },

  'build-order'(df) {
    const stage = buildStage(df);
    if (!stage) return ['no build stage'];
    const problems: string[] = [];
    const indexes = BUILD_STEPS.map((step) => stepIndex(stage, step.matches));
    BUILD_STEPS.forEach((step, n) => {
      if (indexes[n]! < 0) problems.push(`build stage never runs ${step.name}`);
      else if (n > 0 && indexes[n]! <= indexes[n - 1]!) problems.push(`${step.name} runs before ${BUILD_STEPS[n - 1]!.name}`);
    });
    const prune = stepIndex(stage, (c) => startsWith(c, 'npm', 'prune'));
    if (prune >= 0 && prune < indexes[1]!) problems.push('npm prune runs before npm run build (typescript would be gone)');
    return problems;
  },

  'build-copy'(df, repo) {
    const stage = buildStage(df);
    if (!stage) return ['no build stage'];
    const problems: string[] = [];
    const copied = new Map<string, number>();
    stage.body.forEach((instruction, index) => {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return;
      if (instruction.flags.has('from')) return;
      for (const source of copyOf(instruction).sources) {
        const path = posix.normalize(source).replace(/\/+$/, '');
        if (!repo.exists(path)) problems.push(`line ${instruction.line}: COPY source ${source} does not exist in the repo`);
        else if (ignoredBy(repo.dockerignore, path)) problems.push(`line ${instruction.line}: COPY source ${source} is excluded by .dockerignore`);
        if (!copied.has(path)) copied.set(path, index);
      }
    });
    for (const step of BUILD_STEPS) {
      const runs = stepIndex(stage, step.matches);
      for (const input of step.inputs) {
        const at = copied.get(input) ?? copied.get('.');
        if (at === undefined) problems.push(`build stage never copies ${input}`);
        else if (runs >= 0 && at > runs) problems.push(`${input} is copied after ${step.name} runs`);
      }
    }
    return problems;
  },

  'runtime-user'(df) {
    const stage = runtimeStage(df);
    if (!stage) return ['no runtime stage'];
    const user = runtimeUser(stage);
    if (user === undefined) return ['runtime stage has no USER (it would run as root)'];
    return user === 'root' || user === '0' ? [`runtime stage runs as ${user}`] : [];
  },

  'runtime-copy'(df) {
    const stage = runtimeStage(df);
    const build = buildStage(df);
    if (!stage || !build) return ['no runtime stage'];
    const problems: string[] = [];
    const buildDir = workdirOf(build);
    const user = runtimeUser(stage);
    const copied = new Set<string>();
    for (const instruction of stage.body) {
      if (instruction.keyword === 'ADD') problems.push(`line ${instruction.line}: ADD in the runtime stage`);
      if (instruction.keyword !== 'COPY') continue;
      if (instruction.flags.get('from') !== 'build') {
        problems.push(`line ${instruction.line}: runtime COPY does not come --from=build`);
        continue;
      }
      const owner = instruction.flags.get('chown')?.split(':')[0];
      if (owner !== user) problems.push(`line ${instruction.line}: COPY --chown=${owner ?? '(none)'} but the runtime USER is ${user ?? '(none)'}`);
      for (const source of copyOf(instruction).sources) copied.add(posix.relative(buildDir, posix.resolve('/', source)));
    }
    for (const file of RUNTIME_FILES) if (!copied.has(file)) problems.push(`runtime stage does not copy ${file} from build`);
    return problems;
  },

  healthcheck(df, repo) {
    const stage = runtimeStage(df);
    const check = stage?.body.filter((i) => i.keyword === 'HEALTHCHECK').at(-1);
    if (!stage || !check) return ['runtime stage has no HEALTHCHECK'];
    const problems: string[] = [];
    const commands = commandsOf(check);
    if (commands.length === 0) problems.push('HEALTHCHECK has no CMD');
    else if (commands[0]![0] !== 'node') problems.push(`HEALTHCHECK runs ${commands[0]![0]}, not node`);
    if (!/\/health\b/.test(check.args)) problems.push('HEALTHCHECK does not request /health');
    if (!/status\s*===?\s*200|\.ok\b/.test(check.args)) problems.push('HEALTHCHECK does not check for a 200 status');
    const port = envOf(stage).get('PORT') ?? String(repo.defaults.port);
    if (!check.args.includes(`:${port}/`) && !check.args.includes('process.env.PORT')) problems.push(`HEALTHCHECK does not use port ${port}`);
    return problems;
  },

  expose(df, repo) {
    const stage = runtimeStage(df);
    if (!stage) return ['no runtime stage'];
    const exposed = stage.body.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/).map((port) => port.replace(/\/tcp$/, '')));
    const problems = exposed.includes('3000') ? [] : ['runtime stage does not EXPOSE 3000'];
    const port = envOf(stage).get('PORT') ?? String(repo.defaults.port);
    if (!exposed.includes(port)) problems.push(`the server listens on PORT ${port}, which is not exposed`);
    return problems;
  },

  cmd(df) {
    const cmd = runtimeStage(df)?.body.filter((i) => i.keyword === 'CMD').at(-1);
    if (!cmd) return ['runtime stage has no CMD'];
    return commandsOf(cmd).some((c) => c[0] === 'node' && c.includes('dist/server.js')) ? [] : [`line ${cmd.line}: CMD does not run node dist/server.js`];
  },

  env(df, repo) {
    const stage = runtimeStage(df);
    const build = buildStage(df);
    if (!stage || !build) return ['no runtime stage'];
    const env = envOf(stage);
    const problems: string[] = [];
    if (env.get('HOST') !== '0.0.0.0') problems.push(`HOST is ${env.get('HOST') ?? 'unset'}, not 0.0.0.0 (unreachable from outside the container)`);
    const databasePath = env.get('DATABASE_PATH');
    if (!databasePath) return [...problems, 'runtime ENV does not set DATABASE_PATH'];
    // The database ingest baked in the build stage must be the one the server opens.
    const baked = posix.resolve(workdirOf(build), envOf(build).get('DATABASE_PATH') ?? repo.defaults.databasePath);
    const served = posix.resolve(workdirOf(stage), databasePath);
    const carried = stage.body
      .filter((i) => i.keyword === 'COPY' && i.flags.get('from') === 'build')
      .some((i) => {
        const { sources, dest } = copyOf(i);
        const to = posix.resolve(workdirOf(stage), dest);
        return sources.some((source) => {
          const from = posix.resolve('/', source);
          return (from === posix.dirname(baked) && to === posix.dirname(served)) || (from === baked && (to === served || to === posix.dirname(served)));
        });
      });
    if (!carried) problems.push(`DATABASE_PATH=${databasePath} is not where the build stage's ingest wrote the database (${baked})`);
    return problems;
  },

  'no-remote-fetch'(df) {
    const problems: string[] = [];
    for (const instruction of df.instructions) {
      if (instruction.keyword === 'ADD' && copyOf(instruction).sources.some((s) => /^(?:https?|ftp|git):\/\/|^git@/.test(s))) {
        problems.push(`line ${instruction.line}: ADD fetches a URL`);
      }
      const tool = /\b(curl|wget)\b/.exec(instruction.args)?.[1];
      if (tool) problems.push(`line ${instruction.line}: uses ${tool}`);
    }
    return problems;
  },

  'npm-scripts'(df, repo) {
    const problems: string[] = [];
    for (const instruction of df.instructions) {
      for (const command of commandsOf(instruction)) {
        if (command[0] !== 'npm') continue;
        const [verb, ...rest] = command.slice(1).filter((word) => !word.startsWith('-'));
        const script = verb === 'run' || verb === 'run-script' ? rest[0] : verb === 't' ? 'test' : ['test', 'start', 'stop', 'restart'].includes(verb ?? '') ? verb : undefined;
        if (script !== undefined && !(script in repo.scripts)) problems.push(`line ${instruction.line}: npm script "${script}" is not in package.json`);
      }
    }
    return problems;
  },
};

function dockerignoreProblems(patterns: string[]): string[] {
  const mustIgnore = ['node_modules', 'dist', 'data/summit-facts.db', '.git', 'coverage', '.tap', 'summit-facts.db-wal'];
  return mustIgnore.filter((path) => !ignoredBy(patterns, path)).map((path) => `.dockerignore does not exclude ${path}`);
}

/** .ci/run must install with npm ci and then test through npm test, i.e. package.json's "test" script. */
function ciRunProblems(text: string, scripts: Record<string, string>): string[] {
  const lines = text.split(/\r?\n/).filter((line) => !line.trim().startsWith('#'));
  const commands = commandsIn(lines.join('\n'));
  const ci = commands.findIndex((c) => startsWith(c, 'npm', 'ci'));
  const test = commands.findIndex((c) => startsWith(c, 'npm', 'test') || startsWith(c, 'npm', 't') || startsWith(c, 'npm', 'run', 'test'));
  const problems: string[] = [];
  if (ci < 0) problems.push('.ci/run does not run npm ci');
  if (test < 0) problems.push('.ci/run does not run npm test');
  if (ci >= 0 && test >= 0 && test < ci) problems.push('.ci/run runs npm test before npm ci');
  if (!scripts.test) problems.push('package.json has no "test" script for npm test to run');
  return problems;
}

// ---------------------------------------------------------------------------
// The repository as it is
// ---------------------------------------------------------------------------

const ROOT = new URL('../', import.meta.url);
const readText = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const dockerfileText = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
const dockerignoreLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
const defaults = loadConfig({});
const repo: Repo = {
  exists: (path) => existsSync(new URL(path, ROOT)),
  scripts: (JSON.parse(readText('package.json')) as { scripts?: Record<string, string> }).scripts ?? {},
  dockerignore: dockerignoreLines(readText('.dockerignore')),
  defaults: { databasePath: defaults.databasePath, port: defaults.port },
};
const dockerfile = parseDockerfile(dockerfileText);

t.test('parser: continuations, comments, flags and exec form', async (t) => {
  const parsed = parseDockerfile(
    ['# syntax=docker/dockerfile:1', 'FROM node:20 AS build', '', 'RUN a \\', '  # a comment inside a continuation', '  && b \\  ', '  && c', 'COPY --from=build --chown=node:node /app/dist ./dist', 'CMD ["node", "x.js"]'].join('\n'),
  );
  t.same(
    parsed.instructions.map((i) => [i.keyword, i.args, i.line]),
    [
      ['FROM', 'node:20 AS build', 2],
      ['RUN', 'a   && b   && c', 4],
      ['COPY', '/app/dist ./dist', 8],
      ['CMD', '["node", "x.js"]', 9],
    ],
  );
  t.same(Object.fromEntries(parsed.instructions[2]!.flags), { from: 'build', chown: 'node:node' });
  t.same(parsed.stages.map((s) => [s.image, s.name, s.body.length]), [['node:20', 'build', 3]]);
  t.same(commandsOf(parsed.instructions[1]!), [['a'], ['b'], ['c']]);
  t.same(commandsOf(parsed.instructions[3]!), [['node', 'x.js']]);
  t.ok(ignoredBy(['*.db*'], 'x.db-wal'));
  t.ok(ignoredBy(['data'], 'data/x.db'));
  t.notOk(ignoredBy(['data', '!data'], 'data/x.db'));
  t.notOk(ignoredBy(['*.db*'], 'src'));
});

t.test('Dockerfile', async (t) => {
  for (const [name, rule] of Object.entries(rules)) t.same(rule(dockerfile, repo), [], name);
});

t.test('.dockerignore keeps host builds and databases out of the context', async (t) => {
  t.same(dockerignoreProblems(repo.dockerignore), []);
});

const ciRunExists = repo.exists('.ci/run');
t.test('.ci/run installs with npm ci and tests with npm test', { skip: ciRunExists ? false : '.ci/run does not exist yet' }, async (t) => {
  t.same(ciRunProblems(readText('.ci/run'), repo.scripts), []);
});

// ---------------------------------------------------------------------------
// Every rule can fail: break a copy of the real files and expect a complaint
// ---------------------------------------------------------------------------

/** Replaces text that must be present, so a mutation can never silently do nothing. */
function edit(text: string, from: string | RegExp, to: string): string {
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`mutation did not apply: ${String(from)} not found in the Dockerfile`);
  return changed;
}

const INGEST = 'RUN node dist/cli/ingest.js\n';
const mutations: { rule: string; what: string; dockerfile?: (text: string) => string; repo?: Partial<Repo> }[] = [
  { rule: 'stages', what: 'first stage renamed', dockerfile: (d) => edit(d, 'AS build', 'AS builder') },
  { rule: 'stages', what: 'runtime on node:18', dockerfile: (d) => edit(d, /FROM node:20-bookworm-slim\n(?![\s\S]*FROM)/, 'FROM node:18-bookworm-slim\n') },
  { rule: 'stages', what: 'a third stage', dockerfile: (d) => `${d}\nFROM node:20-bookworm-slim AS extra\n` },
  { rule: 'build-tools', what: 'g++ not installed', dockerfile: (d) => edit(d, ' g++', '') },
  { rule: 'build-tools', what: 'apt lists kept', dockerfile: (d) => edit(d, /\\\n && rm -rf \/var\/lib\/apt\/lists\/\*/, '') },
  { rule: 'build-order', what: 'ingest before build', dockerfile: (d) => edit(edit(d, INGEST, ''), 'RUN npm run build\n', `${INGEST}RUN npm run build\n`) },
  { rule: 'build-order', what: 'npm ci missing', dockerfile: (d) => edit(d, 'RUN npm ci\n', '') },
  { rule: 'build-order', what: 'prune before build', dockerfile: (d) => edit(d, 'RUN npm run build\n', 'RUN npm prune --omit=dev\nRUN npm run build\n') },
  { rule: 'build-copy', what: 'source missing from the repo', dockerfile: (d) => edit(d, 'COPY seeds ./seeds', 'COPY seed ./seeds') },
  { rule: 'build-copy', what: 'migrations never copied', dockerfile: (d) => edit(d, 'COPY migrations ./migrations\n', '') },
  { rule: 'build-copy', what: 'src copied after the build', dockerfile: (d) => edit(edit(d, 'COPY src ./src\n', ''), INGEST, `COPY src ./src\n${INGEST}`) },
  { rule: 'build-copy', what: 'src excluded by .dockerignore', repo: { dockerignore: [...repo.dockerignore, 'src'] } },
  { rule: 'runtime-user', what: 'USER removed', dockerfile: (d) => edit(d, /^USER node\n/m, '') },
  { rule: 'runtime-user', what: 'USER root', dockerfile: (d) => edit(d, /^USER node$/m, 'USER root') },
  { rule: 'runtime-copy', what: 'dist copied from the host', dockerfile: (d) => edit(d, '--from=build --chown=node:node /app/dist', '--chown=node:node dist') },
  { rule: 'runtime-copy', what: 'package.json not copied', dockerfile: (d) => edit(d, /^COPY --from=build .*\/app\/package\.json.*\n/m, '') },
  { rule: 'runtime-copy', what: 'data owned by root', dockerfile: (d) => edit(d, '--chown=node:node /app/data', '/app/data') },
  { rule: 'healthcheck', what: 'HEALTHCHECK removed', dockerfile: (d) => edit(d, /^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, '') },
  { rule: 'healthcheck', what: 'wrong path', dockerfile: (d) => edit(d, "'/health'", "'/'") },
  { rule: 'healthcheck', what: 'status ignored', dockerfile: (d) => edit(d, 'res.status === 200 ? 0 : 1', '0') },
  { rule: 'expose', what: 'EXPOSE 8080', dockerfile: (d) => edit(d, 'EXPOSE 3000', 'EXPOSE 8080') },
  { rule: 'expose', what: 'PORT differs from EXPOSE', dockerfile: (d) => edit(d, 'PORT=3000', 'PORT=4000') },
  { rule: 'cmd', what: 'CMD runs something else', dockerfile: (d) => edit(d, 'CMD ["node", "dist/server.js"]', 'CMD ["node", "dist/cli/ingest.js"]') },
  { rule: 'env', what: 'HOST loopback', dockerfile: (d) => edit(d, 'HOST=0.0.0.0', 'HOST=127.0.0.1') },
  { rule: 'env', what: 'DATABASE_PATH elsewhere', dockerfile: (d) => edit(d, 'DATABASE_PATH=/app/data/summit-facts.db', 'DATABASE_PATH=/var/lib/summit.db') },
  { rule: 'env', what: 'DATABASE_PATH unset', dockerfile: (d) => edit(d, / \\\n\s*DATABASE_PATH=\S+/, '') },
  { rule: 'no-remote-fetch', what: 'curl', dockerfile: (d) => edit(d, 'RUN npm ci\n', 'RUN curl -fsSL https://example.com/x.sh | sh\nRUN npm ci\n') },
  { rule: 'no-remote-fetch', what: 'ADD URL', dockerfile: (d) => edit(d, 'RUN npm ci\n', 'ADD https://example.com/x.tgz /tmp/\nRUN npm ci\n') },
  { rule: 'npm-scripts', what: 'unknown script', dockerfile: (d) => edit(d, 'RUN npm run build', 'RUN npm run compile') },
];

t.test('every Dockerfile rule catches a broken copy', async (t) => {
  t.same([...new Set(mutations.map((m) => m.rule))].sort(), Object.keys(rules).sort(), 'each rule has at least one mutation');
  for (const mutation of mutations) {
    const broken = parseDockerfile(mutation.dockerfile ? mutation.dockerfile(dockerfileText) : dockerfileText);
    const problems = rules[mutation.rule]!(broken, { ...repo, ...mutation.repo });
    t.ok(problems.length > 0, `${mutation.rule}: ${mutation.what}`, { problems });
  }
});

t.test('the .dockerignore and .ci/run checks can fail', async (t) => {
  t.ok(dockerignoreProblems(repo.dockerignore.filter((line) => line !== 'node_modules')).length > 0, '.dockerignore without node_modules');
  t.ok(dockerignoreProblems(repo.dockerignore.filter((line) => line !== '*.db*')).length > 0, '.dockerignore without *.db*');
  t.same(ciRunProblems('#!/bin/sh\nset -eu\nnpm ci\nnpm test\n', repo.scripts), [], 'a good .ci/run passes');
  t.ok(ciRunProblems('#!/bin/sh\nset -eu\nnpm ci\nnpx tap\n', repo.scripts).length > 0, '.ci/run calling tap directly');
  t.ok(ciRunProblems('#!/bin/sh\nnpm install\nnpm test\n', repo.scripts).length > 0, '.ci/run without npm ci');
  t.ok(ciRunProblems('#!/bin/sh\nnpm test\nnpm ci\n', repo.scripts).length > 0, '.ci/run testing before installing');
  t.ok(ciRunProblems('#!/bin/sh\n# npm ci\n# npm test\n', repo.scripts).length > 0, '.ci/run with the commands commented out');
  t.ok(ciRunProblems('#!/bin/sh\nnpm ci\nnpm test\n', {}).length > 0, 'package.json without a test script');
});
