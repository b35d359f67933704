import type { ClaimFilter, Page, ReadModel } from '../../src/db/read-model.js';

/** Every item of a list, page by page through the keyset cursor. */
export function walk<T, Key>(read: (after: Key | null) => Page<T>, maxPages = 1000): { items: T[]; pages: number } {
  const items: T[] = [];
  let after: Key | null = null;
  let pages = 0;
  do {
    const page = read(after);
    items.push(...page.items);
    after = page.next as Key | null;
    pages += 1;
  } while (after && pages < maxPages);
  return { items, pages };
}

/** One real value over the seeds for every /claims filter. */
export function claimFilterValues(readModel: ReadModel): Required<ClaimFilter> {
  return {
    topic: 'fentanyl',
    source: readModel.listSources(1, null).items[0]!.id,
    speaker: 'joe biden',
    factId: readModel.listFacts({ minSources: 2 }, 1, null).items[0]!.id,
    q: 'military',
    entity: readModel.findEntityId('China')!,
    minCheckworthiness: 0.5,
    offEvent: 0,
  };
}

/** Each filter alone, and every pair of them. */
export function claimFilterCombinations(values: Required<ClaimFilter>): ClaimFilter[] {
  const names = Object.keys(values) as Array<keyof ClaimFilter>;
  const combinations: ClaimFilter[] = [{}];
  names.forEach((first, index) => {
    combinations.push({ [first]: values[first] });
    for (const second of names.slice(index + 1)) combinations.push({ [first]: values[first], [second]: values[second] });
  });
  return combinations;
}
