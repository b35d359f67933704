import type { VariantKind } from '../../data-layout.js';

/** What one source says for a kind, and where: `start`/`end` index the claim's own text. */
export type VariantValue = { value: string; claimId: string; sourceId: string; start: number; end: number };

export type Variant = { kind: VariantKind; values: VariantValue[] };

/** A place a claim names (from the entities stage), with offsets into the claim's text. */
export type PlaceMention = { entity: string; start: number; end: number };

/** A claim of a fact, as variant detection reads it. */
export type VariantClaim = { id: string; sourceId: string; text: string; speaker: string | null; quote: string | null; places: PlaceMention[] };

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen';
const NUMBER = new RegExp(
  `\\b(?:\\d[\\d,.]*|${NUMBER_WORDS})(?:[- ](?:${NUMBER_WORDS}))?[- ](?:hours?|minutes?|days?|weeks?|months?|years?|percent|per cent|people|deaths|companies|points|billion|million|tons?|tonnes)\\b|\\b\\d[\\d,.]*\\s?%`,
  'gi',
);
const MONTH = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const DATE = new RegExp(
  `\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b|\\b(?:${MONTH})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH})\\b(?:\\s+\\d{4})?|\\b(?:19|20)\\d{2}\\b`,
  'g',
);
/**
 * Words by which a source holds back from stating something as settled: suspicion, expectation,
 * talks rather than a decision, hearsay.
 */
const HEDGE = /\b(?:suspected|alleged(?:ly)?|reportedly|expected to|is expected|are expected|may|might|proposed|discussed|considered)\b/gi;

function found(claim: VariantClaim, pattern: RegExp, normalise: (text: string) => string = (text) => text): VariantValue[] {
  return [...claim.text.matchAll(pattern)].map((match) => ({
    value: normalise(match[0]),
    claimId: claim.id,
    sourceId: claim.sourceId,
    start: match.index!,
    end: match.index! + match[0].length,
  }));
}

function wholeClaim(claim: VariantClaim, value: string): VariantValue {
  return { value, claimId: claim.id, sourceId: claim.sourceId, start: 0, end: claim.text.length };
}

function quoteValue(claim: VariantClaim): VariantValue[] {
  if (claim.quote === null) return [];
  const first = claim.quote.split(' \u2026 ')[0]!;
  const start = claim.text.indexOf(first);
  return [{ value: claim.quote, claimId: claim.id, sourceId: claim.sourceId, start: Math.max(0, start), end: start >= 0 ? start + first.length : claim.text.length }];
}

/** "four-hour" and "four hours" give one value. */
const comparable = (value: string) =>
  value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word.replace(/s$/, ''))
    .join(' ');

/** Values per source; a kind varies when two sources give different sets of values. */
function variesAcrossSources(values: VariantValue[]): boolean {
  const bySource = new Map<string, Set<string>>();
  for (const value of values) {
    const set = bySource.get(value.sourceId) ?? new Set<string>();
    set.add(comparable(value.value));
    bySource.set(value.sourceId, set);
  }
  if (bySource.size < 2) return false;
  const keys = [...bySource.values()].map((set) => [...set].sort().join('|'));
  return new Set(keys).size > 1;
}

/**
 * Where the sources behind one fact give different values: a different place, number, date,
 * speaker or quoted wording, or a hedge ("suspected", "discussed", "expected to") that other sources
 * do not make. Each value points at the words in the claim that carry it.
 */
export function findVariants(claims: VariantClaim[], backgroundPlaces: ReadonlySet<string> = new Set()): Variant[] {
  const variants: Variant[] = [];
  const add = (kind: VariantKind, values: VariantValue[]) => {
    if (variesAcrossSources(values)) variants.push({ kind, values });
  };
  add(
    'place',
    claims.flatMap((claim) =>
      claim.places
        .filter((place) => !backgroundPlaces.has(place.entity))
        .map(({ entity, start, end }) => ({ value: entity, claimId: claim.id, sourceId: claim.sourceId, start, end })),
    ),
  );
  add('number', claims.flatMap((claim) => found(claim, NUMBER)));
  add('date', claims.flatMap((claim) => found(claim, DATE)));
  add('person', claims.flatMap((claim) => (claim.speaker === null ? [] : [wholeClaim(claim, claim.speaker)])));
  add('quote-wording', claims.flatMap(quoteValue));
  const hedges = claims.map((claim) => found(claim, HEDGE, (text) => text.toLowerCase()));
  const hedgedSources = new Set(hedges.flat().map((value) => value.sourceId));
  const plainSources = new Set(claims.filter((claim) => !hedgedSources.has(claim.sourceId)).map((claim) => claim.sourceId));
  if (hedgedSources.size > 0 && plainSources.size > 0) {
    variants.push({
      kind: 'hedge',
      values: claims.flatMap((claim, index) =>
        hedgedSources.has(claim.sourceId) ? hedges[index]! : [wholeClaim(claim, 'stated without hedge')],
      ),
    });
  }
  return variants;
}
