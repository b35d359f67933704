import type { ClaimRow, ReadModel } from '../../src/db/read-model.js';
import { sourceIdFor } from '../../src/db/ingest.js';
import type { GoldDiscrepancy, GoldSource } from './gold.js';
import { alignSpans, overlap, pairwiseGrouping, round, score, setCounts, type Score } from './metrics.js';

export type EvalReport = {
  sources: number;
  claims: Score & { noiseServed: number; noiseServedTexts: string[]; noiseShapes: NoiseShapes };
  topics: { micro: Score; perTopic: Record<string, Score> };
  fentanylQuery: Score;
  factGrouping: Score;
  speaker: { accuracy: number; correct: number; total: number; errors: SpeakerErrors; otherActors: OtherActorKinds };
  quotes: { recall: number; found: number; total: number };
  /**
   * Documents the gold marks as not about the event: how many the pipeline judged off-event, and the
   * claims it still served from them in the default lists (each also counts as a wrong claim).
   */
  unrelated: { sources: number; judgedOffEvent: number; claimsServed: number };
  /** Documents about the event that the pipeline judged off-event, losing every claim. */
  wronglyOffEvent: number;
  /**
   * Where sources differ: a gold discrepancy is found when one served fact holds the claims of two or
   * more of its sources and reports a variant between two of them; a served fact with variants is right
   * when two of its sources' claims share a gold fact that has a discrepancy.
   */
  discrepancies: { found: number; total: number; served: number; servedRight: number; recall: number; precision: number };
  metadata: Record<'title' | 'publisher' | 'author' | 'publishedAt', { correct: number; total: number; wrong: MetadataErrors }>;
  /** Every disagreement with the gold, so a score can be traced back to the sentences behind it. */
  mistakes: Mistake[];
};

/**
 * Speaker mistakes by kind, so a figure on a sealed set says what to work on without its sentences:
 * no speaker where the gold has one, a speaker where the gold has none, another form of the right
 * name (one name's words inside the other's), or another actor.
 */
export type SpeakerErrors = { missed: number; spurious: number; nameForm: number; otherActor: number };

/**
 * Another actor, split by what the two names are, so a sealed figure points at a kind of text: one
 * of them names several actors (a joint text's signatories, "the leaders"), one names a person where
 * the other describes an unnamed one or a body, or both name different people.
 */
export type OtherActorKinds = { severalActors: number; officeAlone: number; nameAndDescription: number; twoNames: number };

const SEVERAL_ACTORS = /\band\b|&|\b(?:leaders|sides|presidents|officials|ministers|members|partners|countries|parties)\b/i;
/** A name as a reader sees one: every word capitalised, after any article ("the Harbour Commission" is a body's name). */
const PROPER_NAME = /^(?:the\s+|an?\s+)?(?:\p{Lu}[\p{L}'’.-]*)(?:\s+(?:of\s+|de\s+|van\s+|al[- ])?\p{Lu}[\p{L}'’.-]*)*$/u;

/** An office with no name: "the Prime Minister", "Secretary-General", "Vice President". */
const OFFICE_ALONE = /^(?:the\s+)?(?:(?:vice|deputy|prime|foreign|defen[cs]e|chief|first|general|state|national|security|adviser|advisor|minister|president|secretary|secretary-general|chancellor|premier|spokesperson|ambassador|chair|chairman|chairwoman|king|queen|governor|mayor|of)\s*)+$/i;

export function otherActorKind(expected: string, served: string): keyof OtherActorKinds {
  if (SEVERAL_ACTORS.test(expected) || SEVERAL_ACTORS.test(served)) return 'severalActors';
  if (OFFICE_ALONE.test(expected.trim()) || OFFICE_ALONE.test(served.trim())) return 'officeAlone';
  return PROPER_NAME.test(expected.trim()) && PROPER_NAME.test(served.trim()) ? 'twoNames' : 'nameAndDescription';
}

