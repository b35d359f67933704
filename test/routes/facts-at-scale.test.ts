import t from 'tap';
import { syntheticCorpusApp } from '../helpers/seeded-db.js';

type Occurrence = { sourceId: string; claimId: string; span: { start: number; end: number } };
type Fact = {
  id: string;
  sourceIds: string[];
  claimIds: string[];
  sourceCount: number;
  claimCount: number;
  variants: Array<{ kind: string; values: Array<{ value: string; sourceCount: number; claimCount: number; occurrences: Occurrence[] }> }>;
  wordings?: Array<{ sourceId: string; claims: Array<{ id: string }> }>;
};
type Page<T> = { items: T[]; nextCursor: string | null };

/** Eighty articles reworded from the seeds: enough for facts with more claims than a fact lists. */
t.test('a fact many articles state lists the first claims and sources, with counts, and /claims pages through all', async (t) => {
  const app = await syntheticCorpusApp(t, 80);

  const facts = (await app.inject('/facts?limit=5')).json<Page<Fact>>().items;
  const big = facts[0]!;
  t.ok(big.claimCount > 20 && big.sourceCount > 20, `the most corroborated fact has ${big.claimCount} claims from ${big.sourceCount} sources`);
  t.equal(big.claimIds.length, 20, 'twenty claim ids listed');
  t.equal(big.sourceIds.length, 20, 'twenty source ids listed');

  const all: string[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const page: Page<{ id: string; sourceId: string; factIds: string[] }> = (
      await app.inject(`/claims?factId=${big.id}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    ).json();
    t.ok(page.items.every((claim) => claim.factIds.includes(big.id)), 'every claim listed supports the fact');
    all.push(...page.items.map((claim) => claim.id));
    cursor = page.nextCursor;
  }
  t.equal(all.length, big.claimCount, 'GET /claims?factId= pages through every supporting claim');
  t.same(all.slice(0, 20), big.claimIds, 'the listed claims are the first in corpus order');

  const detail = (await app.inject(`/facts/${big.id}`)).json<Fact>();
  t.same(detail.wordings!.flatMap((wording) => wording.claims.map((claim) => claim.id)), big.claimIds, 'the detail shows the wording of the listed claims');

  const variants = (await app.inject('/discrepancies?limit=100')).json<Page<Fact>>().items.flatMap((fact) => fact.variants);
  const common = variants.flatMap((variant) => variant.values).find((value) => value.claimCount > 5);
  t.ok(common, 'some variant value is given by more than five claims');
  t.equal(common!.occurrences.length, 5, 'only its first five occurrences are listed');
  t.ok(common!.sourceCount >= new Set(common!.occurrences.map((occurrence) => occurrence.sourceId)).size);
});
