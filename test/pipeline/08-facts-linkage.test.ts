import t from 'tap';
import { averageLinkage, MAX_COMPONENT, type ScoredPairs } from '../../src/pipeline/08-facts/average-linkage.js';

type ScoredPair = { a: number; b: number; score: number };

function scoredPairs(pairs: ScoredPair[]): ScoredPairs {
  return {
    from: Int32Array.from(pairs, (pair) => pair.a),
    to: Int32Array.from(pairs, (pair) => pair.b),
    score: Float32Array.from(pairs, (pair) => pair.score),
  };
}

const pair = (a: number, b: number, score: number): ScoredPair => ({ a, b, score });

/** [name, source of each item, scored pairs, threshold, score of an unscored pair, expected clusters]. */
const CASES: Array<[string, number[], ScoredPair[], number, number, number[][]]> = [
  ['no pairs leave every item alone', [0, 1, 2], [], 0.5, 0, [[0], [1], [2]]],
  ['a pair at the threshold merges', [0, 1], [pair(0, 1, 0.5)], 0.5, 0, [[0, 1]]],
  ['a pair below the threshold does not', [0, 1], [pair(0, 1, 0.49)], 0.5, 0, [[0], [1]]],
  ['pairs from one source are ignored', [0, 0], [pair(0, 1, 1)], 0.5, 0, [[0], [1]]],
  [
    // Single linkage would chain 0-1-2 through the strong 1-2 pair; the 0-2 pair was never scored.
    'a chain of strong pairs is not a cluster when its ends are unrelated',
    [0, 1, 2],
    [pair(0, 1, 0.9), pair(1, 2, 0.8)],
    0.5,
    0,
    [[0, 1], [2]],
  ],
  ['an unscored pair counts at the given score', [0, 1, 2], [pair(0, 1, 0.9), pair(1, 2, 0.8)], 0.5, 0.3, [[0, 1, 2]]],
  [
    'the best merge comes first',
    [0, 1, 2],
    [pair(0, 1, 0.7), pair(1, 2, 0.95), pair(0, 2, 0.1)],
    0.6,
    0,
    [[0], [1, 2]],
  ],
  [
    'a source with two items in a cluster is counted once per pair across sources',
    // Items 0 and 1 are one source; 2 resembles both. Were the 0-1 pair counted (as unscored, 0),
    // the average after the first merge would be 0.35, under the threshold.
    [0, 0, 1],
    [pair(0, 2, 0.9), pair(1, 2, 0.7)],
    0.65,
    0,
    [[0, 1, 2]],
  ],
  [
    'two clusters merge on the average of their pairs across sources',
    [0, 1, 2, 3],
    [pair(0, 1, 0.95), pair(2, 3, 0.95), pair(0, 2, 0.9), pair(1, 3, 0.9), pair(0, 3, 0.2), pair(1, 2, 0.2)],
    0.5,
    0,
    [[0, 1, 2, 3]],
  ],
  [
    'and stay apart when that average is low',
    [0, 1, 2, 3],
    [pair(0, 1, 0.95), pair(2, 3, 0.95), pair(0, 2, 0.9), pair(1, 3, 0.2), pair(0, 3, 0.2), pair(1, 2, 0.2)],
    0.5,
    0,
    [[0, 1], [2, 3]],
  ],
];

t.test('averageLinkage clusters by the average score across sources', async (t) => {
  for (const [name, sources, pairs, threshold, unscored, expected] of CASES) {
    t.same(averageLinkage(sources, scoredPairs(pairs), threshold, unscored), expected, name);
    t.same(averageLinkage(sources, scoredPairs([...pairs].reverse()), threshold, unscored), expected, `${name} (pairs in reverse)`);
  }
});

t.test('a component of strong pairs stops growing at MAX_COMPONENT items, strongest pairs first', async (t) => {
  // A chain of identical strong pairs through more items than a component holds, one source each.
  const items = MAX_COMPONENT + 10;
  const chain = Array.from({ length: items - 1 }, (_, at) => ({ a: at, b: at + 1, score: 0.9 }));
  const clusters = averageLinkage(Array.from({ length: items }, (_, at) => at), scoredPairs(chain), 0.5, 0.5);
  t.ok(clusters.every((cluster) => cluster.length <= MAX_COMPONENT), 'no cluster outgrows a component');
  t.same(clusters.flat().sort((x, y) => x - y), Array.from({ length: items }, (_, at) => at), 'every item in one cluster');
  t.same(clusters[0], Array.from({ length: MAX_COMPONENT }, (_, at) => at), 'the first items fill the first component');
});
