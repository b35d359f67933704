import t from 'tap';
import { tagClaim } from '../../src/pipeline/04-topics/index.js';
import { featurePairs, groupFacts, pairScore, type FactCandidate } from '../../src/pipeline/08-facts/index.js';
import { namesIn, numbersIn, PAIR_FEATURES, type PairFeature } from '../../src/pipeline/08-facts/pair-features.js';
import { checkPairModel, PAIR_MODEL } from '../../src/pipeline/08-facts/pair-model.js';

t.test('numbersIn reads digits and small number words as one form', async (t) => {
  const rows: Array<[string, string[]]> = [
    ['Fees fall by 10 percent, from 1,500 to 1,350 euros.', ['10', '1350', '1500']],
    ['Two ferries and twelve crew were held for 3.5 hours.', ['12', '2', '3.5']],
    ['The harbour reopened.', []],
  ];
  for (const [text, expected] of rows) t.same(numbersIn(text), expected, text);
});

t.test('namesIn reads capitalised words inside a sentence as names', async (t) => {
  const rows: Array<[string, string[]]> = [
    ['The mayor of Porto met Ana Ruiz in Lisbon.', ['ana', 'lisbon', 'porto', 'ruiz']],
    // The first word is capitalised by the sentence, not by a name.
    ['Harbour fees rose again.', []],
    // A capital after a colon or a quotation mark opens a phrase.
    ['She said: "Fees will fall."', []],
    ['Ports in Norland, Harbourside and Vell reopened.', ['harbourside', 'norland', 'vell']],
  ];
  for (const [text, expected] of rows) t.same(namesIn(text), expected, text);
});

function candidate(id: number, sourceId: string, text: string, extra: Partial<FactCandidate> = {}): FactCandidate {
  return {
    id: `clm_${id}`,
    sourceId,
    order: id,
    text,
    topics: ['ports'],
    checkworthiness: 0.5,
    isHeadline: false,
    speaker: null,
    quote: null,
    lemmas: tagClaim(text, []).lemmas,
    places: [],
    ...extra,
  };
}

/** The signals of the one pair two claims from two sources make. */
function signals(a: FactCandidate, b: FactCandidate): Record<PairFeature, number> {
  const { pairs } = featurePairs([a, b]);
  return Object.fromEntries(PAIR_FEATURES.map((name, at) => [name, pairs[0]!.features[at]!])) as Record<PairFeature, number>;
}

t.test('pair signals say what two claims share', async (t) => {
  const FEES = 'Norland cut harbour fees for ferries by ten percent.';
  const rows: Array<[string, FactCandidate, FactCandidate, Partial<Record<PairFeature, number>>]> = [
    ['the same wording', candidate(1, 's1', FEES), candidate(2, 's2', FEES), { cosine: 1, overlapOfShorter: 1, sharedBigrams: 1, topicOverlap: 1, numbersConflict: 0 }],
    [
      'a short claim inside a longer one',
      candidate(1, 's1', 'Norland cut harbour fees.'),
      candidate(2, 's2', 'Norland cut harbour fees, and the ferry operators in Vell welcomed the move after a long dispute.'),
      { overlapOfShorter: 1 },
    ],
    [
      'numbers that disagree',
      candidate(1, 's1', 'Norland cut harbour fees by 10 percent.'),
      candidate(2, 's2', 'Norland cut harbour fees by 20 percent.'),
      { numbersConflict: 1 },
    ],
    [
      'one speaker, or two',
      candidate(1, 's1', FEES, { speaker: 'Ana Ruiz' }),
      candidate(2, 's2', FEES, { speaker: 'Ana Ruiz' }),
      { sameSpeaker: 1, differentSpeakers: 0 },
    ],
    [
      'two speakers',
      candidate(1, 's1', FEES, { speaker: 'Ana Ruiz' }),
      candidate(2, 's2', FEES, { speaker: 'Tomas Lind' }),
      { sameSpeaker: 0, differentSpeakers: 1 },
    ],
    [
      'a joint speaker and one of its parties',
      candidate(1, 's1', FEES, { speaker: 'Ana Ruiz and Tomas Lind' }),
      candidate(2, 's2', FEES, { speaker: 'Tomas Lind' }),
      { sameSpeaker: 0, differentSpeakers: 0 },
    ],
    [
      'different topics',
      candidate(1, 's1', FEES, { topics: ['ports'] }),
      candidate(2, 's2', FEES, { topics: ['trade'] }),
      { topicOverlap: 0 },
    ],
  ];
  for (const [name, a, b, expected] of rows) {
    const found = signals(a, b);
    // Weights are single-precision floats: equal to a millionth.
    for (const [feature, value] of Object.entries(expected)) t.ok(Math.abs(found[feature as PairFeature] - value) < 1e-6, `${name}: ${feature} is ${value}`);
    for (const value of Object.values(found)) t.ok(value >= 0 && value <= 1 + 1e-6, `${name}: every signal lies between 0 and 1`);
  }
});

t.test('claims of one source are never paired, nor claims that share no word', async (t) => {
  const corpus = [
    candidate(1, 's1', 'Norland cut harbour fees.'),
    candidate(2, 's1', 'Norland cut harbour fees again.'),
    candidate(3, 's2', 'Wine exports to Vell doubled.'),
  ];
  t.same(featurePairs(corpus).pairs, []);
});

t.test('the model scores the same wording above its threshold, a pair with no signal below, and refuses other signals', async (t) => {
  const same = signals(candidate(1, 's1', 'Norland cut harbour fees.'), candidate(2, 's2', 'Norland cut harbour fees.'));
  const score = (values: Record<PairFeature, number>) => pairScore(PAIR_MODEL, PAIR_FEATURES.map((name) => values[name]));
  t.ok(score(same) >= PAIR_MODEL.threshold, 'the same wording reaches the threshold');
  t.ok(pairScore(PAIR_MODEL, PAIR_FEATURES.map(() => 0)) < PAIR_MODEL.threshold, 'no signal does not');
  const loose = [candidate(1, 's1', 'Norland cut harbour fees for ferries and fishing boats alike.'), candidate(2, 's2', 'Fees at airports in Vell rose sharply last winter.')];
  t.same(featurePairs(loose).pairs, [], 'one shared word out of many makes no pair worth scoring');
  t.throws(() => checkPairModel({ ...PAIR_MODEL, features: ['cosine'], weights: [1] }), /trained on other signals/);
  t.equal(groupFacts([]).length, 0);
});
