/** Precision, recall and F1 from counts; an empty denominator scores 1 (nothing to get wrong). */
export type Score = { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };

export function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), tp, fp, fn };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

type Spanned = { start: number; end: number };

export function overlap(a: Spanned, b: Spanned): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * Pairs predicted and gold spans one to one: a pair must share most of the shorter span, and the
 * largest overlaps are paired first. Returns gold index → predicted index.
 */
export function alignSpans(predicted: Spanned[], gold: Spanned[]): Map<number, number> {
  const candidates: Array<{ gold: number; predicted: number; shared: number }> = [];
  gold.forEach((goldSpan, g) =>
    predicted.forEach((predictedSpan, p) => {
      const shared = overlap(goldSpan, predictedSpan);
      const shorter = Math.min(goldSpan.end - goldSpan.start, predictedSpan.end - predictedSpan.start);
      if (shorter > 0 && shared / shorter >= 0.8) candidates.push({ gold: g, predicted: p, shared });
    }),
  );
  candidates.sort((a, b) => b.shared - a.shared || a.gold - b.gold || a.predicted - b.predicted);
  const pairs = new Map<number, number>();
  const usedPredicted = new Set<number>();
  for (const candidate of candidates) {
    if (pairs.has(candidate.gold) || usedPredicted.has(candidate.predicted)) continue;
    pairs.set(candidate.gold, candidate.predicted);
    usedPredicted.add(candidate.predicted);
  }
  return pairs;
}

/** Set agreement counted item by item, for topic labels. */
export function setCounts<T>(predicted: Iterable<T>, gold: Iterable<T>): { tp: T[]; fp: T[]; fn: T[] } {
  const p = new Set(predicted);
  const g = new Set(gold);
  return { tp: [...p].filter((x) => g.has(x)), fp: [...p].filter((x) => !g.has(x)), fn: [...g].filter((x) => !p.has(x)) };
}

/**
 * Pairwise grouping agreement: over every pair of items from different sources, do both sides agree
 * the two state a common fact?
 */
export function pairwiseGrouping(
  items: Array<{ source: string; predicted: Set<string>; gold: Set<string> }>,
): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const shares = (a: Set<string>, b: Set<string>) => [...a].some((key) => b.has(key));
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      const a = items[i]!;
      const b = items[j]!;
      if (a.source === b.source) continue;
      const predicted = shares(a.predicted, b.predicted);
      const gold = shares(a.gold, b.gold);
      if (predicted && gold) tp += 1;
      else if (predicted) fp += 1;
      else if (gold) fn += 1;
    }
  }
  return score(tp, fp, fn);
}
