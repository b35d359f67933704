import { PAIR_FEATURES } from './pair-features.js';
// Imported, not read from disk, so the build copies it beside the code.
import trained from './pair-model.json' with { type: 'json' };

/**
 * Logistic regression over the pair signals, and the average-linkage threshold it is used with. The
 * weights are trained on the dev sets' gold pairs by `npx tsx tools/grouping/train.mjs`, which writes
 * pair-model.json; review a change to that file like code.
 */
export type PairModel = { features: string[]; weights: number[]; bias: number; threshold: number };

/** Checks a model, refusing one trained on other signals than the code computes. */
export function checkPairModel(model: PairModel): PairModel {
  if (model.features.join(',') !== PAIR_FEATURES.join(',') || model.weights.length !== PAIR_FEATURES.length) {
    throw new Error('pair-model.json was trained on other signals than the code computes; run npx tsx tools/grouping/train.mjs');
  }
  return model;
}

export const PAIR_MODEL: PairModel = checkPairModel(trained);
