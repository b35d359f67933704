import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parse, stringify } from 'yaml';
import { openDatabase } from '../../src/db/open.js';
import { ingest } from '../../src/ingest/index.js';
import { childEnv, compiledEntry } from '../helpers/child-process.js';
import { canonicalDump, soundnessProblems } from '../helpers/dump.js';
import { SEEDS_DIR, tempDir } from '../helpers/seeded-db.js';

type Taxonomy = { topics: Array<{ slug: string; label: string; description: string; terms: string[]; facts?: unknown[] }> };
type Names = Record<'people' | 'organisations' | 'places' | 'groups', Record<string, string[] | null>>;

/** A lexicon folder copied from the seeds' (the articles stay in SEEDS_DIR). */
function lexiconCopy(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  for (const name of ['taxonomy.yaml', 'entities.yaml', 'event.yaml']) copyFileSync(join(SEEDS_DIR, name), join(dir, name));
  return dir;
}

function editTaxonomy(dir: string, edit: (taxonomy: Taxonomy) => void): void {
  const taxonomy = parse(readFileSync(join(dir, 'taxonomy.yaml'), 'utf8')) as Taxonomy;
  edit(taxonomy);
  writeFileSync(join(dir, 'taxonomy.yaml'), stringify(taxonomy));
}

function editNames(dir: string, edit: (names: Names) => void): void {
  const names = parse(readFileSync(join(dir, 'entities.yaml'), 'utf8')) as Names;
  edit(names);
  writeFileSync(join(dir, 'entities.yaml'), stringify(names));
}

/** A topic no seed-era taxonomy had, with general terms. */
const TRADE = { slug: 'trade', label: 'Trade', description: 'Tariffs, exports and market access between the two economies.', terms: ['tariff', 'trade', 'export', 'market access'] };

/** An invented event: the seeds name none of its places. */
const ANOTHER_EVENT = { name: 'RWC3 Lakeshore Water Summit', dates: ['2031-05-04', '2031-05-06'], places: ['Port Alder'], description: 'Lake basin governments meet on water sharing.' };

/** Renames a key of a YAML mapping in place, keeping its order. */
function renameKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

const CHANGES: Array<[string, (dir: string) => void]> = [
  ['insert a topic first', (dir) => editTaxonomy(dir, (taxonomy) => taxonomy.topics.unshift(TRADE))],
  ['insert a topic in the middle', (dir) => editTaxonomy(dir, (taxonomy) => taxonomy.topics.splice(3, 0, TRADE))],
  ['remove a topic', (dir) => editTaxonomy(dir, (taxonomy) => taxonomy.topics.splice(1, 1))],
  ['reverse the order of the topics', (dir) => editTaxonomy(dir, (taxonomy) => taxonomy.topics.reverse())],
  ['rename a topic slug', (dir) => editTaxonomy(dir, (taxonomy) => (taxonomy.topics[2]!.slug = 'renamed-topic'))],
  ['swap the slugs of two topics', (dir) => editTaxonomy(dir, (taxonomy) => {
    const [first, second] = [taxonomy.topics[0]!, taxonomy.topics[1]!];
    [first.slug, second.slug] = [second.slug, first.slug];
  })],
  ['relabel and redescribe a topic', (dir) => editTaxonomy(dir, (taxonomy) => Object.assign(taxonomy.topics[0]!, { label: 'A new label', description: 'A new description.' }))],
  ['change the terms of a topic', (dir) => editTaxonomy(dir, (taxonomy) => (taxonomy.topics[0]!.terms = ['summit', 'meeting']))],
  ['add and remove aliases of an entity', (dir) => editNames(dir, (names) => {
    const [person] = Object.keys(names.people);
    names.people[person!] = [...(names.people[person!] ?? []).slice(1), 'an alias nobody writes'];
  })],
  ['rename an entity', (dir) => editNames(dir, (names) => {
    const [person] = Object.keys(names.people);
    names.people = renameKey(names.people, person!, `${person} Senior`);
  })],
  ['move an entity to another kind', (dir) => editNames(dir, (names) => {
    const [organisation, aliases] = Object.entries(names.organisations)[0]!;
    delete names.organisations[organisation];
    names.places[organisation] = aliases;
  })],
  ['remove an entity', (dir) => editNames(dir, (names) => {
    delete names.places[Object.keys(names.places)[0]!];
  })],
  ['describe another event', (dir) => writeFileSync(join(dir, 'event.yaml'), stringify({ ...ANOTHER_EVENT }))],
  ['remove the event description', (dir) => rmSync(join(dir, 'event.yaml'))],
];

for (const [change, edit] of CHANGES) {
  t.test(`${change}: the next ingest re-aligns an existing database to what a fresh ingest stores`, async (t) => {
    const dir = lexiconCopy(t);
    const db = openDatabase(join(dir, 'existing.db'));
    t.teardown(() => db.close());
    await ingest(db, { paths: [SEEDS_DIR], lexiconDir: dir });

    edit(dir);
    // As `npm start` runs it on a filled database: no files, only the lexicon.
    const again = await ingest(db, { paths: [], lexiconDir: dir });
    t.equal(again.reextracted, 5, 'every stored source is extracted again');
    t.same(soundnessProblems(db), []);

    const fresh = openDatabase(join(dir, 'fresh.db'));
    t.teardown(() => fresh.close());
    await ingest(fresh, { paths: [SEEDS_DIR], lexiconDir: dir });
    t.same(canonicalDump(db), canonicalDump(fresh));
  });
}

