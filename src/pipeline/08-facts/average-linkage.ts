import { appendTo } from '../../maps.js';

/**
 * Agglomerative clustering with average linkage over a sparse graph. Two clusters merge when the
 * average score over their pairs of items from different sources is the highest left and at least the
 * threshold; a pair with no edge scores `unscored`, so a large cluster joins another only when most
 * of its members resemble most of the other's. Pairs from one source are left out of the average: one
 * source restating itself is no evidence either way.
 */

/** Scored pairs of items, one per index across the three arrays. */
export type ScoredPairs = { from: Int32Array; to: Int32Array; score: Float32Array };

/**
 * An average at the threshold needs one pair at it (an unscored pair scores below), so clusters only
 * grow along such strong pairs, and each component they link is clustered on its own. A component
 * stops growing at this many items, strongest pairs first: it bounds the work of a merge in a corpus
 * where thousands of articles repeat one sentence, at the cost of splitting a fact stated more often.
 */
export const MAX_COMPONENT = 256;

/** A max-heap of candidate merges in parallel arrays; entries whose clusters changed since are skipped. */
class MergeQueue {
  private readonly scores: number[] = [];
  private readonly firsts: number[] = [];
  private readonly seconds: number[] = [];
  private readonly stamps: number[] = [];

  get size(): number {
    return this.scores.length;
  }

