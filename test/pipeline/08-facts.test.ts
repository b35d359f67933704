import t from 'tap';
import { tagClaim } from '../../src/pipeline/04-topics/index.js';
import { assignClaims, describeFact, groupFacts, type CorpusFrequencies, type Fact, type FactCandidate, type GroupedCandidate } from '../../src/pipeline/08-facts/index.js';

/** [sourceId, text, topics]; ids and corpus order follow the row order. */
type ClaimRow = [string, string, string[]];

/** Lemmas come from the topics stage, as ingest stores them. */
function candidates(rows: ClaimRow[]): FactCandidate[] {
  return rows.map(([sourceId, text, topics], index) => ({
    ...reading(text),
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

function reading(text: string): Pick<FactCandidate, 'lemmas'> {
  return { lemmas: tagClaim(text, []).lemmas };
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
    'a source that states the fact twice gives it two claims and one source',
    [
      ['s1', TARIFF_CUT, ['tariffs']],
      ['s2', TARIFF_CUT, ['tariffs']],
      ['s2', 'Portugal and Spain have agreed to cut the steel tariffs by ten percent.', ['tariffs']],
    ],
    [[['clm_01', 'clm_02', 'clm_03'], ['s1', 's2'], ['tariffs']]],
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
    'topics are a signal, not a wall: identical wording under different topics groups',
    [
      ['s1', TARIFF_CUT, ['tariffs']],
      ['s2', TARIFF_CUT, ['trade']],
    ],
    [[['clm_01', 'clm_02'], ['s1', 's2'], ['tariffs', 'trade']]],
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
    'a fact carries the topics at least half its claims carry',
    [
      ['s1', 'Portugal and Spain agreed to cut steel tariffs by ten percent at the port.', ['tariffs', 'shipping']],
      ['s2', 'Portugal and Spain agreed to cut steel tariffs by ten percent.', ['tariffs']],
      ['s3', 'Portugal and Spain agreed to cut their steel tariffs by ten percent.', ['tariffs', 'trade']],
    ],
    [[['clm_01', 'clm_02', 'clm_03'], ['s1', 's2', 's3'], ['tariffs']]],
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
      t.same(fact.sourceIds, [...new Set(sources)], `${name}: ${fact.id} lists each source once`);
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

t.test('assignClaims places new claims among stored facts without regrouping them', async (t) => {
  const FEES = 'Norland cut harbour fees for ferries by ten percent.';
  const stored: GroupedCandidate[] = [
    { ...candidates([['s1', FEES, ['ports']]])[0]!, id: 'clm_a', order: 1, factId: 'fct_fees' },
    { ...candidates([['s2', 'Norland cut harbour fees for ferries by ten percent, officials said.', ['ports']]])[0]!, id: 'clm_b', order: 2, factId: 'fct_fees' },
    { ...candidates([['s2', 'Wine exports from Vell doubled in the spring season.', ['trade']]])[0]!, id: 'clm_c', order: 3, factId: null },
  ];
  const added = (text: string, topics: string[]): FactCandidate => ({ ...candidates([['s3', text, topics]])[0]!, id: `clm_new_${text.length}`, order: 10 });
  const corpus = [...stored];
  const frequencies = (claims: FactCandidate[]): CorpusFrequencies => ({
    claims: claims.length,
    of: (lemma) => claims.filter((claim) => claim.lemmas.includes(lemma)).length,
  });
  const rows: Array<[string, FactCandidate, Array<[string | null, string[]]>]> = [
    ['a claim like a fact\'s members joins that fact', added('Norland has cut harbour fees for ferries by ten percent.', ['ports']), [['fct_fees', ['clm_a', 'clm_b']]]],
    ['a claim like a stored claim of no fact opens a fact with it', added('Wine exports from Vell doubled in the spring season, traders said.', ['trade']), [[null, ['clm_c']]]],
    ['a claim like nothing stored joins nothing', added('A storm closed the airport in Harbourside.', ['weather']), []],
  ];
  for (const [name, claim, expected] of rows) {
    const changes = assignClaims([claim], corpus, frequencies([...corpus, claim]), new Set());
    t.same(
      changes.map((change) => [change.previousId, change.fact.claimIds]),
      expected.map(([previousId, ids]) => [previousId, [...ids, claim.id]]),
      name,
    );
  }
  const grown = assignClaims([added(FEES, ['ports'])], corpus, frequencies(corpus), new Set())[0]!.fact;
  t.equal(grown.id, groupFacts([...corpus, added(FEES, ['ports'])]).find((fact) => fact.claimIds.includes('clm_a'))!.id, 'a fact keeps the id a full regrouping gives it');
});

t.test('describeFact describes a fact again from the claims left, or drops it', async (t) => {
  const corpus = candidates([
    ['s1', TARIFF_CUT, ['tariffs']],
    ['s2', 'Portugal and Spain agreed to cut tariffs on steel by ten percent.', ['tariffs']],
    ['s2', 'Portugal and Spain have agreed to cut steel tariffs by ten percent.', ['tariffs']],
  ]);
  t.same(describeFact(corpus, new Set())?.sourceIds, ['s1', 's2']);
  t.equal(describeFact(corpus.slice(1), new Set()), null, 'one source left is no fact');
});

t.test('the statement is the claim that best represents the others, among equally clean ones', async (t) => {
  const rows: ClaimRow[] = [
    ['s1', 'Norland and Vell agreed to cut harbour fees for ferries, while fishing quotas for the coming winter stay as they are.', ['ports']],
    ['s2', 'Norland and Vell agreed to cut harbour fees for ferries.', ['ports']],
    ['s3', 'Norland and Vell agreed to cut harbour fees for ferries, officials said.', ['ports']],
  ];
  const facts = groupFacts(candidates(rows));
  t.same(facts.map((fact) => fact.claimIds), [['clm_01', 'clm_02', 'clm_03']], 'one fact of three claims');
  t.equal(facts[0]!.statement, rows[1]![1], 'the wording closest to both others, not the first');
});
