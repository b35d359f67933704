import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadLexicon } from '../../src/lexicon.js';
import { carriedTopics, compileTopics, mainTopic, MAIN_TOPIC_LEAD, MAIN_TOPIC_SHARE, outsideLongerTerms, tagTopics } from '../../src/pipeline/04-topics/index.js';
import { containsTerm, findSequences, indexSequences } from '../../src/pipeline/terms.js';
import type { Topic } from '../../src/pipeline/types.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

function topic(slug: string, terms: string[]): Topic {
  return { slug, label: slug.toUpperCase(), description: `About ${slug}.`, terms };
}

const TOPICS: Topic[] = [
  topic('tariffs', ['tariff', 'import duty', 'trade-war']),
  topic('shipping', ['port', 'container ship', 'shipping lane']),
  topic('ai', ['ai', 'artificial intelligence']),
  topic('meetings', ['person-to-person', 'in person', 'cross-border talk']),
];

t.test('compileTopics reduces each term to lemma and surface-form word sequences', async (t) => {
  const rows: Array<[string[], string[][]]> = [
    [['tariff'], [['tariff']]],
    [['Tariff'], [['tariff']]],
    [['import duty'], [['import', 'duty']]],
    [['import duties'], [['import', 'duty'], ['import', 'duties']]],
    // Hyphens read as spaces.
    [['trade-war'], [['trade', 'war']]],
    [['person-to-person'], [['person', 'to', 'person']]],
    [['cross\u2013border talk'], [['cross', 'border', 'talk']]],
    // The surface form is kept too when lemmatising changes it.
    [['shipping lane'], [['ship', 'lane'], ['shipping', 'lane']]],
    [['container ship', 'port'], [['container', 'ship'], ['port']]],
    [[], []],
  ];
  for (const [terms, expected] of rows) {
    t.same(compileTopics([topic('x', terms)]), [{ slug: 'x', terms: expected }], JSON.stringify(terms));
  }
  t.same(
    compileTopics(TOPICS).map((compiled) => compiled.slug),
    ['tariffs', 'shipping', 'ai', 'meetings'],
    'one compiled topic per topic, in taxonomy order',
  );
});

t.test('tagTopics tags the topics whose terms occur, in taxonomy order', async (t) => {
  const compiled = compileTopics(TOPICS);
  const rows: Array<[string, string[]]> = [
    ['The ministers cut tariffs on steel.', ['tariffs']],
    ['Import duties were raised.', ['tariffs']],
    ['The ministers\u2019 import duty plan was shelved.', ['tariffs']],
    ['A trade war looms.', ['tariffs']],
    ['The trade-war escalated.', ['tariffs']],
    ['Two container ships docked at the port.', ['shipping']],
    ['The shipping lanes reopened and tariffs fell.', ['tariffs', 'shipping']],
    ['They discussed AI and chips.', ['ai']],
    ['Artificial Intelligence Rules Agreed', ['ai']],
    ['They met in-person for the first time.', ['meetings']],
    ['Both sides met in person.', ['meetings']],
    ['The cross-border talks resumed.', ['meetings']],
    // Whole words only: no topic from a word that merely contains a term.
    ['Portugal hosted the talks.', []],
    ['The aid package was approved.', []],
    ['The import of duty-free goods rose.', []],
    ['Nothing relevant here.', []],
    ['', []],
    ['Tariffs rose sharply.', ['tariffs']],
    ['New Tariffs Announced', ['tariffs']],
    ['Container Ships Docked', ['shipping']],
  ];
  for (const [text, expected] of rows) t.same(tagTopics(text, compiled), expected, JSON.stringify(text));
  t.same(tagTopics('Tariffs at the port rose.', []), [], 'no topics, no tags');
});