export function speakerErrorKind(expected: string | null, served: string | null): keyof SpeakerErrors {
  if (served === null) return 'missed';
  if (expected === null) return 'spurious';
  const words = (name: string) => new Set(normaliseName(name)!.split(/[^\p{L}\p{N}'-]+/u).filter(Boolean));
  const [a, b] = [words(expected), words(served)];
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return small.size > 0 && [...small].every((word) => large.has(word)) ? 'nameForm' : 'otherActor';
}

/**
 * The shape of each noise line served as a claim, as page-chrome rules read lines, so a sealed figure
 * says which kind of furniture passes without showing it: short, without a closing stop, in title case,
 * or none of these (a line shaped like a sentence).
 */
export type NoiseShapes = { short: number; unpunctuated: number; titleCase: number; sentenceLike: number };

export function noiseShape(line: string): Array<keyof NoiseShapes> {
  const words = line.trim().split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const shapes: Array<keyof NoiseShapes> = [];
  if (words.length <= 6) shapes.push('short');
  if (!/[.!?]["\u201d\u2019)]*$/.test(line.trim())) shapes.push('unpunctuated');
  const capitalised = words.filter((word) => /^["\u201c(]?\p{Lu}/u.test(word)).length;
  if (words.length >= 2 && capitalised / words.length >= 0.6) shapes.push('titleCase');
  return shapes.length > 0 ? shapes : ['sentenceLike'];
}

/** A metadata field served wrong: nothing where the page states it, a value where it states none, or another value. */
export type MetadataErrors = { missed: number; spurious: number; other: number };

export function metadataErrorKind(expected: string | null, served: string | null): keyof MetadataErrors {
  if (served === null) return 'missed';
  return expected === null ? 'spurious' : 'other';
}

export type Mistake = {
  file: string;
  field: 'claim' | 'topics' | 'speaker' | 'quote' | 'metadata';
  text: string;
  expected: unknown;
  served: unknown;
};

const METADATA_FIELDS = ['title', 'publisher', 'author', 'publishedAt'] as const;

/**
 * Names compare as a reader reads them, as the entity list does: without case, a leading article or
 * the shape of an apostrophe ("the Pentagon" is "Pentagon", "a senior official" is "senior official",
 * "China’s" is "China's").
 */
function normaliseName(name: string | null): string | null {
  return name === null ? null : name.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/^(?:the|an?)\s+/, '');
}

/** Scores what the read model serves against the gold annotation. */
export function evaluate(readModel: ReadModel, gold: GoldSource[], topicSlugs: string[], goldDiscrepancies: GoldDiscrepancy[] = []): EvalReport {
  let claimTp = 0;
  let claimFp = 0;
  let claimFn = 0;
  const noiseServedTexts: string[] = [];
  const topicCounts = new Map<string, { tp: number; fp: number; fn: number }>(topicSlugs.map((slug) => [slug, { tp: 0, fp: 0, fn: 0 }]));
  const grouping: Array<{ source: string; predicted: Set<string>; gold: Set<string> }> = [];
  const goldFentanyl = new Set<string>();
  const predictedToGold = new Map<string, string>();
  let speakerCorrect = 0;
  let speakerTotal = 0;
  const speakerErrors: SpeakerErrors = { missed: 0, spurious: 0, nameForm: 0, otherActor: 0 };
  const otherActors: OtherActorKinds = { severalActors: 0, officeAlone: 0, nameAndDescription: 0, twoNames: 0 };
  let quotesFound = 0;
  let quotesTotal = 0;
  const mistakes: Mistake[] = [];
  const unrelated = { sources: 0, judgedOffEvent: 0, claimsServed: 0 };
  let wronglyOffEvent = 0;
  const metadata = Object.fromEntries(METADATA_FIELDS.map((field) => [field, { correct: 0, total: 0, wrong: { missed: 0, spurious: 0, other: 0 } }])) as EvalReport['metadata'];

  const countTopics = (predicted: string[], expected: string[]) => {
    const { tp, fp, fn } = setCounts(predicted, expected);
    for (const slug of tp) topicCounts.get(slug)!.tp += 1;
    for (const slug of fp) topicCounts.get(slug)!.fp += 1;
    for (const slug of fn) topicCounts.get(slug)!.fn += 1;
  };

  for (const source of gold) {
    const sourceId = sourceIdFor(source.text);
    const served = readModel.getSource(sourceId);
    if (!served) throw new Error(`${source.file} was not ingested`);
    for (const field of METADATA_FIELDS) {
      metadata[field].total += 1;
      if (source.metadata[field] === served[field]) metadata[field].correct += 1;
      else {
        metadata[field].wrong[metadataErrorKind(source.metadata[field], served[field])] += 1;
        mistakes.push({ file: source.file, field: 'metadata', text: field, expected: source.metadata[field], served: served[field] });
      }
    }
    // What the default lists serve: claims of sources judged off-event are left out.
    const predicted = served.claims.filter((claim) => !claim.offEvent).map((claim) => ({ ...claim, start: claim.span.start, end: claim.span.end }));
    if (!source.aboutEvent) {
      unrelated.sources += 1;
      if (served.offEvent !== null) unrelated.judgedOffEvent += 1;
      unrelated.claimsServed += predicted.length;
      claimFp += predicted.length;
      for (const claim of predicted) {
        mistakes.push({ file: source.file, field: 'claim', text: claim.text, expected: 'off-event', served: 'claim' });
        countTopics(claim.topics, []);
      }
      continue;
    }
    if (served.offEvent !== null) wronglyOffEvent += 1;
    const pairs = alignSpans(predicted, source.claims);
    const matchedPredicted = new Set(pairs.values());
    claimTp += pairs.size;
    claimFn += source.claims.length - pairs.size;
    claimFp += predicted.length - pairs.size;

    predicted.forEach((claim, index) => {
      if (source.noise.some((line) => overlap(line, claim) > 0)) noiseServedTexts.push(claim.text);
      if (!matchedPredicted.has(index)) {
        mistakes.push({ file: source.file, field: 'claim', text: claim.text, expected: null, served: 'claim' });
        countTopics(claim.topics, []);
        grouping.push({ source: sourceId, predicted: new Set(claim.factIds), gold: new Set() });
      }
    });
    source.claims.forEach((goldClaim, goldIndex) => {
      const goldKey = `${source.file}#${goldIndex}`;
      if (goldClaim.topics.includes('fentanyl')) goldFentanyl.add(goldKey);
      const predictedIndex = pairs.get(goldIndex);
      const match: ClaimRow | undefined = predictedIndex === undefined ? undefined : predicted[predictedIndex];
      if (match) predictedToGold.set(match.id, goldKey);
      else mistakes.push({ file: source.file, field: 'claim', text: goldClaim.text, expected: 'claim', served: null });
      countTopics(match?.topics ?? [], goldClaim.topics);
      if (match && setCounts(match.topics, goldClaim.topics).tp.length !== new Set([...match.topics, ...goldClaim.topics]).size) {
        mistakes.push({ file: source.file, field: 'topics', text: goldClaim.text, expected: goldClaim.topics, served: match.topics });
      }
      grouping.push({ source: sourceId, predicted: new Set(match?.factIds ?? []), gold: new Set(goldClaim.facts) });
      if (match) {
        speakerTotal += 1;
        if (normaliseName(match.speaker) === normaliseName(goldClaim.speaker)) speakerCorrect += 1;
        else {
          const kind = speakerErrorKind(goldClaim.speaker, match.speaker);
          speakerErrors[kind] += 1;
          if (kind === 'otherActor') otherActors[otherActorKind(goldClaim.speaker!, match.speaker!)] += 1;
          mistakes.push({ file: source.file, field: 'speaker', text: goldClaim.text, expected: goldClaim.speaker, served: match.speaker });
        }
      }
      if (goldClaim.quote !== null) {
        quotesTotal += 1;
        if (match?.quote === goldClaim.quote) quotesFound += 1;
        else mistakes.push({ file: source.file, field: 'quote', text: goldClaim.text, expected: goldClaim.quote, served: match?.quote ?? null });
      }
    });
  }

  const discrepancies = scoreDiscrepancies(readModel, gold, goldDiscrepancies, predictedToGold);
  const fentanylServed = allPages((cursor) => readModel.listClaims({ topic: 'fentanyl' }, 100, cursor));
  const fentanylHits = fentanylServed.filter((claim) => goldFentanyl.has(predictedToGold.get(claim.id) ?? '')).length;

  const perTopic = Object.fromEntries([...topicCounts].map(([slug, counts]) => [slug, score(counts.tp, counts.fp, counts.fn)]));
  const totals = [...topicCounts.values()].reduce((sum, counts) => ({ tp: sum.tp + counts.tp, fp: sum.fp + counts.fp, fn: sum.fn + counts.fn }), { tp: 0, fp: 0, fn: 0 });

  return {
    sources: gold.length,
    claims: { ...score(claimTp, claimFp, claimFn), noiseServed: noiseServedTexts.length, noiseServedTexts, noiseShapes: noiseShapesOf(noiseServedTexts) },
    topics: { micro: score(totals.tp, totals.fp, totals.fn), perTopic },
    fentanylQuery: score(fentanylHits, fentanylServed.length - fentanylHits, goldFentanyl.size - fentanylHits),
    factGrouping: pairwiseGrouping(grouping),
    speaker: { accuracy: speakerTotal ? round(speakerCorrect / speakerTotal) : 1, correct: speakerCorrect, total: speakerTotal, errors: speakerErrors, otherActors },
    quotes: { recall: quotesTotal ? round(quotesFound / quotesTotal) : 1, found: quotesFound, total: quotesTotal },
    unrelated,
    wronglyOffEvent,
    discrepancies,
    metadata,
    mistakes,
  };
}

/** See EvalReport.discrepancies. `predictedToGold`: served claim id → `file#index` of the gold claim it matched. */
function scoreDiscrepancies(
  readModel: ReadModel,
  gold: GoldSource[],
  goldDiscrepancies: GoldDiscrepancy[],
  predictedToGold: Map<string, string>,
): EvalReport['discrepancies'] {
  const goldToPredicted = new Map([...predictedToGold].map(([claimId, goldKey]) => [goldKey, claimId]));
  const byFile = new Map(gold.map((source) => [source.file, source]));
  let found = 0;
  for (const discrepancy of goldDiscrepancies) {
    // Each value's served claim, by the gold claim that carries the fact and holds the value's words.
    const servedClaims = new Map<string, string>();
    for (const value of discrepancy.values) {
      const index = byFile.get(value.file)?.claims.findIndex((claim) => claim.facts.includes(discrepancy.fact) && claim.text.includes(value.text)) ?? -1;
      const claimId = index < 0 ? undefined : goldToPredicted.get(`${value.file}#${index}`);
      if (claimId !== undefined) servedClaims.set(value.file, claimId);
    }
    const claimIds = new Set(servedClaims.values());
    const factIds = new Set([...claimIds].flatMap((claimId) => readModel.getClaim(claimId)?.factIds ?? []));
    const reported = [...factIds].some((factId) => {
      const fact = readModel.getFact(factId);
      if (!fact || fact.claimIds.filter((claimId) => claimIds.has(claimId)).length < 2) return false;
      const sources = new Set(fact.wordings.flatMap((wording) => wording.claims.filter((claim) => claimIds.has(claim.id)).map(() => wording.sourceId)));
      return fact.variants.some((variant) => new Set(variant.values.flatMap((value) => value.occurrences.map((at) => at.sourceId)).filter((id) => sources.has(id))).size >= 2);
    });
    if (reported) found += 1;
  }
  const factsWithDiscrepancy = new Set(goldDiscrepancies.map((discrepancy) => discrepancy.fact));
  const served = allPages((cursor) => readModel.listDiscrepancies({}, 100, cursor as [number, string] | null));
  const servedRight = served.filter((fact) => {
    const goldFacts = fact.claimIds.flatMap((claimId) => {
      const goldKey = predictedToGold.get(claimId);
      if (goldKey === undefined) return [];
      const [file, index] = goldKey.split('#');
      return (byFile.get(file!)?.claims[Number(index)]?.facts ?? []).filter((key) => factsWithDiscrepancy.has(key)).map((key) => `${key}@${file}`);
    });
    const filesByFact = new Map<string, Set<string>>();
    for (const entry of goldFacts) {
      const [key, file] = entry.split('@');
      filesByFact.set(key!, (filesByFact.get(key!) ?? new Set()).add(file!));
    }
    return [...filesByFact.values()].some((files) => files.size >= 2);
  }).length;
  const total = goldDiscrepancies.length;
  return {
    found,
    total,
    served: served.length,
    servedRight,
    recall: total === 0 ? 1 : round(found / total),
    precision: served.length === 0 ? 1 : round(servedRight / served.length),
  };
}

function allPages<T>(fetch: (cursor: [number, number] | null) => { items: T[]; next: Array<string | number> | null }): T[] {
  const items: T[] = [];
  let cursor: [number, number] | null = null;
  do {
    const page = fetch(cursor);
    items.push(...page.items);
    cursor = page.next as [number, number] | null;
  } while (cursor);
  return items;
}

function noiseShapesOf(lines: string[]): NoiseShapes {
  const shapes: NoiseShapes = { short: 0, unpunctuated: 0, titleCase: 0, sentenceLike: 0 };
  for (const line of lines) for (const shape of noiseShape(line)) shapes[shape] += 1;
  return shapes;
}

const counts = (record: Record<string, number>) => Object.entries(record).map(([kind, count]) => `${kind} ${count}`).join(', ');

function row(name: string, value: Score): string {
  return `${name.padEnd(28)} P ${value.precision.toFixed(3)}  R ${value.recall.toFixed(3)}  F1 ${value.f1.toFixed(3)}  (tp ${value.tp}, fp ${value.fp}, fn ${value.fn})`;
}

export function formatReport(report: EvalReport): string {
  const lines = [
    `gold: ${report.sources} sources`,
    row('claims', report.claims),
    `${'noise lines served'.padEnd(28)} ${report.claims.noiseServed}`,
    `${'  noise by shape'.padEnd(28)} ${counts(report.claims.noiseShapes)}`,
    row('topics (micro)', report.topics.micro),
    ...Object.entries(report.topics.perTopic).map(([slug, value]) => row(`  ${slug}`, value)),
    row('/claims?topic=fentanyl', report.fentanylQuery),
    row('fact grouping (pairwise)', report.factGrouping),
    `${'speaker accuracy'.padEnd(28)} ${report.speaker.accuracy.toFixed(3)}  (${report.speaker.correct}/${report.speaker.total} matched claims)`,
    `${'  speaker mistakes'.padEnd(28)} ${counts(report.speaker.errors)}`,
    `${'  another actor'.padEnd(28)} ${counts(report.speaker.otherActors)}`,
    `${'quote recall'.padEnd(28)} ${report.quotes.recall.toFixed(3)}  (${report.quotes.found}/${report.quotes.total})`,
    ...Object.entries(report.metadata).map(([field, value]) => `${`metadata ${field}`.padEnd(28)} ${value.correct}/${value.total}  (wrong: ${counts(value.wrong)})`),
    `${'unrelated documents'.padEnd(28)} ${report.unrelated.sources}: ${report.unrelated.judgedOffEvent} judged off-event, ${report.unrelated.claimsServed} claims served`,
    `${'on-event judged off-event'.padEnd(28)} ${report.wronglyOffEvent}`,
    `${'discrepancies'.padEnd(28)} R ${report.discrepancies.recall.toFixed(3)} (${report.discrepancies.found}/${report.discrepancies.total} found)  P ${report.discrepancies.precision.toFixed(3)} (${report.discrepancies.servedRight}/${report.discrepancies.served} served facts with variants)`,
    `${'mistakes'.padEnd(28)} ${report.mistakes.length} (listed in the JSON report)`,
  ];
  return lines.join('\n');
}
