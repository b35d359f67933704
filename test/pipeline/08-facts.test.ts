import t from 'tap';
import { compileTopics, tagClaim, type CompiledTopic } from '../../src/pipeline/04-topics/index.js';
import { groupFacts, type Fact, type FactCandidate } from '../../src/pipeline/08-facts/index.js';

/** [sourceId, text, topics]; ids and corpus order follow the row order. */
type ClaimRow = [string, string, string[]];

/** Fact keys and lemmas come from the topics stage, as ingest stores them. */
function candidates(rows: ClaimRow[], taxonomy: CompiledTopic[] = []): FactCandidate[] {
  return rows.map(([sourceId, text, topics], index) => ({
    ...reading(text, taxonomy),
    id: `clm_${String(index + 1).padStart(2, '0')}`,
    sourceId,
    order: index + 1,
    text,
    topics,
    checkworthiness: 0.5,
    isHeadline: false,
    speaker: null,
    quote: null,
    places: [],
  }));
}

/** A fact without its id: [claimIds, sourceIds, topics]. */
type Grouped = [string[], string[], string[]];

function reading(text: string, taxonomy: CompiledTopic[] = []): Pick<FactCandidate, 'factKeys' | 'lemmas'> {
  const { factKeys, lemmas } = tagClaim(text, taxonomy);
  return { factKeys, lemmas };
}

function grouped(facts: Fact[]): Grouped[] {
  return facts.map((fact) => [fact.claimIds, fact.sourceIds, fact.topics]);
}

const TARIFF_CUT = 'Portugal and Spain agreed to cut steel tariffs by ten percent.';

const CORPORA: Array<[string, ClaimRow[], Grouped[]]> = [
  [
    'near-identical wording from two sources',
    [
      ['s1', TARIFF_CUT, ['tariffs']],
      ['s2', 'Portugal and Spain agreed to cut tariffs on steel by ten percent.', ['tariffs']],
    ],
    [[['clm_01', 'clm_02'], ['s1', 's2'], ['tariffs']]],
  ],
  [
    'three sources, one fact',
    [
      ['s1', TARIFF_CUT, ['tariffs']],
      ['s2', 'Portugal and Spain agreed to cut steel tariffs by ten percent, officials said.', ['tariffs']],
      ['s3', 'Portugal and Spain have agreed to cut steel tariffs by ten percent.', ['tariffs']],
    ],
    [[['clm_01', 'clm_02', 'clm_03'], ['s1', 's2', 's3'], ['tariffs']]],
  ],
  [
    'the same claim twice in one source is no fact',
    [
      ['s1', TARIFF_CUT, ['tariffs']],
      ['s1', TARIFF_CUT, ['tariffs']],
    ],
    [],
  ],
  [
    'a second claim from a source already in the group stays out',
    [
      ['s1', TARIFF_CUT, ['tariffs']],
      ['s2', TARIFF_CUT, ['tariffs']],
      ['s2', 'Portugal and Spain have agreed to cut the steel tariffs by ten percent.', ['tariffs']],
    ],
    [[['clm_01', 'clm_02'], ['s1', 's2'], ['tariffs']]],
  ],
  [
    'unrelated claims do not group',
    [
      ['s1', 'Portugal agreed to cut steel tariffs by ten percent.', ['tariffs']],
      ['s2', 'The harbour in Porto reopened after the storm.', ['tariffs']],
      ['s3', 'Wine exports to Brazil doubled last year.', ['tariffs']],
      ['s4', 'Fishing quotas for sardines were extended.', ['tariffs']],
    ],
    [],
  ],
  [
    'claims sharing a few words but stating different things do not group',
    [
      ['s1', 'Portugal agreed to cut steel tariffs by ten percent after long talks in Lisbon.', ['tariffs']],
      ['s2', 'Spain raised tariffs on olive oil after talks in Madrid ended without progress.', ['tariffs']],
    ],
    [],
  ],
  [
    'words most claims share do not hold groups together',
    [
      ['s1', TARIFF_CUT, ['tariffs']],
      ['s1', 'Portugal and Spain will reopen the harbour at Porto next week.', ['tariffs']],
      ['s1', 'Portugal and Spain signed a fishing accord covering sardines.', ['tariffs']],
      ['s2', 'Portugal and Spain agreed to cut tariffs on steel by ten percent.', ['tariffs']],
      ['s2', 'Portugal and Spain plan to reopen the Porto harbour next week.', ['tariffs']],
      ['s2', 'Portugal and Spain discussed wine exports to Brazil.', ['tariffs']],
    ],
    [
      [['clm_01', 'clm_04'], ['s1', 's2'], ['tariffs']],
      [['clm_02', 'clm_05'], ['s1', 's2'], ['tariffs']],
    ],
  ],
  [
    'identical wording under different topics does not group',
    [
      ['s1', TARIFF_CUT, ['tariffs']],
      ['s2', TARIFF_CUT, ['trade']],
    ],
    [],
  ],
  [
    'claims without topics group among themselves, and the fact has no topics',
    [
      ['s1', TARIFF_CUT, []],
      ['s2', TARIFF_CUT, []],
    ],
    [[['clm_01', 'clm_02'], ['s1', 's2'], []]],
  ],
  [
    'a claim with two topics supports a fact under each',
    [
      ['s1', 'Portugal and Spain agreed to cut steel tariffs and reopen the port of Porto.', ['tariffs', 'shipping']],
      ['s2', 'Portugal and Spain agreed to cut steel tariffs.', ['tariffs']],
      ['s3', 'The port of Porto will reopen, Portugal and Spain agreed.', ['shipping']],
    ],
    [
      [['clm_01', 'clm_03'], ['s1', 's3'], ['shipping']],
      [['clm_01', 'clm_02'], ['s1', 's2'], ['tariffs']],
    ],
  ],
  [
    'the same claims grouped under two topics are one fact about both',
    [
      ['s1', 'Portugal and Spain agreed to cut steel tariffs at the port.', ['tariffs', 'shipping']],
      ['s2', 'Portugal and Spain agreed to cut steel tariffs at the port.', ['tariffs', 'shipping']],
    ],
    [[['clm_01', 'clm_02'], ['s1', 's2'], ['shipping', 'tariffs']]],
  ],
  ['no claims, no facts', [], []],
];