/** The ingest CLI, compiled, on a database, with the environment given; what it printed. */
function runIngest(databasePath: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [compiledEntry('cli/ingest'), ...args], { env: childEnv({ DATABASE_PATH: databasePath, ...env }), encoding: 'utf8' });
}

const BROKEN: Array<[string, (dir: string) => void, RegExp]> = [
  ['a taxonomy that is not YAML', (dir) => writeFileSync(join(dir, 'taxonomy.yaml'), 'topics:\n  - slug: [unclosed\n'), /taxonomy\.yaml: not valid YAML: /],
  ['a taxonomy with a slug twice', (dir) => editTaxonomy(dir, (taxonomy) => taxonomy.topics.push({ ...taxonomy.topics[0]! })), /taxonomy\.yaml: topics: topic slugs must be unique$/],
  ['a topic without terms', (dir) => editTaxonomy(dir, (taxonomy) => (taxonomy.topics[0]!.terms = [])), /taxonomy\.yaml: topics\.0\.terms: /],
  ['an entity list that names one entity twice', (dir) => editNames(dir, (names) => (names.places.Elsewhere = [Object.keys(names.people)[0]!])), /entities\.yaml: places\.Elsewhere: ".*" already names /],
  ['a missing entity list', (dir) => rmSync(join(dir, 'entities.yaml')), /entities\.yaml: no such file$/],
  ['an event without a name', (dir) => writeFileSync(join(dir, 'event.yaml'), stringify({ ...ANOTHER_EVENT, name: undefined })), /event\.yaml: name: /],
  ['an event date that is not ISO', (dir) => writeFileSync(join(dir, 'event.yaml'), stringify({ ...ANOTHER_EVENT, dates: ['4 May 2031'] })), /event\.yaml: dates\.0: dates are written YYYY-MM-DD$/],
  ['an event with a field it does not know', (dir) => writeFileSync(join(dir, 'event.yaml'), stringify({ ...ANOTHER_EVENT, venue: 'Port Alder' })), /event\.yaml: \(root\): .*venue/],
];

for (const [problem, breakIt, message] of BROKEN) {
  t.test(`${problem} stops ingest with one line naming the file, and leaves the database as it was`, async (t) => {
    const dir = lexiconCopy(t);
    const path = join(dir, 'existing.db');
    const db = openDatabase(path);
    t.teardown(() => db.close());
    await ingest(db, { paths: [SEEDS_DIR], lexiconDir: dir });
    const before = canonicalDump(db);

    breakIt(dir);
    const run = runIngest(path, ['--if-empty'], { LEXICON_DIR: dir });
    t.equal(run.status, 1);
    const lines = run.stderr.trimEnd().split('\n');
    t.equal(lines.length, 1, `one line: ${run.stderr}`);
    t.match(lines[0], /^ingest: /);
    t.match(lines[0], message);
    t.ok(lines[0]!.includes(dir), 'the line names the file by its path');
    t.same(canonicalDump(db), before);
  });
}

t.test('LEXICON_DIR is the lexicon of the CLI too, and --lexicon overrides it', async (t) => {
  const dir = lexiconCopy(t);
  editTaxonomy(dir, (taxonomy) => taxonomy.topics.unshift(TRADE));
  const path = join(dir, 'cli.db');
  const built = runIngest(path, [SEEDS_DIR], { LEXICON_DIR: dir });
  t.equal(built.status, 0, built.stderr);
  const topics = () => {
    const db = openDatabase(path, { readonly: true });
    try {
      return (db.prepare('SELECT slug FROM topics ORDER BY position').all() as Array<{ slug: string }>).map((row) => row.slug);
    } finally {
      db.close();
    }
  };
  t.equal(topics()[0], 'trade', 'built with the folder LEXICON_DIR names');

  // What `npm start` runs first: the database is left as it is when the lexicon is the one it was built with.
  const restarted = runIngest(path, ['--if-empty'], { LEXICON_DIR: dir });
  t.equal(restarted.status, 0, restarted.stderr);
  t.match(restarted.stdout, /\(nothing changed\)/);

  const overridden = runIngest(path, ['--if-empty', '--lexicon', SEEDS_DIR], { LEXICON_DIR: dir });
  t.equal(overridden.status, 0, overridden.stderr);
  t.match(overridden.stdout, /re-extracted 5 stored sources/);
  t.notOk(topics().includes('trade'), 'the flag wins over the variable');
});

t.test('every topic is stored in the order the taxonomy lists it', async (t) => {
  const dir = lexiconCopy(t);
  const db = openDatabase(join(dir, 'order.db'));
  t.teardown(() => db.close());
  await ingest(db, { paths: [SEEDS_DIR], lexiconDir: dir });
  editTaxonomy(dir, (taxonomy) => taxonomy.topics.splice(2, 0, TRADE));
  await ingest(db, { paths: [], lexiconDir: dir });
  const stored = (db.prepare('SELECT slug FROM topics ORDER BY position').all() as Array<{ slug: string }>).map((row) => row.slug);
  const listed = (parse(readFileSync(join(dir, 'taxonomy.yaml'), 'utf8')) as Taxonomy).topics.map((topic) => topic.slug);
  t.same(stored, listed);
});
