// Trains the fact-grouping pair model on the dev sets' gold and writes src/pipeline/08-facts/pair-model.json.
//   npm run build && npx tsx tools/grouping/train.mjs            # train on every dev set, choose the threshold, write
//   npm run build && npx tsx tools/grouping/train.mjs --check    # also print leave-one-set-out figures
// tsx runs it with the product's TypeScript (src/) and the evaluation's (tools/eval/); the build is for the
// extraction threads, which always run compiled.
// Logistic regression by full-batch gradient descent from zero weights: the same data always gives the
// same file. Positive and negative pairs are weighted to count equally, as same-fact pairs are rare.
// The threshold is the one that gives the best mean pairwise F1 over the dev sets when clustering
// with the trained model. The sealed test set is never read.
import { writeFileSync } from 'node:fs';
import { featurePairs, groupFacts } from '../../src/pipeline/08-facts/index.js';
import { PAIR_FEATURES } from '../../src/pipeline/08-facts/pair-features.js';
import { devCandidates } from './dataset.mjs';

const MODEL_FILE = new URL('../../src/pipeline/08-facts/pair-model.json', import.meta.url);
const EPOCHS = 600;
const LEARNING_RATE = 0.5;
const L2 = 1e-3;
const THRESHOLDS = [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95];

const sameFact = (a, b) => a.gold.some((key) => b.gold.includes(key));

/** The scored pairs of one dev set, labelled by the gold. */
function labelledPairs(candidates) {
  const { sorted, pairs } = featurePairs(candidates);
  return pairs.map(({ a, b, features }) => ({ x: features, y: sameFact(sorted[a], sorted[b]) ? 1 : 0 }));
}

function train(pairs) {
  const weights = new Array(PAIR_FEATURES.length).fill(0);
  let bias = 0;
  const positives = pairs.filter((pair) => pair.y === 1).length;
  const classWeight = [pairs.length / (2 * (pairs.length - positives)), pairs.length / (2 * positives)];
  for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
    const gradient = new Array(weights.length).fill(0);
    let biasGradient = 0;
    let total = 0;
    for (const { x, y } of pairs) {
      const p = 1 / (1 + Math.exp(-(bias + x.reduce((sum, value, at) => sum + value * weights[at], 0))));
      const step = (p - y) * classWeight[y];
      x.forEach((value, at) => (gradient[at] += step * value));
      biasGradient += step;
      total += classWeight[y];
    }
    weights.forEach((weight, at) => (weights[at] -= LEARNING_RATE * (gradient[at] / total + L2 * weight)));
    bias -= (LEARNING_RATE * biasGradient) / total;
  }
  return { weights, bias };
}

/** Pairwise F1 over claims from different sources, as `npm run eval` counts it for the claims served. */
function groupingF1(candidates, facts) {
  const factOf = new Map();
  facts.forEach((fact, index) => fact.claimIds.forEach((id) => factOf.set(id, index)));
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < candidates.length; i += 1) {
    for (let j = i + 1; j < candidates.length; j += 1) {
      const [a, b] = [candidates[i], candidates[j]];
      if (a.sourceId === b.sourceId) continue;
      const predicted = factOf.has(a.id) && factOf.get(a.id) === factOf.get(b.id);
      const gold = sameFact(a, b);
      if (predicted && gold) tp += 1;
      else if (predicted) fp += 1;
      else if (gold) fn += 1;
    }
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

const round = (value) => Math.round(value * 1000) / 1000;
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

const sets = (await devCandidates()).map((set) => ({ ...set, pairs: labelledPairs(set.candidates) }));
const fitted = train(sets.flatMap((set) => set.pairs));
const byThreshold = THRESHOLDS.map((threshold) => {
  const model = { features: [...PAIR_FEATURES], ...fitted, threshold };
  return { threshold, f1: sets.map((set) => groupingF1(set.candidates, groupFacts(set.candidates, model))) };
});
const best = byThreshold.reduce((a, b) => (mean(b.f1) > mean(a.f1) ? b : a));
console.log('threshold  ' + sets.map((set) => set.name.replace('dev-real:', '')).join('  ') + '  mean');
for (const row of byThreshold) console.log(`${row.threshold.toFixed(2).padEnd(10)} ${row.f1.map((f1) => round(f1).toFixed(3)).join(' ')}  ${round(mean(row.f1)).toFixed(3)}`);

if (process.argv.includes('--check')) {
  // Each set scored by a model trained without it, at the threshold chosen on the others.
  const held = sets.map((set) => {
    const others = sets.filter((other) => other !== set);
    const model = { features: [...PAIR_FEATURES], ...train(others.flatMap((other) => other.pairs)) };
    const threshold = THRESHOLDS.reduce((a, b) =>
      mean(others.map((o) => groupingF1(o.candidates, groupFacts(o.candidates, { ...model, threshold: b })))) >
      mean(others.map((o) => groupingF1(o.candidates, groupFacts(o.candidates, { ...model, threshold: a }))))
        ? b
        : a,
    );
    return groupingF1(set.candidates, groupFacts(set.candidates, { ...model, threshold }));
  });
  console.log('left out  ' + held.map((f1) => round(f1).toFixed(3)).join(' ') + `  ${round(mean(held)).toFixed(3)}`);
}

const model = {
  features: [...PAIR_FEATURES],
  weights: fitted.weights.map(round),
  bias: round(fitted.bias),
  threshold: best.threshold,
  trainedOn: sets.map((set) => ({ set: set.name, pairs: set.pairs.length, sameFact: set.pairs.filter((pair) => pair.y).length })),
  devPairwiseF1: Object.fromEntries(sets.map((set, at) => [set.name, round(best.f1[at])])),
};
writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
console.log(`threshold ${best.threshold}: mean dev pairwise F1 ${round(mean(best.f1))}; written to src/pipeline/08-facts/pair-model.json`);
