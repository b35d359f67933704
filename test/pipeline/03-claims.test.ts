import t from 'tap';
import {
  checkworthiness,
  claimFeatures,
  MIN_CHECKWORTHINESS,
  scoreClaims,
  type ClaimFeatures,
} from '../../src/pipeline/03-claims/index.js';
import type { Sentence } from '../../src/pipeline/types.js';

t.test('claimFeatures counts what makes a sentence checkable', async (t) => {
  const rows: Array<[string, Partial<ClaimFeatures>]> = [
    [
      'The ministers met in Lisbon on Monday.',
      { words: 7, hasVerb: true, events: 1, attributions: 0, numbers: 0, namedActors: 2, hasQuote: false, hedges: 0, opinions: 0 },
    ],
    [
      'Trade Minister Ana Ruiz said the two countries agreed to cut tariffs by 10 percent.',
      { words: 15, hasVerb: true, events: 2, attributions: 1, numbers: 2, hasQuote: false, hedges: 0, opinions: 0 },
    ],
    ['The 3 ministers met 2 times in 2023.', { words: 8, events: 1, numbers: 3 }],
    // A change in a quantity is an event: it can be checked against figures.
    ['Tariffs may possibly fall.', { words: 4, hasVerb: true, events: 1, hedges: 2 }],
    ['Perhaps tariffs may possibly be nicer.', { words: 6, hasVerb: true, events: 0, hedges: 3 }],
    ['Ana Ruiz might reportedly visit Lisbon.', { events: 1, hedges: 2 }],
    ['A crucial, historic and productive meeting.', { words: 6, hasVerb: false, events: 0, opinions: 3 }],
    ['The envoy warned, \u201cWe will not back down.\u201d', { words: 8, attributions: 1, hasQuote: true }],
    ['The envoy called the deal "fair."', { attributions: 1, hasQuote: true }],
    ['It rained.', { words: 2, hasVerb: true, events: 0, attributions: 0, numbers: 0, hedges: 0, opinions: 0 }],
    ['New steel quotas for northern ports', { words: 6, hasVerb: false, namedActors: 0 }],
    ['', { words: 0, hasVerb: false, events: 0, namedActors: 0, hasQuote: false }],
  ];
  for (const [text, expected] of rows) {
    const features = claimFeatures(text);
    const picked = Object.fromEntries(Object.keys(expected).map((key) => [key, features[key as keyof ClaimFeatures]]));
    t.same(picked, expected, JSON.stringify(text));
  }
});

t.test('claimFeatures uses the given tokens, but reads quote marks from the text', async (t) => {
  const features = claimFeatures('"Ministers met in Lisbon."', []);
  t.same(features, {
    words: 0,
    hasVerb: false,
    events: 0,
    attributions: 0,
    numbers: 0,
    namedActors: 0,
    hasQuote: true,
    hedges: 0,
    opinions: 0,
  });
});

t.test('checkworthiness weighs the features into a 0..1 score', async (t) => {
  const none: ClaimFeatures = {
    words: 0,
    hasVerb: false,
    events: 0,
    attributions: 0,
    numbers: 0,
    namedActors: 0,
    hasQuote: false,
    hedges: 0,
    opinions: 0,
  };
  const everything: Partial<ClaimFeatures> = { events: 1, attributions: 1, numbers: 1, namedActors: 2, hasQuote: true, words: 20 };
  const rows: Array<[Partial<ClaimFeatures>, number]> = [
    [{}, 0.15],
    [{ hasVerb: true }, 0.15],
    [{ events: 1 }, 0.4],
    [{ events: 3 }, 0.4],
    [{ attributions: 2 }, 0.3],
    [{ numbers: 1 }, 0.25],
    [{ namedActors: 1 }, 0.25],
    [{ namedActors: 2 }, 0.35],
    [{ namedActors: 5 }, 0.35],
    [{ hasQuote: true }, 0.25],
    [{ words: 10 }, 0.18],
    [{ words: 20 }, 0.2],
    [{ words: 40 }, 0.2],
    [{ hedges: 1 }, 0.05],
    [{ hedges: 5 }, 0],
    [{ opinions: 1 }, 0.1],
    [{ opinions: 5 }, 0],
    [{ events: 1, hedges: 2 }, 0.2],
    [{ events: 1, hedges: 3 }, 0.2],
    [{ events: 1, opinions: 3 }, 0.25],
    [{ events: 1, opinions: 4 }, 0.25],
    [everything, 1],
    [{ ...everything, hedges: 1 }, 0.9],
    [{ ...everything, opinions: 2 }, 0.9],
  ];
  for (const [features, expected] of rows) {
    t.equal(checkworthiness({ ...none, ...features }), expected, JSON.stringify(features));
  }
});

