import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** An answer as it left the server, without the headers every answer carries (date, connection, keep-alive). */
export type Answer = { status: number; headers: Record<string, string>; body: Buffer };

/**
 * Serves the app on a free loopback port, as clients meet it: `routed` counts the requests that reached
 * Fastify's hooks, `get` uses node:http rather than fetch to see the bytes as sent, compressed ones included,
 * and `url` is the server's base URL for any other client.
 */
export async function overSocket(t: { teardown: (fn: () => void | Promise<void>) => void }, app: FastifyInstance) {
  let routed = 0;
  app.addHook('onRequest', (_request, _reply, done) => {
    routed += 1;
    done();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => app.close());
  const { port } = app.server.address() as AddressInfo;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<Answer>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = response.headers as Record<string, string>;
          resolve({ status: response.statusCode!, headers: rest, body: Buffer.concat(chunks) });
        });
      })
        .on('error', reject)
        .end();
    });
  return { get, routed: () => routed, url: `http://127.0.0.1:${port}` };
}