t.test('a term inside a longer term of another topic counts only for the longer one', async (t) => {
  const compiled = compileTopics([
    topic('crowd-control', ['tear gas', 'water cannon']),
    topic('fuels', ['gas', 'coal', 'gas field']),
    topic('treaties', ['Harlow Accord']),
    topic('negotiations', ['accord', 'negotiator']),
    topic('peace-talks', ['peace', 'ceasefire']),
    topic('awards', ['peace prize']),
  ]);
  const rows: Array<[string, string[]]> = [
    // Tear gas is no fuel.
    ['Police fired tear gas at the march in Port Alder.', ['crowd-control']],
    ['Norland burns gas and coal.', ['fuels']],
    // The same word outside the longer term still counts.
    ['The tear gas came from a depot that also stores gas.', ['crowd-control', 'fuels']],
    // A term inside a longer term of its own topic: the topic stays.
    ['Ona Lind opened a new gas field.', ['fuels']],
    // A named agreement is no accord still being negotiated.
    ['Ona Lind signed the Harlow Accord in 2019.', ['treaties']],
    ['Negotiators reached an accord late on Friday.', ['negotiations']],
    ['Under the Harlow Accord, negotiators meet every spring.', ['treaties', 'negotiations']],
    // A prize's name is no peace talks.
    ['Ona Lind won the Norland Peace Prize.', ['awards']],
    ['Norland and Vell agreed a ceasefire.', ['peace-talks']],
    ['The Peace Prize went to the envoy who brokered peace in Vell.', ['peace-talks', 'awards']],
  ];
  for (const [text, expected] of rows) t.same(tagTopics(text, compiled), expected, JSON.stringify(text));

  // Word positions [start, end) of each topic's matches.
  const spans: Array<[string, Array<{ topic: number; start: number; end: number }>, number[]]> = [
    ['inside a longer match of another topic', [{ topic: 0, start: 2, end: 4 }, { topic: 1, start: 3, end: 4 }], [0]],
    ['inside a longer match of its own topic', [{ topic: 1, start: 2, end: 4 }, { topic: 1, start: 2, end: 3 }], [1, 1]],
    ['two matches of the same span', [{ topic: 0, start: 2, end: 3 }, { topic: 1, start: 2, end: 3 }], [0, 1]],
    ['overlapping, neither inside the other', [{ topic: 0, start: 1, end: 3 }, { topic: 1, start: 2, end: 4 }], [0, 1]],
    ['apart', [{ topic: 0, start: 0, end: 2 }, { topic: 1, start: 5, end: 6 }], [0, 1]],
    ['none', [], []],
  ];
  for (const [name, matches, kept] of spans) t.same(outsideLongerTerms(matches).map((match) => match.topic), kept, name);
});

t.test('the seed taxonomy loads with the required topics', async (t) => {
  const { topics, lexicon } = loadLexicon(SEEDS);
  const required = [
    'military-communication',
    'fentanyl',
    'taiwan',
    'middle-east',
    'artificial-intelligence',
    'export-controls',
    'climate',
    'spy-balloon',
    'ukraine',
    'exit-bans',
    'bilateral-relations',
    'summit-logistics',
    'leader-remarks',
  ];
  for (const slug of required) {
    const found = topics.find((candidate) => candidate.slug === slug);
    t.ok(found, `topic ${slug} exists`);
    t.ok(found && found.label.trim().length > 0, `topic ${slug} has a label`);
    t.ok(found && found.description.trim().length > 0, `topic ${slug} has a description`);
    t.ok(found && found.terms.length > 0, `topic ${slug} has terms`);
  }
  t.same(
    lexicon.topics.map((compiled) => compiled.slug),
    topics.map((loaded) => loaded.slug),
    'every loaded topic is compiled, in order',
  );

  const rows: Array<[string, string[]]> = [
    ['The navies restored military-to-military contacts.', ['military-communication']],
    ['They agreed to set up a military hotline.', ['military-communication']],
    ['Customs seized precursor chemicals at the port.', ['fentanyl']],
    ['The talks covered climate finance and carbon markets.', ['climate']],
    ['Officials discussed chip export controls.', ['export-controls']],
    ['The two sides met in person at the summit.', ['summit-logistics']],
    ['The ministers discussed the weather.', []],
    ['The airline resumed flights.', []],
    ['Relations between the neighbours have soured.', ['bilateral-relations']],
  ];
  for (const [text, expected] of rows) t.same(tagTopics(text, lexicon.topics), expected, JSON.stringify(text));
});

