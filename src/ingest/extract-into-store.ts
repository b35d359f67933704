/**
 * The steps that run the pipeline over what the store holds or is about to hold: src/db/ stores and
 * reads, and runs no NLP; ingest runs and the API's writer call these.
 */
import type { ArticleFile, IngestStore, StoredArticle } from '../db/ingest.js';
import type { LexiconFiles } from '../lexicon.js';
import { corpusSpeakerNames, groupFacts, runPipeline, type Lexicon } from '../pipeline/index.js';

/** Stores a batch of articles unless their text is stored already, extracting the new ones on this thread. */
export function storeArticles(store: IngestStore, articles: ArticleFile[], lexicon: Lexicon): StoredArticle[] {
  const batch = store.planBatch(articles);
  store.writeBatch(batch, batch.pending.map((article) => runPipeline({ text: article.text }, lexicon)));
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
  const processed = sources.map((source) => runPipeline({ text: source.text }, lexicon));
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
