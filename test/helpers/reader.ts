import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/open.js';
import { ingest } from '../../src/ingest/index.js';
import { SEEDS_DIR, seededDb, tempDir } from './seeded-db.js';

/**
 * Invented local news, beside the seeds: it names none of the event's people or places (so it is judged
 * off-event), has two lines the clean stage removes, and writes characters HTML must escape.
 */
export const OFF_EVENT_ARTICLE = [
  'Harbour town votes for a night ferry',
  '',
  'Share this article',
  '',
  'The town council of Kelmsby voted 9 to 2 on Monday to run a night ferry across the estuary from May.',
  '',
  'The ferry will cost 1.2 million pounds a year, the council said.',
  '',
  'Councillor Ada Brenner said the "<night> service" would help shift workers & families at the port.',
  '',
  'Follow us on Twitter',
  '',
].join('\n');

/** The app over the seeds and the off-event article, reading through a read-only connection as the server does. */
export async function readerApp(t: { teardown: (fn: () => void | Promise<void>) => void }) {
  const { db: writer, path } = await seededDb(t);
  const dir = tempDir(t);
  writeFileSync(join(dir, 'kelmsby.txt'), OFF_EVENT_ARTICLE);
  await ingest(writer, { paths: [dir], lexiconDir: SEEDS_DIR });
  const app = await buildApp({ db: openDatabase(path, { readonly: true }), closeDatabase: true });
  t.teardown(() => app.close());
  return app;
}

/** The values of one data attribute on a page, in document order. */
export function attributeValues(page: string, name: string): string[] {
  return [...page.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((match) => match[1]!);
}
