import { request, type IncomingMessage } from 'node:http';
import t from 'tap';
import { TEST_KEY, writableApp } from '../helpers/seeded-db.js';
import { overSocket } from '../helpers/socket.js';

type Change = { kind: string; id: string; claimCount: number | null };
type Event = { id: string; event: string; data: Change };

/** An open event stream, read as an EventSource would: events parsed as they arrive. */
function openStream(url: string, headers: Record<string, string> = {}) {
  const events: Event[] = [];
  let waiting: (() => void) | null = null;
  let response: IncomingMessage | null = null;
  let ended = false;
  const opened = new Promise<IncomingMessage>((resolve, reject) => {
    const sent = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (answer) => {
      response = answer;
      let buffer = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(block.split('\n').filter((line) => !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
          if (fields.data !== undefined) events.push({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) as Change });
        }
        waiting?.();
      });
      answer.on('end', () => {
        ended = true;
        waiting?.();
      });
      resolve(answer);
    });
    sent.on('error', reject).end();
  });
  return {
    opened,
    events,
    /** Resolves once `count` events have arrived, or the stream ended. */
    async until(count: number): Promise<Event[]> {
      while (events.length < count && !ended) await new Promise<void>((resolve) => (waiting = resolve));
      return events.slice(0, count);
    },
    ended: () => ended,
    close: () => (response as IncomingMessage | null)?.destroy(),
  };
}

const ARTICLE =
  'PORT ALDER, Jan. 9 (Harbor Wire) - Harbour officials in Norland said on Tuesday that the city would reopen its northern ' +
  'port to container traffic next month, after a three-week closure caused by storm damage.\n\n' +
  'Minister Vell Ruiz told reporters the repairs had cost 4 million crowns.\n';

t.test('the stream sends what /changes lists, then each change as its write commits', async (t) => {
  const { app } = await writableApp(t);
  const server = await overSocket(t, app);
  const all = (await app.inject('/changes?limit=100')).json<{ items: Change[]; nextCursor: string }>();
  t.ok(all.items.length > 0 && all.items.length < 100, 'the seeds make one page of changes');

  const stream = openStream(`${server.url}/changes/stream`);
  const answer = await stream.opened;
  t.equal(answer.statusCode, 200);
  t.match(answer.headers['content-type'], /^text\/event-stream/);
  t.equal(answer.headers['cache-control'], 'no-store');
  const first = await stream.until(all.items.length);
  t.same(first.map((event) => event.data), all.items, 'the same changes in the same order');
  t.ok(first.every((event) => event.event === 'change'), 'each an event named change');
  t.equal(first.at(-1)!.id, all.nextCursor, "the last event's id is the feed's cursor");

  const posted = await app.inject({ method: 'POST', url: '/sources', headers: { authorization: `Bearer ${TEST_KEY}` }, payload: { text: ARTICLE } });
  t.equal(posted.statusCode, 201);
  const since = (await app.inject(`/changes?since=${all.nextCursor}`)).json<{ items: Change[] }>().items;
  t.equal(since[0]!.kind, 'source-added');
  t.equal(since[0]!.id, posted.json().source.id);
  const next = await stream.until(all.items.length + since.length);
  t.same(next.slice(all.items.length).map((event) => event.data), since, 'the write arrives on the open stream');
  stream.close();
});

t.test('Last-Event-ID and since resume after the event they name', async (t) => {
  const { app } = await writableApp(t);
  const server = await overSocket(t, app);
  const all = (await app.inject('/changes?limit=100')).json<{ items: Change[] }>().items;
  const first = openStream(`${server.url}/changes/stream`);
  const events = await first.until(all.length);
  first.close();
  const resumed = openStream(`${server.url}/changes/stream`, { 'last-event-id': events[2]!.id });
  t.same((await resumed.until(all.length - 3)).map((event) => event.data), all.slice(3), 'after the third event');
  resumed.close();
  const fromCursor = openStream(`${server.url}/changes/stream?since=${events[4]!.id}`);
  t.same((await fromCursor.until(all.length - 5)).map((event) => event.data), all.slice(5), 'after the fifth event');
  fromCursor.close();
});

t.test('a malformed event id or cursor is a 400 problem, before any stream opens', async (t) => {
  const { app } = await writableApp(t);
  for (const [headers, url, name] of [
    [{ 'last-event-id': 'not a cursor' }, '/changes/stream', 'Last-Event-ID'],
    [{}, '/changes/stream?since=%%%', 'since'],
  ] as const) {
    const answer = await app.inject({ url, headers });
    t.equal(answer.statusCode, 400, url);
    t.match(answer.headers['content-type'], /^application\/problem\+json/);
    t.equal(answer.json().invalidParams[0].name, name);
  }
});

t.test('closing the server ends the open streams', async (t) => {
  const { app } = await writableApp(t);
  const server = await overSocket(t, app);
  const stream = openStream(`${server.url}/changes/stream`);
  await stream.until(1);
  await app.close();
  await stream.until(Number.MAX_SAFE_INTEGER);
  t.ok(stream.ended(), 'the stream ended');
});
