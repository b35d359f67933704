import t from 'tap';
import { openDatabase } from '../../src/db/open.js';
import { ReadModel } from '../../src/db/read-model.js';
import { seededDb } from '../helpers/seeded-db.js';

// The reads the reader adds to the read model, against the lists they must agree with.

t.test("a speaker's facts: those with a claim by the speaker, in /facts order, in any case, on a topic or not", async (t) => {
  const { db } = await seededDb(t);
  const readModel = new ReadModel(db);
  const ranked = readModel.listFacts({ minSources: 1 }, 100, null).items;
  const claims = readModel.listClaims({}, 100, null).items;
  const speakers = [...new Set(claims.flatMap((claim) => (claim.speaker === null ? [] : [claim.speaker])))];
  t.ok(speakers.length > 5, 'the seeds have speakers');
  for (const speaker of speakers) {
    const theirs = new Set(claims.filter((claim) => claim.speaker?.toLowerCase() === speaker.toLowerCase()).flatMap((claim) => claim.factIds));
    const expected = ranked.filter((fact) => theirs.has(fact.id));
    t.same(readModel.listFactsBySpeaker({ speaker: speaker.toUpperCase() }, 100, null), { items: expected, next: null }, speaker);
    for (const topic of ['taiwan', 'fentanyl']) {
      const onTopic = expected.filter((fact) => fact.topics.includes(topic));
      t.same(readModel.listFactsBySpeaker({ speaker, topic }, 100, null).items, onTopic, `${speaker} on ${topic}`);
    }
  }
  t.same(readModel.listFactsBySpeaker({ speaker: 'Nobody At All' }, 20, null), { items: [], next: null });
});

t.test('the speakers of claims in facts, most facts first, kept until the data changes', async (t) => {
  const { db, path } = await seededDb(t);
  const reader = openDatabase(path, { readonly: true });
  t.teardown(() => reader.close());
  const readModel = new ReadModel(reader);
  const expected = () => {
    const claims = new ReadModel(db).listClaims({}, 100, null).items.filter((claim) => claim.speaker !== null);
    const facts = new Map<string, Set<string>>();
    for (const claim of claims) for (const id of claim.factIds) facts.set(claim.speaker!, (facts.get(claim.speaker!) ?? new Set()).add(id));
    return [...facts]
      .map(([name, ids]) => ({ name, factCount: ids.size }))
      .sort((a, b) => b.factCount - a.factCount || a.name.localeCompare(b.name, 'en'));
  };
  const before = readModel.speakers();
  t.same(before, expected());
  t.equal(readModel.speakers(), before, 'the same list, not read again, while the data is unchanged');
  // Another connection takes Joe Biden's claims out of every fact.
  const biden = before.find((speaker) => speaker.name === 'Joe Biden')!;
  db.prepare("DELETE FROM claim_facts WHERE claim_id IN (SELECT id FROM claims WHERE speaker = 'Joe Biden')").run();
  const after = readModel.speakers();
  t.not(after, before, 'read again after a commit');
  t.same(after, expected());
  t.notOk(after.some((speaker) => speaker.name === biden.name), 'a speaker whose claims left every fact is gone');
});