t.test('scoreClaims decides which sentences are claims', async (t) => {
  const rows: Array<[string, boolean, boolean]> = [
    // [text, isHeadline, isClaim]
    // Small talk to the room names nobody; a sentence to the room that names someone reports.
    ["It's been a long week for you all.", false, false],
    ['I know everybody here worked late on the harbour plan.', false, false],
    ['You all heard Minister Ruiz say the ferry runs daily.', false, true],
    // A speaker who breaks off has stated nothing whole; a dash inside a sentence is no break.
    ["I'm not sure the ferry can run daily, but \u2014", false, false],
    ['Trade Minister Ana Ruiz said fees fell 10 percent \u2014 the first cut in years.', false, true],
    ['The ministers met in Lisbon on Monday.', false, true],
    ['Trade Minister Ana Ruiz said the two countries agreed to cut tariffs by 10 percent.', false, true],
    ['After the talks ended on Monday, the ministers signed a deal.', false, true],
    ['The envoy warned, \u201cWe will not back down.\u201d', false, true],
    ['Ana Ruiz might reportedly visit Lisbon.', false, true],
    // Fewer than four words.
    ['It rained.', false, false],
    ['Ministers met Monday.', false, false],
    // Checkworthiness below the minimum.
    ['Perhaps tariffs may possibly be nicer.', false, false],
    ['A crucial, historic and productive meeting.', false, false],
    // A dangling lead-in reports nothing alone, however checkable its words.
    ['While the ministers from Portugal and Spain met in Lisbon,', false, false],
    ['While the ministers from Portugal and Spain met in Lisbon, they signed the deal.', false, true],
    ['Although Portugal and Spain agreed to cut steel quotas,', false, false],
    ['As the talks in Lisbon ended on Monday,', false, false],
    // A greeting or thanks reports nothing; a longer sentence that goes on to report something is a claim.
    ['Good afternoon, everyone, and thank you for coming today.', false, false],
    ['Thank you all for joining us this morning.', false, false],
    ['Thank you to the city of Lisbon, which hosted 40 delegations this week.', false, true],
    ["It's good to be back in Lisbon.", false, false],
    ['Hope you all had a smooth trip here.', false, false],
    ['I\u2019m pleased to introduce Ana Ruiz, Deputy Minister for Ports and Inland Waterways of Norland.', false, false],
    ['She will start with opening remarks, and then open for questions.', false, false],
    // A speaker talking about the speaking itself.
    ['The hall is full, so I will be brief this evening.', false, false],
    ["I'll keep my remarks short, as the ferry leaves at noon.", false, false],
    ['So bear with me while I find my notes.', false, false],
    ['Give me a few minutes before the Minister speaks.', false, false],
    ['And now, here comes the Harbour Master of Norland.', false, false],
    ['The Minister said the ferry stop in Vell will be brief on Mondays.', false, true],
    // A question asks; a statement that quotes one states.
    ['Will the ferry run every hour from May?', false, false],
    ['Ruiz asked the pilots, \u201cWill the ferry run every hour from May?\u201d', false, true],
    ["Mr. President, it's good to see you again.", false, false],
    ['Madam Chair, thank you for the invitation.', false, false],
    ['Mr. Dale, thank you for the kind words.', false, false],
    // A form of address adds words, not content.
    ['Mr. Deputy Minister, thank you for coming all this way, and welcome back to Norland.', false, false],
    ['Thank you for coming all this way, and welcome back to Norland, where the new port opens.', false, true],
    ['Later, thanks to the quay, ministers signed the ferry deal.', false, true],
    ['Minister, let me turn it over to you.', false, false],
    ['Without further ado, the Minister.', false, false],
    ['And thank you for your warm welcome.', false, false],
    ['I am delighted to be with you all tonight.', false, false],
    ['Great to see so many old friends.', false, false],
    ["It's good to be back in Lisbon, where we signed the ferry treaty in 2019.", false, true],
    // A headline reports when it has a verb, however headline style hides it; without one it labels.
    ['Deal Signed In Lisbon Today', true, true],
    ['Lind and Dale Sign Ferry Deal In Lisbon', true, true],
    ['Lind, Dale Agree to Cut Harbour Fees', true, true],
    ['Ruiz returns home from ferry talks with Lind, Dale', true, true],
    ['Record Tariff Cuts For Lisbon Exporters', true, false],
    ['Record Tariff Cuts For Lisbon Exporters', false, false],
    ['Beginning of the ferry talks in restricted format', true, false],
    ['Norland-Vell talks: the harbour in pictures', true, false],
  ];
  const sentences: Sentence[] = rows.map(([text, isHeadline], index) => ({
    start: index * 100,
    end: index * 100 + text.length,
    text,
    isHeadline,
  }));
  const scored = scoreClaims(sentences);
  t.equal(scored.length, rows.length, 'one result per sentence');
  rows.forEach(([text, isHeadline, isClaim], index) => {
    const result = scored[index]!;
    const label = `${JSON.stringify(text)}${isHeadline ? ' (headline)' : ''}`;
    t.equal(result.isClaim, isClaim, label);
    t.same(
      { start: result.start, end: result.end, text: result.text, isHeadline: result.isHeadline },
      sentences[index],
      `span kept: ${label}`,
    );
    t.equal(result.checkworthiness, checkworthiness(claimFeatures(text)), `score: ${label}`);
    if (isClaim) t.ok(result.checkworthiness >= MIN_CHECKWORTHINESS, `claim scores at least the minimum: ${label}`);
  });
});