t.test('groupFacts groups claims from different sources that state the same thing', async (t) => {
  for (const [name, rows, expected] of CORPORA) {
    t.same(grouped(groupFacts(candidates(rows))), expected, name);
  }
});

t.test('every fact has claims from at least two sources, each source listed once', async (t) => {
  for (const [name, rows] of CORPORA) {
    const corpus = candidates(rows);
    for (const fact of groupFacts(corpus)) {
      const sources = fact.claimIds.map((id) => corpus.find((claim) => claim.id === id)!.sourceId);
      t.ok(new Set(sources).size >= 2, `${name}: ${fact.id} spans two sources`);
      t.equal(new Set(sources).size, sources.length, `${name}: ${fact.id} has one claim per source`);
      t.same(fact.sourceIds, [...new Set(sources)], `${name}: ${fact.id} lists its sources`);
    }
  }
});

t.test('fact ids are stable across calls and independent of input order', async (t) => {
  for (const [name, rows] of CORPORA) {
    const corpus = candidates(rows);
    const first = groupFacts(corpus);
    t.same(groupFacts(corpus), first, `${name}: same result on a second call`);
    t.same(groupFacts([...corpus].reverse()), first, `${name}: same result from reversed input`);
    t.same(groupFacts([...corpus.slice(1), ...corpus.slice(0, 1)]), first, `${name}: same result from rotated input`);
    for (const fact of first) t.match(fact.id, /^fct_[0-9a-f]{16}$/, `${name}: id format`);
    t.equal(new Set(first.map((fact) => fact.id)).size, first.length, `${name}: ids are distinct`);
  }
});

