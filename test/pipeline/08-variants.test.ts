import t from 'tap';
import { findVariants, type VariantClaim } from '../../src/pipeline/08-facts/variants.js';
import { compileEntities, findEntities } from '../../src/pipeline/06-entities/index.js';

const ENTITIES = compileEntities([
  { name: 'Lisbon', kind: 'place', aliases: [] },
  { name: 'Porto', kind: 'place', aliases: ['Oporto'] },
  { name: 'Portugal', kind: 'place', aliases: [] },
  { name: 'Porto Harbour', kind: 'place', aliases: [] },
  { name: 'Ana Ruiz', kind: 'person', aliases: ['Ruiz'] },
]);
const placesIn = (text: string) => findEntities(text, ENTITIES).filter((mention) => mention.kind === 'place');

/** [sourceId, text, speaker, quote] → claims with ids c1, c2, … */
function claims(rows: Array<[string, string, (string | null)?, (string | null)?]>): VariantClaim[] {
  return rows.map(([sourceId, text, speaker = null, quote = null], index) => ({ id: `c${index + 1}`, sourceId, text, speaker, quote, places: placesIn(text) }));
}

/** A variant as [kind, [value, claim id, the words its span covers]…]. */
function summary(list: VariantClaim[]) {
  const texts = new Map(list.map((claim) => [claim.id, claim.text]));
  return findVariants(list).map((variant) => [
    variant.kind,
    variant.values.map((value) => [value.value, value.claimId, texts.get(value.claimId)!.slice(value.start, value.end)]),
  ]);
}

t.test('findVariants reports the values sources give differently, with the words behind each', async (t) => {
  const rows: Array<[string, VariantClaim[], unknown[]]> = [
    ['agreement on every value: nothing to report', claims([['s1', 'The ministers met in Lisbon on Monday.'], ['s2', 'On Monday the ministers met in Lisbon.']]), []],
    [
      'a different place; an alias counts as its place',
      claims([['s1', 'The ministers met in Lisbon.'], ['s2', 'The ministers met in Oporto.']]),
      [['place', [['Lisbon', 'c1', 'Lisbon'], ['Porto', 'c2', 'Oporto']]]],
    ],
    [
      'the longest place name wins',
      claims([['s1', 'Ships left Porto Harbour.'], ['s2', 'Ships left Porto.']]),
      [['place', [['Porto Harbour', 'c1', 'Porto Harbour'], ['Porto', 'c2', 'Porto']]]],
    ],
    [
      'one source naming a wider place is still a difference',
      claims([['s1', 'They met in Lisbon, Portugal.'], ['s2', 'They met in Lisbon.']]),
      [['place', [['Lisbon', 'c1', 'Lisbon'], ['Portugal', 'c1', 'Portugal'], ['Lisbon', 'c2', 'Lisbon']]]],
    ],
    [
      'numbers with units and dates',
      claims([['s1', 'The talks lasted four hours on Monday.'], ['s2', 'The talks lasted 3 hours on Tuesday.']]),
      [
        ['number', [['four hours', 'c1', 'four hours'], ['3 hours', 'c2', '3 hours']]],
        ['date', [['Monday', 'c1', 'Monday'], ['Tuesday', 'c2', 'Tuesday']]],
      ],
    ],
    [
      'a hedge one source makes and another does not',
      claims([['s1', 'A suspected spy ship was seen.'], ['s2', 'A spy ship was seen.']]),
      [['hedge', [['suspected', 'c1', 'suspected'], ['stated without hedge', 'c2', 'A spy ship was seen.']]]],
    ],
    ['every source hedging is no difference', claims([['s1', 'Tariffs may fall.'], ['s2', 'Tariffs might fall.']]), []],
    [
      'different speakers and quoted wordings',
      claims([
        ['s1', 'Ruiz said the port is "open for business".', 'Ana Ruiz', 'open for business'],
        ['s2', 'Tan said the port is "ready for trade".', 'Lee Tan', 'ready for trade'],
      ]),
      [
        ['person', [['Ana Ruiz', 'c1', 'Ruiz said the port is "open for business".'], ['Lee Tan', 'c2', 'Tan said the port is "ready for trade".']]],
        ['quote-wording', [['open for business', 'c1', 'open for business'], ['ready for trade', 'c2', 'ready for trade']]],
      ],
    ],
    [
      'a claim without a speaker does not disagree with one that has one',
      claims([['s1', 'The port reopened, Ruiz said.', 'Ana Ruiz'], ['s2', 'The port reopened.']]),
      [],
    ],
    [
      'two claims of the same source are not a disagreement',
      claims([['s1', 'They met in Lisbon.'], ['s1', 'They met in Porto.']]),
      [],
    ],
    ['no claims', [], []],
  ];
  for (const [name, list, expected] of rows) t.same(summary(list), expected, name);
});

t.test('background places (the story\u2019s setting) are no place variant', async (t) => {
  const list = claims([['s1', 'They met in Lisbon, Portugal.'], ['s2', 'They met in Porto, Portugal.']]);
  t.same(findVariants(list, new Set(['Portugal']))[0]!.values.map((value) => value.value), ['Lisbon', 'Porto']);
  t.same(findVariants(claims([['s1', 'They met in Portugal.'], ['s2', 'They met.']]), new Set(['Portugal'])), []);
});
