import t from 'tap';
import { ReadModel } from '../../src/db/read-model.js';
import { claimFilterCombinations, claimFilterValues, walk } from '../helpers/read-model-walk.js';
import { seededDb } from '../helpers/seeded-db.js';

// Small pages through the cursor serve exactly the items of one big page, in the same order: every
// driving index, every check and the two-range fact pages agree with the list order.

t.test('claims: every filter and pair of filters, page by page', async (t) => {
  const { db } = await seededDb(t);
  const readModel = new ReadModel(db);
  for (const filter of claimFilterCombinations(claimFilterValues(readModel))) {
    const whole = readModel.listClaims(filter, 100, null);
    t.equal(whole.next, null);
    const { items } = walk((after: [number, number] | null) => readModel.listClaims(filter, 2, after));
    t.same(items.map((claim) => claim.id), whole.items.map((claim) => claim.id), JSON.stringify(filter));
  }
  const china = readModel.listClaims({ entity: claimFilterValues(readModel).entity }, 100, null).items.map((claim) => claim.id);
  t.equal(new Set(china).size, china.length, 'a claim naming an entity twice is listed once');
});

t.test('facts, facts on a topic and discrepancies, page by page across ties in source count', async (t) => {
  const { db } = await seededDb(t);
  const readModel = new ReadModel(db);
  const lists = {
    'facts': (limit: number, after: [number, string] | null) => readModel.listFacts({ minSources: 1 }, limit, after),
    'facts, 2 sources': (limit: number, after: [number, string] | null) => readModel.listFacts({ minSources: 2 }, limit, after),
    'facts on taiwan': (limit: number, after: [number, string] | null) => readModel.listFacts({ minSources: 1, topic: 'taiwan' }, limit, after),
    'discrepancies': (limit: number, after: [number, string] | null) => readModel.listDiscrepancies({}, limit, after),
    'discrepancies of place': (limit: number, after: [number, string] | null) => readModel.listDiscrepancies({ kind: 'place' }, limit, after),
    'facts joe biden states': (limit: number, after: [number, string] | null) => readModel.listFactsBySpeaker({ speaker: 'joe biden' }, limit, after),
  };
  for (const [name, list] of Object.entries(lists)) {
    const whole = list(100, null);
    t.equal(whole.next, null);
    t.ok(whole.items.length > 2, `${name}: more than one page`);
    const ranks = whole.items.map((fact) => [fact.sourceCount, fact.id] as const);
    t.ok(ranks.every((rank, index) => index === 0 || ranks[index - 1]![0] > rank[0] || (ranks[index - 1]![0] === rank[0] && ranks[index - 1]![1] < rank[1])), `${name}: most sources first, then id`);
    for (const limit of [1, 2, 3]) {
      const { items } = walk((after: [number, string] | null) => list(limit, after));
      t.same(items.map((fact) => fact.id), whole.items.map((fact) => fact.id), `${name}, ${limit} a page`);
    }
  }
});
