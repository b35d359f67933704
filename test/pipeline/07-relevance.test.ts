import t from 'tap';
import { compileLexicon, runPipeline } from '../../src/pipeline/index.js';
import { compileEvent, judgeRelevance, type EventDescription, type RelevanceInput } from '../../src/pipeline/07-relevance/index.js';
import type { EntityMention } from '../../src/pipeline/types.js';

// An invented event, far from any evaluation text: a regional water summit.
const EVENT: EventDescription = {
  name: 'RWC3 Lakeshore Water Summit',
  dates: ['2031-05-04', '2031-05-06'],
  places: ['Port Alder', 'Lakeshore Province'],
  description: 'Heads of government of the lake basin meet to agree on water sharing, dams and drought relief.',
};
const PEOPLE = [
  { name: 'Mara Oduya', kind: 'person' as const, aliases: ['Oduya'] },
  { name: 'Piet Lindqvist', kind: 'person' as const, aliases: ['Lindqvist'] },
];
const event = compileEvent(EVENT, PEOPLE);

const person = (entity: string): EntityMention => ({ entity, kind: 'person', start: 0, end: entity.length });
const claim = (text: string, extra: Partial<RelevanceInput> = {}): RelevanceInput => ({ text, topics: [], speaker: null, entities: [], ...extra });

t.test('the event compiles its places and the proper words of its name, not its common words', async (t) => {
  t.same([...event.names.entityOf.keys()].sort(), ['Lakeshore Province', 'Port Alder', 'RWC3']);
  const rows: Array<[string, string[]]> = [
    ['NATO Summit in Vilnius', ['NATO']],
    ['G20 Leaders’ Summit, New Delhi', ['G20']],
    ['The 2031 Water Summit', []],
    ['COP41 in Port Alder', ['COP41']],
  ];
  // The kind of event a name opens with, in two words or more, in any capitals.
  rows.push(['State visit of Mara Oduya to Port Alder', ['state visit']], ['Meeting of Mara Oduya and Piet Lindqvist', []]);
  for (const [name, tokens] of rows) {
    const compiled = compileEvent({ ...EVENT, name, places: [] }, []);
    t.same([...new Set([...compiled.names.entityOf.values()].map((value) => value.entity))], tokens, name);
  }
});

t.test('judgeRelevance: a document is about the event when it names two of its anchors in enough of its claims', async (t) => {
  const rows: Array<{ name: string; title: string | null; claims: RelevanceInput[]; verdict: RegExp | null }> = [
    {
      name: 'a report naming the leaders and the host city',
      title: null,
      claims: [
        claim('Mara Oduya and Piet Lindqvist met in Port Alder on Tuesday.', { entities: [person('Mara Oduya'), person('Piet Lindqvist')] }),
        claim('The talks lasted three hours.'),
        claim('Both sides agreed to share flood data.', { topics: ['water-sharing'] }),
      ],
      verdict: null,
    },
    {
      name: 'a transcript whose speaker is named by the turn, not the sentence',
      title: 'Remarks at the RWC3 closing session',
      claims: [claim('I told my colleagues that the dam will be finished next year.', { speaker: 'Mara Oduya' })],
      verdict: null,
    },
    {
      name: 'a report that names the event by its numbered name',
      title: 'RWC3 ends with a water deal',
      claims: [claim('Delegates agreed to share flood data.', { topics: ['water-sharing'] }), claim('The deal takes effect in 2032.')],
      verdict: null,
    },
    {
      name: 'an unrelated local story',
      title: 'Council approves bus lanes',
      claims: [claim('The council voted 7 to 2 for the bus lanes.'), claim('Work starts in March.')],
      verdict: /names none/,
    },
    {
      name: 'a speaker of the event on several of its subjects, who never names it',
      title: null,
      claims: [
        claim('This meeting will decide how the basin shares its water.', { speaker: 'Piet Lindqvist', topics: ['water-sharing'] }),
        claim('The new dams must not starve the delta.', { speaker: 'Piet Lindqvist', topics: ['dams'] }),
      ],
      verdict: null,
    },
    {
      name: 'a call on other business that touches one of the subjects in passing',
      title: null,
      claims: [
        claim('Mara Oduya spoke with the mayor of a northern town about rail fares.', { entities: [person('Mara Oduya')] }),
        claim('They discussed the ferry timetable.'),
        claim('They also touched on the new dams upstream.', { topics: ['dams'] }),
        claim('The mayor raised flood relief for the valley.', { topics: ['water-sharing'] }),
        claim('They agreed to speak again in the autumn.'),
      ],
      verdict: /names only Mara Oduya/,
    },
    {
      // Remarks whose speakers the title names and whose turns it does not label: first-person words naming no one.
      name: 'a transcript whose title names who met',
      title: 'Remarks by Mara Oduya and Piet Lindqvist before their meeting',
      claims: [
        claim('We agreed on the dam this morning.', { speaker: 'Mara Oduya' }),
        claim('I look forward to the next season.', { speaker: 'Mara Oduya' }),
      ],
      verdict: null,
    },
    {
      name: 'a release that names one leader only',
      title: 'Oduya opens new hospital wing',
      claims: [
        claim('Mara Oduya opened the hospital wing on Monday.', { entities: [person('Mara Oduya')] }),
        claim('The wing has 40 beds.'),
      ],
      verdict: /names only Mara Oduya/,
    },
    {
      name: 'a long story on something else that mentions the summit once',
      title: null,
      claims: [
        claim('Mara Oduya, back from the RWC3 meeting, spoke about rail fares.', { entities: [person('Mara Oduya')] }),
        ...Array.from({ length: 9 }, (_, index) => claim(`Rail fares rose ${index + 2} per cent in the northern lines.`)),
      ],
      verdict: /only 1 of its 10 claims/,
    },
  ];
  for (const row of rows) {
    const verdict = judgeRelevance(row.title, row.claims, event);
    if (row.verdict === null) t.equal(verdict, null, row.name);
    else t.match(verdict, row.verdict, row.name);
  }
});

