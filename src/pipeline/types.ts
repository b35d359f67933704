/** A half-open range [start, end) of UTF-16 code units into an article's raw text. */
export type Span = { start: number; end: number };

/** An article to extract; `url` is where it was published, when a writer states it (never fetched). */
export type Article = { text: string; fileName?: string; url?: string | null };

export type BoilerplateReason =
  | 'share-widget'
  | 'comment-widget'
  | 'byline'
  | 'author-bio'
  | 'read-time'
  | 'date-stamp'
  | 'social-link'
  | 'reaction-widget'
  | 'credit-line'
  | 'photo-caption'
  | 'repeated-headline'
  | 'unrelated-headline'
  | 'subheading'
  | 'publisher-suffix'
  | 'site-chrome'
  | 'speaker-label'
  | 'transcript-question'
  | 'stage-direction'
  | 'masthead'
  | 'document-title'
  | 'dateline';

export type Boilerplate = Span & { text: string; reason: BoilerplateReason };

/**
 * A piece of reporting: a whole line, or the part of a headline line before its publisher suffix.
 * In a transcript, `turn` is the speaker label (as written) whose turn the line belongs to.
 */
export type Segment = Span & { text: string; isHeadline: boolean; turn?: string };

export type CleanArticle = { segments: Segment[]; boilerplate: Boilerplate[] };

export type Sentence = Span & { text: string; isHeadline: boolean; turn?: string };

export type ScoredSentence = Sentence & { isClaim: boolean; checkworthiness: number };

export type Attribution = { speaker: string | null; quote: string | null };

export type EntityKind = 'person' | 'organisation' | 'place';

/** A name from the entity list found in a claim; start and end are offsets into the claim's own text. */
export type EntityMention = { entity: string; kind: EntityKind; start: number; end: number };

export type ExtractedClaim = Sentence &
  Attribution & {
    checkworthiness: number;
    /** Topics whose terms the sentence names: what relevance and fact grouping read. */
    topics: string[];
    /**
     * The document's main topic, for a claim that names none (stage 04): served with the claim's own
     * topics, but no sign of what the sentence itself says.
     */
    carriedTopics: string[];
    /** Content lemmas, each once in reading order: what fact grouping compares. */
    lemmas: string[];
    entities: EntityMention[];
  };

export type ArticleMetadata = {
  title: string | null;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
};

export type ProcessedArticle = {
  metadata: ArticleMetadata;
  boilerplate: Boilerplate[];
  claims: ExtractedClaim[];
  /** Why the article is not about the lexicon's event (its claims are left out of lists and facts), or null. */
  offEvent: string | null;
};

export type Topic = {
  slug: string;
  label: string;
  description: string;
  /** Words and phrases whose lemmas mark a sentence as being about the topic. */
  terms: string[];
};

export type Taxonomy = { topics: Topic[]; aliases: Record<string, string[]> };
