import t from 'tap';
import { metadataErrorKind, noiseShape } from '../../tools/eval/index.js';

// [line, shapes]: invented page furniture and sentences.
const NOISE_ROWS: Array<[string, string[]]> = [
  ['Share this story', ['short', 'unpunctuated']],
  ['Harbour News Today', ['short', 'unpunctuated', 'titleCase']],
  ['Photo: Ona Lind for the Norland Ports Authority archive', ['unpunctuated', 'titleCase']],
  ['The ferry to Vell will run daily from May, the harbour master said.', ['sentenceLike']],
  ['Read more.', ['short']],
];

t.test('a served noise line is classed by its shape', async (t) => {
  for (const [line, shapes] of NOISE_ROWS) t.same(noiseShape(line), shapes, line);
});

t.test('a metadata mistake is missed, spurious or another value', async (t) => {
  t.equal(metadataErrorKind('Norland Post', null), 'missed');
  t.equal(metadataErrorKind(null, 'Norland Post'), 'spurious');
  t.equal(metadataErrorKind('Norland Post', 'Vell Herald'), 'other');
});
