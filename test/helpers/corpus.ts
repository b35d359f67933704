import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, compiledEntry } from './child-process.js';
import { SEEDS_DIR } from './seeded-db.js';

export const SECOND_DIR = fileURLToPath(new URL('../fixtures/second/articles/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const REVISIONS = [
  'Update: officials said on Thursday that the talks would continue in Beijing next year.',
  'Correction: an earlier version of this article misstated the length of the meeting, which lasted four hours.',
  'Reuters reported that the two sides agreed to hold further military talks in the spring.',
];

/**
 * The seeds and the second fixture, then `revisions` edited copies of each (a paragraph added at the
 * end): distinct articles in the styles the pipeline meets, in a fixed file order.
 */
export function writeCorpus(dir: string, revisions: number): string[] {
  const originals = [
    ...readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).map((name) => join(SEEDS_DIR, name)),
    ...readdirSync(SECOND_DIR).filter((name) => name.endsWith('.txt')).map((name) => join(SECOND_DIR, name)),
  ].sort();
  const names: string[] = [];
  originals.forEach((path, index) => {
    const name = `a${String(index).padStart(2, '0')}.txt`;
    copyFileSync(path, join(dir, name));
    names.push(name);
    for (let revision = 0; revision < revisions; revision++) {
      const revised = `r${revision}-${String(index).padStart(2, '0')}.txt`;
      writeFileSync(join(dir, revised), `${readFileSync(path, 'utf8').trimEnd()}\n\n${REVISIONS[revision % REVISIONS.length]} (${revision + 1})\n`);
      names.push(revised);
    }
  });
  return names.sort();
}

/**
 * The ingest CLI on a corpus, writing four articles per transaction and a line per file: tests that
 * kill or read alongside it want many commits spread over the run, not the one a small corpus makes.
 */
export function spawnIngest(databasePath: string, paths: string[]): ChildProcess {
  return spawn(process.execPath, [compiledEntry('cli/ingest'), '--lexicon', SEEDS_DIR, '--verbose', '--batch-size', '4', ...paths], {
    cwd: ROOT,
    env: childEnv({ DATABASE_PATH: databasePath }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
