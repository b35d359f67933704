import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The ceiling for `npm run bench`: bare node:http answering one fixed small JSON body, the most this
 * machine serves with no framework, routing, database or serialisation. Runs in its own process so it
 * never shares an event loop with the load generator. Plain JavaScript run by plain node, as the API's
 * compiled build is: no TypeScript loader in the process whose throughput the API is measured against.
 *
 * With REPLAY_FILE, it also answers `/replay/<n>` with the n-th recorded API answer, byte for byte
 * (status, headers and body as the API sent them): the most the machine and the load generator manage
 * for a body of that size, which tells the server's own cost apart from the cost of moving and parsing
 * the bytes.
 */
const BODY = Buffer.from(JSON.stringify({ status: 'ok', sources: 5, claims: 78, facts: 17 }));

/** Node writes these itself on every answer; copying them would send them twice. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

const replays = process.env.REPLAY_FILE
  ? // serve.ts's RecordedAnswer[]: { status, headers: [name, value][], body: base64 }
    JSON.parse(readFileSync(process.env.REPLAY_FILE, 'utf8')).map(({ status, headers, body }) => {
      const kept = {};
      for (const [name, value] of headers) if (!PER_CONNECTION.has(name.toLowerCase())) kept[name] = value;
      return { status, headers: kept, body: Buffer.from(body, 'base64') };
    })
  : [];

const server = createServer((request, response) => {
  const replay = request.url?.startsWith('/replay/') ? replays[Number(request.url.slice('/replay/'.length))] : undefined;
  if (replay) {
    response.writeHead(replay.status, replay.headers);
    response.end(replay.body);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': BODY.length });
  response.end(BODY);
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : address}`);
});

process.once('SIGTERM', () => server.close(() => process.exit(0)));