t.test('a fact keeps its id when unrelated claims join the corpus', async (t) => {
  const base: ClaimRow[] = [
    ['s1', TARIFF_CUT, ['tariffs']],
    ['s2', 'Portugal and Spain agreed to cut tariffs on steel by ten percent.', ['tariffs']],
  ];
  const rows: ClaimRow[][] = [
    [...base, ['s3', 'Wine exports to Brazil doubled last year.', ['exports']]],
    [...base, ['s3', 'Fishing quotas for sardines were extended.', ['fishing']], ['s4', 'The harbour in Porto reopened.', ['shipping']]],
  ];
  const [alone] = groupFacts(candidates(base));
  t.ok(alone, 'the base corpus has a fact');
  for (const corpus of rows) {
    const facts = groupFacts(candidates(corpus));
    t.same(
      facts.map((fact) => [fact.id, fact.claimIds]),
      [[alone!.id, alone!.claimIds]],
      `${corpus.length} claims`,
    );
  }
});

t.test('the statement is the cleanest stand-alone wording', async (t) => {
  const CLEAN = 'Portugal agreed to cut steel tariffs by ten percent.';
  const rows: Array<[Array<[string, number, boolean]>, string]> = [
    // [[text, checkworthiness, isHeadline] per source, expected statement]
    [[['they agreed to cut steel tariffs by ten percent', 0.9, false], [CLEAN, 0.5, false]], CLEAN],
    [[[CLEAN, 0.4, false], ['Portugal has agreed to cut steel tariffs by ten percent.', 0.7, false]], 'Portugal has agreed to cut steel tariffs by ten percent.'],
    [[[CLEAN, 0.5, false], ['Portugal has agreed to cut steel tariffs by ten percent.', 0.5, false]], CLEAN],
    [[['Portugal agrees to cut steel tariffs by ten percent', 0.6, true], [CLEAN, 0.5, false]], CLEAN],
    [[['Portugal "agreed to cut steel tariffs by ten percent."', 0.6, false], [CLEAN, 0.5, false]], CLEAN],
    [[['However, Portugal agreed to cut steel tariffs by ten percent.', 0.6, false], [CLEAN, 0.5, false]], CLEAN],
    [[[`  ${CLEAN}  `, 0.5, false], ['portugal agreed to cut steel tariffs by ten percent.', 0.5, false]], CLEAN],
  ];
  for (const [claims, statement] of rows) {
    const corpus: FactCandidate[] = claims.map(([text, checkworthiness, isHeadline], index) => ({
      ...reading(text),
      id: `clm_${index}`,
      sourceId: `s${index}`,
      order: index,
      text,
      topics: ['tariffs'],
      checkworthiness,
      isHeadline,
      speaker: null,
      quote: null,
      places: [],
    }));
    t.same(
      groupFacts(corpus).map((fact) => fact.statement),
      [statement],
      JSON.stringify(claims.map(([text]) => text)),
    );
  }
});

t.test('claims that match one fact pattern form one fact, whatever their wording', async (t) => {
  const topics = compileTopics([
    {
      slug: 'tariffs',
      label: 'Tariffs',
      description: 'Duties on imports.',
      terms: ['tariff'],
      facts: [{ key: 'tariff-cut', label: 'Tariffs were cut.', all: [['tariff', 'import duty'], ['cut', 'lower', 'reduce']] }],
    },
  ]);
  const corpus = candidates([
    ['s1', 'Portugal slashed nothing but cut tariffs on steel.', ['tariffs']],
    ['s2', 'Import duties on steel were lowered by Lisbon.', ['tariffs']],
    ['s2', 'Lisbon will reduce tariffs further next year.', ['tariffs']],
    ['s3', 'The harbour in Porto reopened.', ['shipping']],
  ], topics);
  const facts = groupFacts(corpus, topics);
  t.same(
    facts.map((fact) => [fact.key, fact.claimIds, fact.sourceIds, fact.topics]),
    [['tariff-cut', ['clm_01', 'clm_02', 'clm_03'], ['s1', 's2'], ['tariffs']]],
    'every matching claim joins, two from the same source included',
  );
  t.equal(facts[0]!.id, groupFacts([...corpus].reverse(), topics)[0]!.id, 'the id depends on the pattern, not on input order');
  t.same(groupFacts(corpus.slice(1, 3), topics), [], 'a pattern stated by one source only is no fact');
});
