import t from 'tap';
import { seededApp } from '../helpers/seeded-db.js';

/** [url, status, the parameter the problem must name (or null)] */
const cases: Array<[string, number, string | null]> = [
  ['/claims?limit=0', 400, 'limit'],
  ['/claims?limit=1000', 400, 'limit'],
  ['/claims?limit=ten', 400, 'limit'],
  ['/claims?cursor=not-a-cursor!', 400, 'cursor'],
  ['/claims?cursor=WzFd', 400, 'cursor'],
  ['/facts?cursor=WzEsMl0', 400, 'cursor'],
  ['/topics?cursor=' + 'A'.repeat(600), 400, 'cursor'],
  ['/claims?topic=weather', 400, 'topic'],
  ['/facts?topic=weather', 400, 'topic'],
  ['/discrepancies?topic=weather', 400, 'topic'],
  ['/discrepancies?kind=colour', 400, 'kind'],
  ['/discrepancies?cursor=WzEsMl0', 400, 'cursor'],
  ['/claims?source=src_nope', 400, 'source'],
  ['/claims?factId=fct_nope', 400, 'factId'],
  ['/claims?q=%22%20*%20%22', 400, 'q'],
  ['/facts?minSources=0', 400, 'minSources'],
  ['/claims?entity=nobody', 400, 'entity'],
  ['/claims?entity=Biden', 400, 'entity'],
  ['/claims?minCheckworthiness=1.5', 400, 'minCheckworthiness'],
  ['/claims?minCheckworthiness=-0.1', 400, 'minCheckworthiness'],
  ['/claims?minCheckworthiness=high', 400, 'minCheckworthiness'],
  ['/claims?minCheckworthiness=', 400, 'minCheckworthiness'],
  ['/claims?minCheckworthiness=Infinity', 400, 'minCheckworthiness'],
  ['/entities?kind=city', 400, 'kind'],
  ['/entities?q=', 400, 'q'],
  ['/entities?limit=101', 400, 'limit'],
  ['/entities?cursor=WzFd', 400, 'cursor'],
  ['/claims/nope', 404, null],
  ['/sources/nope', 404, null],
  ['/facts/nope', 404, null],
  ['/topics/nope', 404, null],
  ['/entities/nope', 404, null],
  ['/no/such/route', 404, null],
];

t.test('every error is RFC 9457 problem details naming what was wrong', async (t) => {
  const { app } = await seededApp(t);
  for (const [url, status, parameter] of cases) {
    const response = await app.inject(url);
    t.equal(response.statusCode, status, url);
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${url} content type`);
    const problem = response.json();
    t.match(problem, { type: /^urn:summit-facts:problem:/, title: String, status, detail: String, instance: url }, `${url} shape`);
    t.notMatch(JSON.stringify(problem), /at .*\.(?:ts|js):\d+/, `${url} carries no stack trace`);
    if (parameter) t.same(problem.invalidParams.map((param: { name: string }) => param.name), [parameter], `${url} names ${parameter}`);
  }
});

t.test('an unknown topic lists the valid slugs', async (t) => {
  const { app } = await seededApp(t);
  const problem = (await app.inject('/claims?topic=weather')).json();
  t.ok(problem.validValues.includes('fentanyl'));
  t.equal(problem.validValues.length, 13);
});

t.test('a failure inside a handler is a 500 problem without internals', async (t) => {
  const { app, db } = await seededApp(t);
  db.exec('DROP TABLE claim_facts');
  const response = await app.inject('/claims?limit=1');
  t.equal(response.statusCode, 500);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
  t.same(Object.keys(response.json()).sort(), ['detail', 'instance', 'status', 'title', 'type']);
  t.notMatch(response.body, /claim_facts|sqlite|stack/i);
});
