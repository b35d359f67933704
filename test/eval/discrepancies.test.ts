import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runSuite } from '../../tools/eval/suites.js';

/**
 * An invented pair of reports that state one fact with different numbers, and one that states
 * another fact, each with its gold: the eval finds the discrepancy the served fact reports.
 */
const ARTICLES: Record<string, string> = {
  'a.txt': 'Ferry fares to fall in Port Alder\nThe Port Alder ferry operator said on Monday that fares would fall by 10 percent from May.',
  'b.txt': 'Port Alder ferries cut prices\nThe Port Alder ferry operator said on Monday that fares would fall by 12 percent from May.',
  'c.txt': 'Dredging starts in Norland\nThe harbour board said dredging of the northern channel would begin in June.',
};
const CLAIM_FACTS: Record<string, Array<[string, string[]]>> = {
  'a.txt': [
    ['Ferry fares to fall in Port Alder', []],
    ['The Port Alder ferry operator said on Monday that fares would fall by 10 percent from May.', ['fare-cut']],
  ],
  'b.txt': [
    ['Port Alder ferries cut prices', []],
    ['The Port Alder ferry operator said on Monday that fares would fall by 12 percent from May.', ['fare-cut']],
  ],
  'c.txt': [
    ['Dredging starts in Norland', []],
    ['The harbour board said dredging of the northern channel would begin in June.', ['dredging']],
  ],
};

function writeSet(root: string, discrepancies: unknown[]): void {
  for (const folder of ['articles', 'gold', 'lexicon']) mkdirSync(join(root, folder), { recursive: true });
  for (const [index, [file, text]] of Object.entries(ARTICLES).entries()) {
    writeFileSync(join(root, 'articles', file), text);
    const claims = CLAIM_FACTS[file]!.map(([claim, facts]) => ({ text: claim, topics: [], speaker: null, quote: null, facts }));
    const gold = { file, metadata: { title: null, publisher: null, author: null, publishedAt: null }, noise: [], claims };
    writeFileSync(join(root, 'gold', `0${index + 1}_${file.replace('.txt', '.json')}`), JSON.stringify(gold));
  }
  writeFileSync(
    join(root, 'lexicon', 'taxonomy.yaml'),
    'topics:\n  - slug: ferries\n    label: Ferries\n    description: Ferry services and fares.\n    terms: [ferry, fares]\n  - slug: dredging\n    label: Dredging\n    description: Dredging of channels.\n    terms: [dredging]\n',
  );
  writeFileSync(join(root, 'lexicon', 'entities.yaml'), 'people: {}\norganisations: {}\nplaces: {}\n');
  writeFileSync(join(root, 'discrepancies.json'), JSON.stringify(discrepancies));
}

t.test('the eval scores the discrepancies a served fact reports against the gold', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'summit-facts-discrepancies-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const numbers = { fact: 'fare-cut', kind: 'number', values: [{ file: 'a.txt', text: '10 percent' }, { file: 'b.txt', text: '12 percent' }] };
  // A discrepancy between reports of two different facts is never one served fact's variant.
  const unrelated = { fact: 'dredging', kind: 'date', values: [{ file: 'a.txt', text: 'from May' }, { file: 'c.txt', text: 'in June' }] };
  writeSet(root, [numbers, unrelated]);
  const report = await runSuite({ name: 'invented', gold: join(root, 'gold'), articles: join(root, 'articles'), lexicon: join(root, 'lexicon') }, '/');
  t.equal(report.discrepancies.total, 2);
  t.equal(report.discrepancies.found, 1, 'the fare cut is one served fact with a number variant');
  t.equal(report.discrepancies.recall, 0.5);
  t.ok(report.discrepancies.served >= 1, 'the served fact has variants');
  t.equal(report.discrepancies.servedRight, report.discrepancies.served, 'each served variant is on a fact the gold marks as differing');
});