  /** `stamp` identifies the clusters' versions when the entry was made. */
  push(score: number, first: number, second: number, stamp: number): void {
    this.scores.push(score);
    this.firsts.push(first);
    this.seconds.push(second);
    this.stamps.push(stamp);
    for (let at = this.scores.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if (!this.before(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  /** Removes the best entry and returns its first, second and stamp. */
  pop(): [number, number, number] {
    const top: [number, number, number] = [this.firsts[0]!, this.seconds[0]!, this.stamps[0]!];
    this.swap(0, this.scores.length - 1);
    this.scores.pop();
    this.firsts.pop();
    this.seconds.pop();
    this.stamps.pop();
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
    if (this.scores[x] !== this.scores[y]) return this.scores[x]! > this.scores[y]!;
    if (this.firsts[x] !== this.firsts[y]) return this.firsts[x]! < this.firsts[y]!;
    return this.seconds[x]! < this.seconds[y]!;
  }

  private swap(x: number, y: number): void {
    for (const list of [this.scores, this.firsts, this.seconds, this.stamps]) {
      const held = list[x]!;
      list[x] = list[y]!;
      list[y] = held;
    }
  }
}

/**
 * Clusters `sources.length` items (item i comes from `sources[i]`) given scores for some pairs of
 * items. Returns every cluster, singletons included, each member list ascending, in order of first
 * member.
 */
export function averageLinkage(sources: ArrayLike<number>, pairs: ScoredPairs, threshold: number, unscored = 0): number[][] {
  const items = sources.length;
  const component = strongComponents(items, sources, pairs, threshold);
  // Each component's items (ascending) and pairs, bucketed in one pass.
  const members = new Map<number, number[]>();
  for (let item = 0; item < items; item += 1) {
    appendTo(members, component[item]!, item);
  }
  const edges = new Map<number, number[]>();
  for (let at = 0; at < pairs.from.length; at += 1) {
    const [a, b] = [pairs.from[at]!, pairs.to[at]!];
    if (a === b || sources[a] === sources[b] || component[a] !== component[b] || members.get(component[a]!)!.length === 1) continue;
    appendTo(edges, component[a]!, at);
  }
  const clusters: number[][] = [];
  for (const [root, items] of members) {
    if (items.length === 1) clusters.push(items);
    else clusters.push(...clusterComponent(items, edges.get(root) ?? [], sources, pairs, threshold, unscored));
  }
  return clusters.sort((x, y) => x[0]! - y[0]!);
}

/** Average linkage within one component, over dense matrices of its clusters' summed scores. */
function clusterComponent(
  items: number[],
  edgeIndexes: number[],
  sources: ArrayLike<number>,
  pairs: ScoredPairs,
  threshold: number,
  unscored: number,
): number[][] {
  const size = items.length;
  const local = new Map(items.map((item, at) => [item, at]));
  const sums = new Float64Array(size * size);
  const counts = new Int32Array(size * size);
  for (const at of edgeIndexes) {
    const [x, y] = [local.get(pairs.from[at]!)!, local.get(pairs.to[at]!)!];
    sums[x * size + y]! += pairs.score[at]!;
    sums[y * size + x]! += pairs.score[at]!;
    counts[x * size + y]! += 1;
    counts[y * size + x]! += 1;
  }
  const memberLists: Array<number[] | null> = items.map((item) => [item]);
  const sourceCounts = items.map((item) => new Map([[sources[item]!, 1]]));
  const versions = new Int32Array(size);
  const crossSourcePairs = (x: number, y: number) => {
    let same = 0;
    for (const [source, count] of sourceCounts[x]!) same += count * (sourceCounts[y]!.get(source) ?? 0);
    return memberLists[x]!.length * memberLists[y]!.length - same;
  };
  const queue = new MergeQueue();
  // The stamp packs both clusters' versions: a cluster changes at most `size` times.
  const offer = (x: number, y: number) => {
    const [first, second] = x < y ? [x, y] : [y, x];
    const edges = counts[first * size + second]!;
    if (edges === 0) return;
    const across = crossSourcePairs(first, second);
    if (across === 0) return;
    const average = (sums[first * size + second]! + (across - edges) * unscored) / across;
    if (average >= threshold) queue.push(average, first, second, versions[first]! * (size + 1) + versions[second]!);
  };
  for (let x = 0; x < size; x += 1) for (let y = x + 1; y < size; y += 1) offer(x, y);

  while (queue.size > 0) {
    const [keep, gone, stamp] = queue.pop();
    if (!memberLists[keep] || !memberLists[gone] || stamp !== versions[keep]! * (size + 1) + versions[gone]!) continue;
    // The merged cluster keeps the smaller id, so ids stay those of first members.
    memberLists[keep]!.push(...memberLists[gone]!);
    memberLists[gone] = null;
    for (const [source, count] of sourceCounts[gone]!) sourceCounts[keep]!.set(source, (sourceCounts[keep]!.get(source) ?? 0) + count);
    versions[keep]! += 1;
    for (let other = 0; other < size; other += 1) {
      if (other === keep || !memberLists[other]) continue;
      sums[keep * size + other]! += sums[gone * size + other]!;
      sums[other * size + keep] = sums[keep * size + other]!;
      counts[keep * size + other]! += counts[gone * size + other]!;
      counts[other * size + keep] = counts[keep * size + other]!;
    }
    // Only merges with the grown cluster change; the others' averages stand.
    for (let other = 0; other < size; other += 1) if (other !== keep && memberLists[other]) offer(keep, other);
  }
  return memberLists.flatMap((list) => (list ? [list.sort((x, y) => x - y)] : []));
}

/**
 * Each item's component over the pairs scored at least `threshold` between two sources, named by its
 * smallest item; strongest pairs are joined first, and none that would grow a component past
 * MAX_COMPONENT items.
 */
function strongComponents(items: number, sources: ArrayLike<number>, pairs: ScoredPairs, threshold: number): Int32Array {
  const parent = Int32Array.from({ length: items }, (_, item) => item);
  const sizes = new Int32Array(items).fill(1);
  const root = (item: number): number => {
    while (parent[item] !== item) {
      parent[item] = parent[parent[item]!]!;
      item = parent[item]!;
    }
    return item;
  };
  const strong: number[] = [];
  for (let at = 0; at < pairs.from.length; at += 1) {
    if (pairs.score[at]! >= threshold && sources[pairs.from[at]!] !== sources[pairs.to[at]!]) strong.push(at);
  }
  strong.sort((x, y) => pairs.score[y]! - pairs.score[x]! || pairs.from[x]! - pairs.from[y]! || pairs.to[x]! - pairs.to[y]!);
  for (const at of strong) {
    const [x, y] = [root(pairs.from[at]!), root(pairs.to[at]!)];
    if (x === y || sizes[x]! + sizes[y]! > MAX_COMPONENT) continue;
    const [kept, joined] = x < y ? [x, y] : [y, x];
    parent[joined] = kept;
    sizes[kept]! += sizes[joined]!;
  }
  return parent.map((_, item) => root(item));
}