t.test('a document mostly about one topic carries it to the claims that name no topic', async (t) => {
  t.equal(MAIN_TOPIC_SHARE, 0.4);
  t.equal(MAIN_TOPIC_LEAD, 2);
  // Each row: the topics of a document's claims, in reading order, and what each claim carries.
  const rows: Array<[string, string[][], string[][]]> = [
    // A report on a relief fund: "Meanwhile, Norland pledged 10 million." is about the fund.
    ['a report on one subject', [['fund'], ['fund'], [], ['fund', 'ports'], []], [[], [], ['fund'], [], ['fund']]],
    // Remarks closing a state visit to Vell: "We leave with a full notebook." is about the visit.
    ['the main topic at exactly two in five claims', [['visit'], [], [], ['visit'], []], [[], ['visit'], ['visit'], [], ['visit']]],
    ['under two in five claims', [['visit'], [], [], ['visit'], [], []], [[], [], [], [], [], []]],
    // Port Alder's harbour and its tariffs, half and half: no main topic.
    ['two subjects level', [['ports'], ['tariffs'], ['ports'], ['tariffs'], []], [[], [], [], [], []]],
    ['a lead of one claim', [['ports'], ['ports'], ['ports'], ['tariffs'], ['tariffs'], []], [[], [], [], [], [], []]],
    ['a lead of two claims', [['ports'], ['ports'], ['ports'], ['ports'], ['tariffs'], ['tariffs'], []], [[], [], [], [], [], [], ['ports']]],
    // A claim that names a topic keeps what it names, main topic or not.
    ['claims with topics keep theirs', [['fund'], ['fund'], ['ports'], ['fund']], [[], [], [], []]],
    ['one claim on a topic is no lead', [['fund'], []], [[], []]],
    ['a document with no topics', [[], [], []], [[], [], []]],
    ['no claims', [], []],
  ];
  for (const [name, topics, expected] of rows) t.same(carriedTopics(topics), expected, name);
  t.equal(mainTopic([['fund'], ['fund'], []]), 'fund');
  t.equal(mainTopic([['fund'], ['ports']]), null);
});

t.test('a taxonomy that still lists fact patterns is refused, naming the file and the field', async (t) => {
  t.throws(
    () => loadLexicon(fileURLToPath(new URL('../fixtures/lexicon-with-fact-patterns/', import.meta.url))),
    /lexicon-with-fact-patterns\/taxonomy\.yaml: topics\.0\.facts: fact patterns are no longer read/,
  );
});

t.test('findSequences walks a sentence once and finds where every indexed sequence starts, on lemmas or surface forms', async (t) => {
  const words = { lemmas: ['the', 'talk', 'resume', 'military', 'talk'], normals: ['the', 'talks', 'resumed', 'military', 'talks'], contentLemmas: [] };
  const talk = [['talk']];
  const resumed = [['resumed']];
  const militaryTalk = [['military', 'talk']];
  const talksEnd = [['talks', 'ended']];
  const empty: string[][] = [[]];
  const absent = [['tariff'], ['tariffs']];
  const matches = findSequences(words, indexSequences([talk, resumed, militaryTalk, talksEnd, empty, absent]));
  t.same(matches.get(talk[0]!), [1, 4], 'every start, on lemmas');
  t.same(matches.get(resumed[0]!), [2], 'on surface forms');
  t.same(matches.get(militaryTalk[0]!), [3], 'a sequence of words');
  t.equal(matches.get(talksEnd[0]!), undefined, 'a sequence cut off by the end of the sentence');
  t.equal(containsTerm(matches, talksEnd), false);
  t.equal(matches.get(absent[0]!), undefined);
  t.equal(containsTerm(matches, talk), true);
  t.equal(containsTerm(matches, absent), false);
  t.equal(containsTerm(matches, empty), false, 'an empty sequence matches nothing');
  const both = [['talk'], ['talks']];
  t.equal(containsTerm(findSequences(words, indexSequences([both])), both), true, 'a term found on lemma and surface form alike');
});
