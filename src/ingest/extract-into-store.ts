/**
 * The steps that run the pipeline over what the store holds or is about to hold: src/db/ stores and
 * reads, and runs no NLP; ingest runs and the API's writer call these.
 */
import type { ArticleFile, IngestStore, StoredArticle } from '../db/ingest.js';
import type { LexiconFiles } from '../lexicon.js';
import { assignClaims, backgroundPlaces, corpusSpeakerNames, describeFact, groupFacts, nearestStored, runPipeline, type CorpusFrequencies, type FactCandidate, type Lexicon } from '../pipeline/index.js';

/** Stores a batch of articles unless their text is stored already, extracting the new ones on this thread. */
export function storeArticles(store: IngestStore, articles: ArticleFile[], lexicon: Lexicon): StoredArticle[] {
  const batch = store.planBatch(articles);
  store.writeBatch(batch, batch.pending.map((article) => runPipeline({ text: article.text, url: article.url }, lexicon)));
  return batch.stored;
}

/**
 * When the stored claims were extracted with another lexicon or pipeline (`fingerprint` tells), aligns
 * topics and entities with the files and extracts every stored source again, written in one transaction.
 * Returns how many sources were re-extracted.
 */
export function alignLexicon(store: IngestStore, files: Pick<LexiconFiles, 'topics' | 'entities'>, lexicon: Lexicon, fingerprint: string): number {
  if (store.lexiconIsCurrent(fingerprint)) return 0;
  const sources = store.storedSources();
  const processed = sources.map((source) => runPipeline({ text: source.text, url: source.url }, lexicon));
  store.realignLexicon(files.topics, files.entities, fingerprint, sources, processed);
  return sources.length;
}

/**
 * Resolves speakers across the corpus (a surname one article uses → the full name another gives), then
 * regroups facts over every stored claim and refreshes the counts lists serve. Returns the number of facts.
 */
export function regroupFacts(store: IngestStore, lexicon: Lexicon): number {
  store.nameSpeakers(corpusSpeakerNames(store.extractedSpeakers(), lexicon.aliases));
  const stored = store.factCandidates();
  const facts = groupFacts(stored.candidates);
  store.writeFacts(facts, stored);
  return facts.length;
}

/** The corpus frequencies of the lemmas of some claims, as lemma_counts keeps them. */
function frequenciesOf(store: IngestStore, claims: FactCandidate[]): CorpusFrequencies {
  const { claims: total, counts } = store.lemmaFrequencies(claims.flatMap((claim) => claim.lemmas));
  return { claims: total, of: (lemma) => counts.get(lemma) ?? 0 };
}

/**
 * Places one newly stored source's claims among the stored facts, without regrouping the corpus: an
 * API write. Its speakers are named as the corpus names them, its lemmas counted, and each claim
 * joins the fact of its nearest stored claims that it resembles on average, or opens one with a
 * claim of no fact (see assignClaims). A full regrouping (regroupFacts) may group a little
 * differently: it also lets stored claims regroup around the new ones.
 */
export function groupNewSource(store: IngestStore, sourceId: string, lexicon: Lexicon): void {
  store.nameSpeakersOf(sourceId, corpusSpeakerNames(store.extractedSpeakers(), lexicon.aliases));
  store.adjustCounts(sourceId, 1);
  const added = store.candidatesOfSource(sourceId);
  store.countLemmas(added.candidates, 1);
  const nearest = nearestStored(added.candidates, frequenciesOf(store, added.candidates), (lemma, limit) => store.latestClaimsWith(lemma, sourceId, limit));
  const known = store.groupedNeighbours(nearest);
  const frequencies = frequenciesOf(store, [...added.candidates, ...known.candidates]);
  const changes = assignClaims(added.candidates, known.candidates, frequencies, backgroundPlaces(store.placeMentions(), frequencies.claims));
  store.replaceFacts(
    changes.flatMap((change) => (change.previousId === null ? [] : [change.previousId])),
    changes.map((change) => change.fact),
    new Map([...known.claims, ...added.claims]),
  );
}

/**
 * Removes a source and describes again each fact it supported from the claims left, without
 * regrouping the corpus: a fact left with one source goes. Returns the claims removed (null when no
 * source has the id), the ids of the facts it supported, and the ids of those facts described again
 * (a fact whose first claim went takes the id of its new first claim).
 */
export function removeSource(store: IngestStore, sourceId: string): { claimsRemoved: number; supported: string[]; kept: string[] } | null {
  const removed = store.candidatesOfSource(sourceId);
  const supported = store.factIdsOfSource(sourceId);
  const placeCounts = store.placeMentions();
  store.adjustCounts(sourceId, -1);
  const claimsRemoved = store.deleteSource(sourceId);
  if (claimsRemoved === null) return null;
  store.countLemmas(removed.candidates, -1);
  const members = store.factMembers(supported);
  const background = backgroundPlaces(placeCounts, store.lemmaFrequencies([]).claims);
  const facts = supported.flatMap((factId) => describeFact(members.candidates.filter((claim) => claim.factId === factId), background) ?? []);
  store.replaceFacts(supported, facts, members.claims);
  return { claimsRemoved, supported, kept: facts.map((fact) => fact.id) };
}
