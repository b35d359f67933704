import t from 'tap';
import { quoteIsOpen, splitSentences } from '../../src/pipeline/02-sentences/index.js';
import type { Segment } from '../../src/pipeline/types.js';

function segment(text: string, start: number, isHeadline = false): Segment {
  return { start, end: start + text.length, text, isHeadline };
}

t.test('splitSentences splits a reporting segment into sentences', async (t) => {
  const rows: Array<[string, string[]]> = [
    [
      'The ministers met in Lisbon on Monday. They signed a tariff deal. Talks end Friday.',
      ['The ministers met in Lisbon on Monday.', 'They signed a tariff deal.', 'Talks end Friday.'],
    ],
    [
      'Dr. Smith met the U.S. delegation at 10 a.m. on Monday. The talks lasted two hours.',
      ['Dr. Smith met the U.S. delegation at 10 a.m. on Monday.', 'The talks lasted two hours.'],
    ],
    // Dotted initials end a sentence only when a sentence opener follows.
    [
      'Ruiz said the U.S. One China policy stands. Trade with the U.S. The talks went on.',
      ['Ruiz said the U.S. One China policy stands.', 'Trade with the U.S.', 'The talks went on.'],
    ],
    // A dotted abbreviation after a hyphen is not cut: sentences are separated by a space.
    [
      'Ruiz went to the Lisbon-U.K. summit and stayed two days. Lee met her.',
      ['Ruiz went to the Lisbon-U.K. summit and stayed two days.', 'Lee met her.'],
    ],
    ['Exports rose 3.5 percent in May. Imports fell.', ['Exports rose 3.5 percent in May.', 'Imports fell.']],
    ['Is this the end? No. It is not!', ['Is this the end?', 'No.', 'It is not!']],
    ['Talks resumed on Monday', ['Talks resumed on Monday']],
    ['The ministers met. ', ['The ministers met.']],
    // A full stop inside a quotation does not end the sentence around it (straight and curly marks).
    ['The envoy said "We are close. Very close," and left.', ['The envoy said "We are close. Very close," and left.']],
    [
      'The envoy said \u201cWe are close. Very close,\u201d and left. She flew home.',
      ['The envoy said \u201cWe are close. Very close,\u201d and left.', 'She flew home.'],
    ],
    // Pages mix marks: a curly opening closed by a straight mark still closes the quotation.
    [
      'The envoy called it \u201ca fair deal. We will sign it." Then she left.',
      ['The envoy called it \u201ca fair deal. We will sign it."', 'Then she left.'],
    ],
    // A quotation left open runs to the end of the segment.
    ['The minister called it "a fair deal. We will sign it.', ['The minister called it "a fair deal. We will sign it.']],
    ['The envoy said "We are close. Very close." and left the room.', ['The envoy said "We are close. Very close." and left the room.']],
  ];
  for (const [text, expected] of rows) {
    const offset = 17;
    const raw = `${'x'.repeat(offset)}${text}`;
    const sentences = splitSentences([segment(text, offset)]);
    t.same(
      sentences.map((sentence) => sentence.text),
      expected,
      JSON.stringify(text),
    );
    for (const sentence of sentences) {
      t.equal(raw.slice(sentence.start, sentence.end), sentence.text, `span of ${JSON.stringify(sentence.text)}`);
      t.equal(sentence.isHeadline, false, `not a headline: ${JSON.stringify(sentence.text)}`);
    }
  }
});

t.test('splitSentences keeps headlines whole and never merges segments', async (t) => {
  const rows: Array<[Segment[], Array<[number, number, string, boolean]>]> = [
    [[segment('Trade Deal Signed. Ministers Celebrate', 0, true)], [[0, 38, 'Trade Deal Signed. Ministers Celebrate', true]]],
    [
      [segment('Tariff Talks Open In Lisbon', 0, true), segment('The ministers met. They signed a deal.', 40)],
      [
        [0, 27, 'Tariff Talks Open In Lisbon', true],
        [40, 58, 'The ministers met.', false],
        [59, 78, 'They signed a deal.', false],
      ],
    ],
    // A line break is a hard boundary, even inside a grammatical sentence.
    [
      [segment('While talks continued,', 5), segment('the ministers signed a deal.', 30)],
      [
        [5, 27, 'While talks continued,', false],
        [30, 58, 'the ministers signed a deal.', false],
      ],
    ],
    // An open quotation does not carry over into the next segment.
    [
      [segment('He said "we are close.', 0), segment('Talks resume on Monday. Ships wait.', 30)],
      [
        [0, 22, 'He said "we are close.', false],
        [30, 53, 'Talks resume on Monday.', false],
        [54, 65, 'Ships wait.', false],
      ],
    ],
    [[], []],
  ];
  for (const [segments, expected] of rows) {
    t.same(
      splitSentences(segments).map((sentence) => [sentence.start, sentence.end, sentence.text, sentence.isHeadline]),
      expected,
      JSON.stringify(segments.map((s) => s.text)),
    );
  }
});

t.test('quoteIsOpen tracks curly and straight quotation marks in one state', async (t) => {
  const rows: Array<[string, boolean]> = [
    ['', false],
    ['no quotes', false],
    ["the ministers' deal isn't final", false],
    ['He said "yes', true],
    ['He said "yes"', false],
    ['\u201cyes', true],
    ['\u201cyes\u201d', false],
    ['\u201cyes"', false],
    ['"yes\u201d', false],
    ['\u201d stray closing mark', false],
    ['\u201c\u201cdoubled opening', true],
    ['"a" and "b', true],
    ['"a" and "b"', false],
    ['\u2018single\u2019 marks do not count', false],
  ];
  for (const [text, expected] of rows) t.equal(quoteIsOpen(text), expected, JSON.stringify(text));
});
