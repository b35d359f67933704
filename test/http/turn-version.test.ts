import t from 'tap';
import { TurnVersion } from '../../src/http/turn-version.js';

const nextTurn = () => new Promise((wake) => setImmediate(wake));

t.test('the version is read once per event-loop turn', async (t) => {
  let committed = 1;
  let reads = 0;
  const version = new TurnVersion(() => {
    reads += 1;
    return String(committed);
  });
  t.equal(version.current(), '1');
  committed = 2;
  t.equal(version.current(), '1', 'a commit in the middle of a turn shows in the next one');
  await Promise.resolve();
  t.equal(version.current(), '1', 'microtasks belong to the same turn');
  t.equal(reads, 1);
  await nextTurn();
  t.equal(version.current(), '2', 'the next turn reads it again');
  t.equal(reads, 2);
});

t.test('forget makes the next read in the same turn go to the database', async (t) => {
  let committed = 1;
  const version = new TurnVersion(() => String(committed));
  t.equal(version.current(), '1');
  committed = 2;
  version.forget();
  t.equal(version.current(), '2', "this server's own write is seen at once");
  committed = 3;
  await nextTurn();
  t.equal(version.current(), '3');
});