t.test('judgeRelevance: a document dated more than a year before the event is about something else', async (t) => {
  const leaders = [claim('Mara Oduya and Piet Lindqvist spoke by phone about the dams.', { entities: [person('Mara Oduya'), person('Piet Lindqvist')] })];
  const rows: Array<[string | null, RegExp | null]> = [
    ['2027-02-11', /dated 2027-02-11, more than a year before the event/],
    // A preview months ahead, the summit itself, a page stamped years later, or no date: the names decide.
    ['2030-11-20', null],
    ['2031-05-05', null],
    ['2034-09-01', null],
    [null, null],
  ];
  for (const [publishedAt, verdict] of rows) {
    const found = judgeRelevance(null, leaders, event, publishedAt);
    if (verdict === null) t.equal(found, null, String(publishedAt));
    else t.match(found, verdict, String(publishedAt));
  }
});

t.test('judgeRelevance: a report that dates what it reports, without a year, away from the event\u2019s days is about other days', async (t) => {
  const leaders = (date: string, later = date) => [
    claim(`Mara Oduya welcomed Piet Lindqvist to Port Alder on ${date}.`, { entities: [person('Mara Oduya'), person('Piet Lindqvist')] }),
    claim(`The two leaders met on ${later} to discuss the dams.`),
  ];
  const rows: Array<[string, string, RegExp | null]> = [
    ['February 11', 'February 11', /dates what it reports Feb 11, Feb 11, away from the event's days/],
    // The event's days (4 to 6 May), a week from them, or another year's date given in full: the names decide.
    ['May 5', 'May 5', null],
    ['May 14', 'May 14', null],
    ['April 26', 'May 5', null],
    ['February 11, 2031', 'February 11, 2031', null],
    // One date away from the event may be the next meeting it announces.
    ['February 11', 'Friday', null],
  ];
  for (const [date, later, verdict] of rows) {
    const found = judgeRelevance(null, leaders(date, later), event);
    if (verdict === null) t.equal(found, null, `${date}, ${later}`);
    else t.match(found, verdict, `${date}, ${later}`);
  }
  // Round the year's end: an event on the last days of December is near the first days of January.
  const newYear = compileEvent({ ...EVENT, dates: ['2031-12-30', '2031-12-31'] }, PEOPLE);
  t.equal(judgeRelevance(null, leaders('January 3'), newYear), null, 'January 3 beside 31 December');
  t.match(judgeRelevance(null, leaders('January 20'), newYear), /away from the event's days/, 'January 20');
});

t.test('a claim that dates something within the event\u2019s days anchors the document to it', async (t) => {
  const release = (date: string) => [
    claim(`Mara Oduya addressed the basin assembly on ${date}.`, { entities: [person('Mara Oduya')] }),
    claim('She thanked the delegates.'),
  ];
  t.equal(judgeRelevance(null, release('5 May 2031'), event), null, 'within the summit');
  t.equal(judgeRelevance(null, release('May 7, 2031'), event), null, 'the day after');
  t.match(judgeRelevance(null, release('9 June 2031'), event), /names only Mara Oduya/, 'another day');
});

t.test('with no event described, or nothing to judge, every document is about the event', async (t) => {
  t.equal(judgeRelevance('Council approves bus lanes', [claim('The council voted for the bus lanes.')], null), null);
  t.equal(judgeRelevance('Council approves bus lanes', [], event), null);
});

t.test('runPipeline marks the whole article with the verdict', async (t) => {
  const lexicon = compileLexicon({
    topics: [{ slug: 'water-sharing', label: 'Water sharing', description: 'Sharing the basin’s water.', terms: ['water', 'dam'] }],
    aliases: { 'Mara Oduya': ['Oduya'], 'Piet Lindqvist': ['Lindqvist'] },
    entities: PEOPLE,
    event: EVENT,
  });
  const onEvent = runPipeline({ text: 'Oduya and Lindqvist agreed in Port Alder to build a second dam.\n\nThe dam will cost 2 billion.' }, lexicon);
  t.equal(onEvent.offEvent, null);
  const offEvent = runPipeline({ text: 'The council voted on Monday to extend the tram line.\n\nConstruction starts in June.' }, lexicon);
  t.match(offEvent.offEvent, /names none/);
  t.ok(offEvent.claims.length > 0, 'its claims are still extracted');
});
