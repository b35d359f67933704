import t from 'tap';
import { speakerErrorKind } from '../../tools/eval/index.js';

// [expected, served, kind]: invented names.
const ROWS: Array<[string | null, string | null, ReturnType<typeof speakerErrorKind>]> = [
  ['Mara Vell', null, 'missed'],
  [null, 'Mara Vell', 'spurious'],
  ['Mara Vell', 'Vell', 'nameForm'],
  ['Vell', 'the Mara Vell', 'nameForm'],
  ['Norland’s trade ministry', "norland's trade ministry office", 'nameForm'],
  ['senior harbour official', 'a harbour official', 'nameForm'],
  ['Mara Vell', 'Tomas Ruiz', 'otherActor'],
  ['Norland and Vellmark', 'the leaders', 'otherActor'],
];

t.test('a speaker mistake is classed by how the served name differs from the gold', async (t) => {
  for (const [expected, served, kind] of ROWS) t.equal(speakerErrorKind(expected, served), kind, `${expected} / ${served}`);
});
