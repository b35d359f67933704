import t from 'tap';
import { otherActorKind, speakerErrorKind } from '../../tools/eval/index.js';

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

// [expected, served, kind] for another actor: invented names.
const OTHER_ACTOR_ROWS: Array<[string, string, ReturnType<typeof otherActorKind>]> = [
  ['the presidents of Norland and Vell', 'Mara Vell and Tomas Ruiz', 'severalActors'],
  ['Mara Vell', 'the leaders', 'severalActors'],
  ['Mara Vell', 'a senior harbour official', 'nameAndDescription'],
  ['Norland’s trade ministry', 'Tomas Ruiz', 'nameAndDescription'],
  ['Mara Vell', 'Tomas Ruiz', 'twoNames'],
  ['Mara Vell', 'Prime Minister', 'officeAlone'],
  ['the Secretary-General', 'Tomas Ruiz', 'officeAlone'],
  ['the Harbour Commission', 'Ona Lind', 'twoNames'],
];

t.test('another actor is classed by what the two names are', async (t) => {
  for (const [expected, served, kind] of OTHER_ACTOR_ROWS) t.equal(otherActorKind(expected, served), kind, `${expected} / ${served}`);
});
