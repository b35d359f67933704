import { spawn } from 'node:child_process';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { sourceIdFor } from '../../src/db/ingest.js';
import { openDatabase } from '../../src/db/open.js';
import { ingest } from '../../src/ingest/index.js';
import { childEnv, compiledEntry, exited } from '../helpers/child-process.js';
import { soundnessProblems, sourceShapes } from '../helpers/dump.js';
import { SEEDS_DIR, TEST_KEY, tempDir } from '../helpers/seeded-db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UPLOADS = 20;
const DOWNLOADS = 10;

const articleFor = (index: number) =>
  `Shutdown test article ${index}\n\nPresident Joe Biden said on Wednesday that talks with China on fentanyl would continue, officials said (${index}).\n`;

/** A request whose headers are sent at once and whose body waits until finish() is called. */
function slowUpload(port: number, index: number) {
  const body = JSON.stringify({ text: articleFor(index) });
  const half = Math.floor(body.length / 2);
  let outgoing!: ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/sources',
        agent: false,
        headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: text }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.write(body.slice(0, half));
  });
  return { answer, finish: () => outgoing.end(body.slice(half)) };
}

/** A large download the client stops reading, so the server cannot finish writing it until resume(). */
function slowDownload(port: number) {
  let paused: IncomingMessage | null = null;
  const answer = new Promise<{ status: number; expected: number; received: number }>((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path: '/docs/static/swagger-ui-bundle.js', agent: false }, (response) => {
      paused = response;
      response.pause();
      let received = 0;
      response.on('data', (chunk: Buffer) => (received += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode!, expected: Number(response.headers['content-length']), received }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
  return { answer, resume: () => paused?.resume() };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

t.test('SIGTERM under load: requests in flight complete, new connections are refused, nothing is lost, exit 0', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'server.db');
  const setup = openDatabase(path);
  await ingest(setup, { paths: [SEEDS_DIR], lexiconDir: SEEDS_DIR });
  setup.close();

  const server = spawn(process.execPath, [compiledEntry('server')], {
    cwd: ROOT,
    env: childEnv({ DATABASE_PATH: path, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SUMMIT_FACTS_API_KEYS: TEST_KEY, LEXICON_DIR: SEEDS_DIR, SHUTDOWN_TIMEOUT_MS: '30000' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  server.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  server.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const until = async (condition: () => boolean, what: string) => {
    for (let waited = 0; !condition(); waited += 20) {
      if (waited > 60_000) throw new Error(`timed out waiting for ${what}; server said: ${stdout.slice(-500)} ${stderr.slice(-500)}`);
      await sleep(20);
    }
  };
  await until(() => /Server listening at http:\/\/127\.0\.0\.1:\d+/.test(stdout), 'the server to listen');
  const port = Number(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)![1]);
  /** How many of the slow requests the server has logged as received. */
  const incoming = () =>
    stdout.split('\n').filter((line) => line.includes('"incoming request"') && /"url":"\/(?:sources|docs\/static\/swagger-ui-bundle\.js)"/.test(line)).length;

  // Load: a steady stream of reads, each on a new connection, through the whole shutdown.
  let signalled = false;
  const reads = { ok: 0, refused: 0, other: [] as string[] };
  const reader = (async () => {
    for (let i = 0; i < 2000 && !(signalled && reads.refused > 0); i++) {
      const sentAfterSignal = signalled;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/claims?limit=100`, { headers: { connection: 'close' } });
        const body = await response.text();
        if (response.status === 200 && JSON.parse(body).items.length > 0) reads.ok++;
        else reads.other.push(`${response.status} ${body.slice(0, 100)}`);
      } catch (error) {
        const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
        if (code === 'ECONNREFUSED' && sentAfterSignal) reads.refused++;
        else if (!sentAfterSignal || code !== 'ECONNRESET') reads.other.push(`${code ?? (error as Error).message}${sentAfterSignal ? ' (sent after SIGTERM)' : ''}`);
      }
    }
  })();

  await until(() => reads.ok >= 10, 'reads to flow');
  const before = incoming();
  const uploads = Array.from({ length: UPLOADS }, (_, index) => slowUpload(port, index));
  const downloads = Array.from({ length: DOWNLOADS }, () => slowDownload(port));
  // In flight: the server has every one of them (it logged each), none can finish yet.
  await until(() => incoming() - before >= UPLOADS + DOWNLOADS, 'the server to receive the slow requests');
  await sleep(200);

  const signalledAt = Date.now();
  server.kill('SIGTERM');
  signalled = true;
  await until(() => stdout.includes('shutting down'), 'the server to start shutting down');
  await sleep(300);
  t.ok(await connectionRefused(port), 'new connections are refused once shutdown begins');
  t.equal(server.exitCode, null, 'the server waits for the requests in flight');

  for (const upload of uploads) upload.finish();
  for (const download of downloads) download.resume();
  const uploaded = await Promise.all(uploads.map((upload) => upload.answer));
  const downloaded = await Promise.all(downloads.map((download) => download.answer));
  const exit = await exited(server);
  const shutdownMs = Date.now() - signalledAt;
  await reader;

  t.same(uploaded.map((answer) => answer.status), uploads.map(() => 201), `all ${UPLOADS} uploads in flight were stored (201)`);
  t.ok(downloaded.every((answer) => answer.status === 200 && answer.received === answer.expected && answer.expected > 1_000_000), `all ${DOWNLOADS} downloads in flight arrived whole`);
  t.same(exit, { code: 0, signal: null }, `exit code 0, ${shutdownMs} ms after SIGTERM`);
  t.match(stdout, /shut down cleanly/);
  t.same(reads.other, [], 'every read answered was a whole 200; none failed but those refused after SIGTERM');
  t.ok(reads.ok > 0 && reads.refused > 0, `${reads.ok} reads served under load, then ${reads.refused} refused after SIGTERM`);
  t.notMatch(stdout + stderr, TEST_KEY, 'the key is in no log line');
  t.comment(`shutdown under load: ${UPLOADS} uploads and ${DOWNLOADS} downloads in flight completed, ${reads.ok} reads served; exit 0 after ${shutdownMs} ms`);

  const db = openDatabase(path);
  t.teardown(() => {
    db.close();
  });
  t.same(soundnessProblems(db), [], 'the database was closed sound');
  const shapes = sourceShapes(db);
  t.equal(shapes.size, 5 + UPLOADS, 'every upload is stored');
  for (let index = 0; index < UPLOADS; index++) t.ok(shapes.has(sourceIdFor(articleFor(index))), `upload ${index} is there`);
});
