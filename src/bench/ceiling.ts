import { createServer } from 'node:http';

/**
 * The ceiling for `npm run bench`: bare node:http answering one fixed small JSON body, the most this
 * machine serves with no framework, routing, database or serialisation. Runs in its own process so it
 * never shares an event loop with the load generator.
 */
const BODY = Buffer.from(JSON.stringify({ status: 'ok', sources: 5, claims: 78, facts: 17 }));

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': BODY.length });
  response.end(BODY);
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : address}`);
});

process.once('SIGTERM', () => server.close(() => process.exit(0)));