t.test('scoreClaims keeps a transcript turn\u2019s plain statements, which would score too low elsewhere', async (t) => {
  const text = 'The tide waits for nobody here.';
  const plain: Sentence = { start: 0, end: text.length, text, isHeadline: false };
  t.equal(scoreClaims([plain])[0]!.isClaim, false, 'in reporting');
  t.equal(scoreClaims([{ ...plain, turn: 'MINISTER OKAFOR' }])[0]!.isClaim, true, 'in a turn');
  t.equal(scoreClaims([plain], 0)[0]!.isClaim, true, 'in a statement or speech on record');
  t.equal(scoreClaims([plain], 1)[0]!.isClaim, false, 'before the speech begins');
  const thanks = 'Thank you all for coming.';
  t.equal(scoreClaims([{ start: 0, end: thanks.length, text: thanks, isHeadline: false, turn: 'MINISTER OKAFOR' }])[0]!.isClaim, false, 'thanks still report nothing');
});

t.test('scoreClaims rejects dangling lead-ins that would otherwise qualify', async (t) => {
  const rows: Array<[string, boolean]> = [
    // [text, isClaim]
    ['While the ministers from Portugal and Spain met in Lisbon,', false],
    ['Although Portugal and Spain agreed to cut steel quotas,', false],
    ['As the talks in Lisbon ended on Monday,', false],
    // Not a lead-in: the clause is complete, or the trailing comma follows a main clause.
    ['Although Portugal and Spain agreed to cut steel quotas, they kept the tariffs.', true],
    ['Portugal and Spain agreed to cut steel quotas,', true],
  ];
  for (const [text, isClaim] of rows) {
    const [scored] = scoreClaims([{ start: 0, end: text.length, text, isHeadline: false }]);
    t.ok(scored!.checkworthiness >= MIN_CHECKWORTHINESS, `scores enough: ${JSON.stringify(text)}`);
    t.equal(scored!.isClaim, isClaim, JSON.stringify(text));
  }
});

t.test('in a transcript turn, where every statement is on the record, talk about the talk is still no claim', async (t) => {
  const rows: Array<[string, boolean]> = [
    ['The hall is full, so I will be brief this evening.', false],
    ["I'll keep my remarks short, as the ferry leaves at noon.", false],
    ['So bear with me while I find my notes.', false],
    ['Give me a few minutes before the Minister speaks.', false],
    ['And now, here comes the Harbour Master of Norland.', false],
    ['We will open the new ferry line in May.', true],
    ['I think the harbour is ready.', true],
  ];
  const sentences: Sentence[] = rows.map(([text], index) => ({ start: index * 100, end: index * 100 + text.length, text, isHeadline: false, turn: 'MINISTER RUIZ' }));
  scoreClaims(sentences).forEach((sentence, index) => t.equal(sentence.isClaim, rows[index]![1], sentence.text));
});
