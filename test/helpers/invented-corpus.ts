import type { Db } from '../../src/db/open.js';
import { IngestStore } from '../../src/db/ingest.js';
import type { EntityKind, ProcessedArticle } from '../../src/pipeline/types.js';

/**
 * A small invented corpus written straight through the write model, with no language processing: each
 * claim says which topics, speaker and entities it carries, so facet counts can be asserted as exact
 * numbers that no change to the pipeline moves. Three articles about a harbour town's ferry; the third
 * is off the event.
 */
export const INVENTED_TOPICS = [
  { slug: 'harbour', label: 'Harbour', description: 'The harbour and its port.', terms: [] },
  { slug: 'ferry', label: 'Ferry', description: 'The night ferry across the estuary.', terms: [] },
  { slug: 'budget', label: 'Budget', description: 'What the town spends.', terms: [] },
];

export const INVENTED_ENTITIES: Array<{ name: string; kind: EntityKind; aliases: string[] }> = [
  { name: 'Ada Brenner', kind: 'person', aliases: [] },
  { name: 'Kelmsby', kind: 'place', aliases: [] },
  { name: 'Port Authority', kind: 'organisation', aliases: [] },
];

type InventedClaim = { text: string; topics: string[]; speaker: string | null; entities: string[]; checkworthiness: number };
type InventedArticle = { title: string; offEvent: string | null; claims: InventedClaim[] };

const claim = (text: string, topics: string[], speaker: string | null, entities: string[], checkworthiness = 0.5): InventedClaim => ({ text, topics, speaker, entities, checkworthiness });

export const INVENTED_ARTICLES: InventedArticle[] = [
  {
    title: 'Kelmsby votes for a night ferry',
    offEvent: null,
    claims: [
      // Kelmsby twice: the claim counts once for it.
      claim('Ada Brenner said the Kelmsby ferry would help Kelmsby shift workers.', ['ferry'], 'Ada Brenner', ['Kelmsby', 'Kelmsby'], 0.8),
      claim('The Port Authority will pay for the ferry from its budget.', ['ferry', 'budget'], null, ['Port Authority'], 0.7),
      // The same speaker in other case: the speaker filter and facet take them as one.
      claim('The harbour wall will be mended first, ada brenner said.', ['harbour'], 'ada brenner', [], 0.4),
    ],
  },
  {
    title: 'Ferry costs questioned',
    offEvent: null,
    claims: [
      claim('Tom Reyes said the budget could not carry another service.', ['budget'], 'Tom Reyes', [], 0.6),
      claim('Tom Reyes said Ada Brenner had not costed the Kelmsby ferry.', ['ferry'], 'Tom Reyes', ['Kelmsby', 'Ada Brenner'], 0.9),
    ],
  },
  {
    title: 'A ferry elsewhere',
    offEvent: 'names none of the event',
    claims: [claim('Ada Brenner rode the ferry at Kelmsby on holiday.', ['ferry'], 'Ada Brenner', ['Kelmsby'], 0.3)],
  },
];

/** An article's text and what the pipeline would have extracted from it, spans included. */
function processed(article: InventedArticle): { text: string; extraction: ProcessedArticle } {
  let text = `${article.title}\n`;
  const claims = article.claims.map((invented) => {
    const start = text.length;
    text += `${invented.text}\n`;
    const entities = invented.entities.map((name, index) => {
      // The nth mention of a name is its nth occurrence in the claim.
      const earlier = invented.entities.slice(0, index).filter((other) => other === name).length;
      let at = invented.text.indexOf(name);
      for (let skipped = 0; skipped < earlier; skipped++) at = invented.text.indexOf(name, at + 1);
      return { entity: name, kind: INVENTED_ENTITIES.find((entity) => entity.name === name)!.kind, start: at, end: at + name.length };
    });
    return {
      text: invented.text,
      start,
      end: start + invented.text.length,
      isHeadline: false,
      speaker: invented.speaker,
      quote: null,
      checkworthiness: invented.checkworthiness,
      topics: invented.topics,
      carriedTopics: [],
      lemmas: invented.text.toLowerCase().match(/[a-z]+/g) ?? [],
      entities,
    };
  });
  return { text, extraction: { metadata: { title: article.title, publisher: null, author: null, publishedAt: null }, boilerplate: [], claims, offEvent: article.offEvent } };
}

/**
 * Writes the lexicon and the articles (all, or those given) into a migrated database, as ingest would
 * store them; `beforeArticles` runs between the two.
 */
export function writeInventedCorpus(db: Db, articles: InventedArticle[] = INVENTED_ARTICLES, beforeArticles?: () => void): IngestStore {
  const store = new IngestStore(db);
  store.realignLexicon(INVENTED_TOPICS, INVENTED_ENTITIES, 'invented', [], []);
  beforeArticles?.();
  const written = articles.map(processed);
  const batch = store.planBatch(written.map(({ text }) => ({ fileName: null, text })));
  store.writeBatch(batch, written.map(({ extraction }) => extraction));
  return store;
}
