import { PAIR_FEATURES } from './pair-features.js';
// Imported, not read from disk, so the build copies it beside the code.
import trained from './pair-model.json' with { type: 'json' };

/**
 * Logistic regression over the pair signals, and the average-linkage threshold it is used with. The
 * weights are trained on the dev sets' gold pairs by `npx tsx tools/grouping/train.mjs`, which writes
 * pair-model.json; review a change to that file like code.
 */
export type PairModel = {
  features: string[];
  weights: number[];
  bias: number;
  threshold: number;
  /**
   * A claim that states several things may belong to several facts: after clustering, it also joins
   * up to `extraFacts` other facts whose members from other sources it resembles on average at
   * `extraThreshold` or more. Absent: each claim belongs to one fact at most.
   */
  extraThreshold?: number;
  extraFacts?: number;
};

/** Checks a model, refusing one trained on other signals than the code computes. */
export function checkPairModel(model: PairModel): PairModel {
  if (model.features.join(',') !== PAIR_FEATURES.join(',') || model.weights.length !== PAIR_FEATURES.length) {
    throw new Error('pair-model.json was trained on other signals than the code computes; run npx tsx tools/grouping/train.mjs');
  }
  return model;
}

export const PAIR_MODEL: PairModel = checkPairModel(trained);
