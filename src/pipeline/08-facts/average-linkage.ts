/**
 * Agglomerative clustering with average linkage over a sparse graph. Two clusters merge when the
 * average score over their pairs of items from different sources is the highest left and at least the
 * threshold; a pair with no edge scores `unscored`, so a large cluster joins another only when most
 * of its members resemble most of the other's. Pairs from one source are left out of the average: one source
 * restating itself is no evidence either way.
 */

export type ScoredPair = { a: number; b: number; score: number };

type Link = { sum: number; edges: number };

type Cluster = {
  members: number[];
  /** Items per source, for counting pairs across sources. */
  sources: Map<number, number>;
  /** Summed edge scores and edge counts to each neighbouring cluster, by that cluster's id. */
  links: Map<number, Link>;
  /** Bumped when the cluster grows, so merges queued before are known to be stale. */
  version: number;
};

/**
 * A max-heap of candidate merges, kept in parallel arrays; entries whose clusters changed since are
 * skipped when popped.
 */
class MergeQueue {
  private readonly scores: number[] = [];
  private readonly firsts: number[] = [];
  private readonly seconds: number[] = [];
  private readonly firstVersions: number[] = [];
  private readonly secondVersions: number[] = [];
  /** The entry `pop` last removed. */
  top = { score: 0, first: 0, second: 0, firstVersion: 0, secondVersion: 0 };

  get size(): number {
    return this.scores.length;
  }

  push(score: number, first: number, second: number, firstVersion: number, secondVersion: number): void {
    this.scores.push(score);
    this.firsts.push(first);
    this.seconds.push(second);
    this.firstVersions.push(firstVersion);
    this.secondVersions.push(secondVersion);
    for (let at = this.scores.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if (!this.before(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  pop(): void {
    this.top = {
      score: this.scores[0]!,
      first: this.firsts[0]!,
      second: this.seconds[0]!,
      firstVersion: this.firstVersions[0]!,
      secondVersion: this.secondVersions[0]!,
    };
    const last = this.scores.length - 1;
    this.swap(0, last);
    this.scores.pop();
    this.firsts.pop();
    this.seconds.pop();
    this.firstVersions.pop();
    this.secondVersions.pop();
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let best = at;
      if (left < this.scores.length && this.before(left, best)) best = left;
      if (right < this.scores.length && this.before(right, best)) best = right;
      if (best === at) break;
      this.swap(at, best);
      at = best;
    }
  }

  /** Higher score first; ties go to the pair of earlier clusters, so the result does not depend on push order. */
  private before(x: number, y: number): boolean {
    if (this.scores[x] !== this.scores[y]) return this.scores[x]! > this.scores[y]!;
    if (this.firsts[x] !== this.firsts[y]) return this.firsts[x]! < this.firsts[y]!;
    return this.seconds[x]! < this.seconds[y]!;
  }

  private swap(x: number, y: number): void {
    for (const list of [this.scores, this.firsts, this.seconds, this.firstVersions, this.secondVersions]) {
      const held = list[x]!;
      list[x] = list[y]!;
      list[y] = held;
    }
  }
}

function crossSourcePairs(x: Cluster, y: Cluster): number {
  let sameSource = 0;
  const [small, large] = x.sources.size <= y.sources.size ? [x.sources, y.sources] : [y.sources, x.sources];
  for (const [source, count] of small) sameSource += count * (large.get(source) ?? 0);
  return x.members.length * y.members.length - sameSource;
}

/**
 * Clusters `sources.length` items (item i comes from `sources[i]`) given scores for some pairs of
 * items from different sources. Returns every cluster, singletons included, each member list
 * ascending, in order of first member.
 */
export function averageLinkage(sources: ArrayLike<number>, pairs: ScoredPair[], threshold: number, unscored = 0): number[][] {
  const across = pairs.filter(({ a, b }) => a !== b && sources[a] !== sources[b]);
  // An average at the threshold needs one pair at it, as an unscored pair scores below: clusters only
  // ever grow along such strong pairs, so an item with none stays alone, and a pair between two items
  // that no chain of strong pairs links is never read.
  const component = strongComponents(sources.length, across, threshold);
  const clusters = new Map<number, Cluster>();
  const alone: number[][] = [];
  const sizes = new Map<number, number>();
  for (let item = 0; item < sources.length; item += 1) sizes.set(component[item]!, (sizes.get(component[item]!) ?? 0) + 1);
  for (let item = 0; item < sources.length; item += 1) {
    if (sizes.get(component[item]!) === 1) alone.push([item]);
    else clusters.set(item, { members: [item], sources: new Map([[sources[item]!, 1]]), links: new Map(), version: 0 });
  }
  for (const { a, b, score } of across) {
    if (component[a] !== component[b]) continue;
    const [x, y] = [clusters.get(a)!, clusters.get(b)!];
    const link = x.links.get(b) ?? { sum: 0, edges: 0 };
    link.sum += score;
    link.edges += 1;
    x.links.set(b, link);
    y.links.set(a, link);
  }
  const queue = new MergeQueue();
  const offer = (x: number, y: number) => {
    const [first, second] = x < y ? [x, y] : [y, x];
    const [cx, cy] = [clusters.get(first)!, clusters.get(second)!];
    const pairsAcross = crossSourcePairs(cx, cy);
    if (pairsAcross === 0) return;
    const { sum, edges } = cx.links.get(second)!;
    const average = (sum + (pairsAcross - edges) * unscored) / pairsAcross;
    if (average >= threshold) queue.push(average, first, second, cx.version, cy.version);
  };
  for (const [id, cluster] of clusters) for (const other of cluster.links.keys()) if (id < other) offer(id, other);

  while (queue.size > 0) {
    queue.pop();
    const { first: keep, second: gone, firstVersion: keepVersion, secondVersion: goneVersion } = queue.top;
    const [kept, merged] = [clusters.get(keep), clusters.get(gone)];
    if (!kept || !merged || kept.version !== keepVersion || merged.version !== goneVersion) continue;
    // The merged cluster keeps the smaller id, so ids stay those of first members.
    kept.members.push(...merged.members);
    for (const [source, count] of merged.sources) kept.sources.set(source, (kept.sources.get(source) ?? 0) + count);
    kept.links.delete(gone);
    for (const [other, link] of merged.links) {
      if (other === keep) continue;
      const known = kept.links.get(other);
      kept.links.set(other, known ? { sum: known.sum + link.sum, edges: known.edges + link.edges } : link);
    }
    kept.version += 1;
    clusters.delete(gone);
    for (const [other, link] of kept.links) {
      const neighbour = clusters.get(other)!;
      neighbour.links.delete(gone);
      neighbour.links.set(keep, link);
    }
    // Only merges with the grown cluster change; the others' averages stand.
    for (const other of kept.links.keys()) offer(keep, other);
  }
  return [...alone, ...[...clusters.values()].map((cluster) => cluster.members.sort((x, y) => x - y))].sort((x, y) => x[0]! - y[0]!);
}

/** Each item's component over the pairs scored at least `threshold`, named by its smallest item. */
function strongComponents(items: number, pairs: ScoredPair[], threshold: number): Int32Array {
  const parent = Int32Array.from({ length: items }, (_, item) => item);
  const root = (item: number): number => {
    while (parent[item] !== item) {
      parent[item] = parent[parent[item]!]!;
      item = parent[item]!;
    }
    return item;
  };
  for (const { a, b, score } of pairs) {
    if (score < threshold) continue;
    const [x, y] = [root(a), root(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  }
  return parent.map((_, item) => root(item));
}
