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

/** A max-heap of candidate merges; entries whose clusters changed since are skipped when popped. */
class MergeQueue {
  private readonly scores: number[] = [];
  private readonly entries: Array<[number, number, number, number]> = [];

  get size(): number {
    return this.scores.length;
  }

  push(score: number, entry: [number, number, number, number]): void {
    this.scores.push(score);
    this.entries.push(entry);
    for (let at = this.scores.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if (!this.before(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  pop(): { score: number; entry: [number, number, number, number] } {
    const top = { score: this.scores[0]!, entry: this.entries[0]! };
    const last = this.scores.length - 1;
    this.swap(0, last);
    this.scores.pop();
    this.entries.pop();
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
    return top;
  }

  /** Higher score first; ties go to the pair of earlier clusters, so the result does not depend on push order. */
  private before(x: number, y: number): boolean {
    const [sx, sy] = [this.scores[x]!, this.scores[y]!];
    if (sx !== sy) return sx > sy;
    const [ex, ey] = [this.entries[x]!, this.entries[y]!];
    return ex[0] !== ey[0] ? ex[0] < ey[0] : ex[1] < ey[1];
  }

  private swap(x: number, y: number): void {
    [this.scores[x], this.scores[y]] = [this.scores[y]!, this.scores[x]!];
    [this.entries[x], this.entries[y]] = [this.entries[y]!, this.entries[x]!];
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
  const clusters = new Map<number, Cluster>();
  for (let item = 0; item < sources.length; item += 1) {
    clusters.set(item, { members: [item], sources: new Map([[sources[item]!, 1]]), links: new Map(), version: 0 });
  }
  for (const { a, b, score } of pairs) {
    if (a === b || sources[a] === sources[b]) continue;
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
    if (average >= threshold) queue.push(average, [first, second, cx.version, cy.version]);
  };
  for (const [id, cluster] of clusters) for (const other of cluster.links.keys()) if (id < other) offer(id, other);

  while (queue.size > 0) {
    const { entry } = queue.pop();
    const [keep, gone, keepVersion, goneVersion] = entry;
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
  return [...clusters.values()].map((cluster) => cluster.members.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}
