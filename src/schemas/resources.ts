import { z } from 'zod';
import { articleProblem, CHANGE_KINDS, CLAIM_FACETS, FACET_SIZE, FACT_FACETS, FACT_PREVIEW_SIZE, MAX_ARTICLE_BYTES, OCCURRENCES_PER_VALUE, VARIANT_KINDS } from '../data-layout.js';
import { cursorParam, limitParam, pageOf, SpanSchema } from './common.js';
import {
  boilerplateExample,
  claimExample,
  claimFacetsExample,
  entityExample,
  entityMentionExample,
  factExample,
  factFacetsExample,
  sourceExample,
  topicExample,
} from './examples.js';

const slug = z.string().min(1).max(100);
const id = (prefix: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .describe(`Stable id, "${prefix}_" and 16 hex digits`);

export const TopicSchema = z
  .object({
    slug: z.string().describe('Stable topic identifier'),
    label: z.string(),
    description: z.string(),
    claimCount: z.number().int().describe('Claims tagged with this topic'),
    sourceCount: z.number().int().describe('Distinct sources with at least one such claim'),
  })
  .meta({ id: 'Topic', examples: [topicExample] });

export const EntityKindSchema = z.enum(['person', 'organisation', 'place']).describe('What the entity is: a person, an organisation or a place');

export const ClaimEntitySchema = z
  .object({
    id: z.string().describe('The entity, as served by /entities/{id}'),
    name: z.string().describe('Canonical name, whatever name the claim uses'),
    kind: EntityKindSchema,
    span: SpanSchema,
  })
  .meta({ id: 'ClaimEntity', examples: [claimExample.entities[0]] });

export const ClaimSchema = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    text: z.string().describe('The claim exactly as the source words it'),
    span: SpanSchema,
    topics: z.array(z.string()).describe("Topic slugs, in taxonomy order: those whose terms the claim names, or when it names none, its source's main topic if it has one"),
    speaker: z.string().nullable().describe('Who asserts the claim; null when the source states it in its own voice'),
    quote: z.string().nullable().describe('Directly quoted words, exactly as in the source; parts joined by " … "'),
    checkworthiness: z.number().min(0).max(1).describe('0..1: how much the claim is worth checking'),
    factIds: z.array(z.string()).describe('Facts this claim supports'),
    entities: z
      .array(ClaimEntitySchema)
      .describe('People, organisations and places the claim names, in text order; each span slices the name as written out of the source text'),
    offEvent: z
      .boolean()
      .describe("True when the claim's source is judged not to be about the event (its offEvent says why): such claims are left out of lists unless asked for, and of facts"),
  })
  .meta({ id: 'Claim', examples: [claimExample] });

export const BoilerplateSchema = z
  .object({
    text: z.string(),
    reason: z.string().describe('Why the clean stage removed it, e.g. share-widget, author-bio, photo-caption'),
    span: SpanSchema,
  })
  .meta({ id: 'Boilerplate', examples: [boilerplateExample] });

export const SourceSchema = z
  .object({
    id: z.string(),
    fileName: z.string().nullable().describe('The file it was ingested from, if any'),
    url: z.string().nullable().describe('Where the article was published, when the writer stated it'),
    title: z.string().nullable(),
    publisher: z
      .string()
      .nullable()
      .describe("As the writer stated it, else as the page names it (site name, masthead, credit, banner), else the site of its url"),
    author: z.string().nullable(),
    publishedAt: z.string().nullable().describe('ISO date stated on the page'),
    claimCount: z.number().int(),
    offEvent: z
      .string()
      .nullable()
      .describe("Why the source is judged not to be about the event the lexicon's event.yaml describes; null when it is, or when no event is described"),
  })
  .meta({ id: 'Source', examples: [sourceExample] });

export const SourceDetailSchema = SourceSchema.extend({
  text: z.string().describe('The article exactly as ingested; claim spans index into it'),
  boilerplate: z.array(BoilerplateSchema).describe('Lines removed as not reporting'),
  claims: z.array(ClaimSchema),
}).meta({
  id: 'SourceDetail',
  examples: [{ ...sourceExample, text: 'US and China agree to resume military communication – Baltic News Network\n\n3 Min Read\n…', boilerplate: [boilerplateExample], claims: [claimExample] }],
});

export const VariantKindSchema = z
  .enum(VARIANT_KINDS)
  .describe('What differs: a place, a number, a date, the person speaking, the quoted wording, or a hedge one source makes and another does not');

export const VariantSchema = z
  .object({
    kind: VariantKindSchema,
    values: z
      .array(
        z.object({
          value: z.string().describe('The value as the sources give it (canonical name for places and speakers; "stated without hedge" for a plain claim)'),
          sourceCount: z.number().int().describe('Sources giving this value'),
          claimCount: z.number().int().describe('Claims giving this value'),
          occurrences: z
            .array(
              z.object({
                sourceId: z.string(),
                claimId: z.string(),
                span: SpanSchema.describe('The words carrying the value, as a span into the source text'),
              }),
            )
            .describe(`Where it is said: the first ${OCCURRENCES_PER_VALUE} occurrences in corpus order`),
        }),
      )
      .describe('Each distinct value, in order of first appearance'),
  })
  .meta({ id: 'Variant' });

export const FactSchema = z
  .object({
    id: z.string(),
    statement: z.string().describe("A neutral sentence: the best-formed supporting claim's text"),
    topics: z.array(z.string()),
    sourceIds: z.array(z.string()).describe(`The first ${FACT_PREVIEW_SIZE} sources stating it, in ingest order; sourceCount says how many there are`),
    claimIds: z
      .array(z.string())
      .describe(`The first ${FACT_PREVIEW_SIZE} supporting claims in corpus order; claimCount says how many, GET /claims?factId= pages through all`),
    sourceCount: z.number().int().describe('Distinct sources stating the fact'),
    claimCount: z.number().int().describe('Claims stating the fact'),
    variants: z.array(VariantSchema).describe('Where the sources disagree on a value; empty when they agree'),
  })
  .meta({ id: 'Fact', examples: [factExample] });

export const FactDetailSchema = FactSchema.extend({
  wordings: z
    .array(
      z.object({
        sourceId: z.string(),
        title: z.string().nullable(),
        publisher: z.string().nullable(),
        url: z.string().nullable().describe('Where the article was published, when the writer stated it'),
        publishedAt: z.string().nullable().describe('ISO date stated on the page'),
        claims: z.array(ClaimSchema).describe("The source's own wording, with spans"),
      }),
    )
    .describe(`Each source's wording side by side, in ingest order, for the first ${FACT_PREVIEW_SIZE} supporting claims (claimIds); GET /claims?factId= pages through all`),
}).meta({
  id: 'FactDetail',
  examples: [{ ...factExample, wordings: [{ sourceId: sourceExample.id, title: sourceExample.title, publisher: sourceExample.publisher, url: sourceExample.url, publishedAt: sourceExample.publishedAt, claims: [claimExample] }] }],
});

export const EntitySchema = z
  .object({
    id: z.string().describe('Stable id, "ent_" and 16 hex digits: a hash of kind and canonical name'),
    name: z.string().describe('Canonical name from the entity list'),
    kind: EntityKindSchema,
    aliases: z.array(z.string()).describe('The other names sources use for it, as listed'),
    mentionCount: z.number().int().describe('Mentions across all claims'),
    sourceCount: z.number().int().describe('Distinct sources with at least one claim that mentions it'),
  })
  .meta({ id: 'Entity', examples: [entityExample] });

export const EntityMentionSchema = z
  .object({
    claimId: z.string(),
    sourceId: z.string(),
    span: SpanSchema,
    text: z.string().describe('The name exactly as the source writes it: source.text.slice(span.start, span.end)'),
  })
  .meta({ id: 'EntityMention', examples: [entityMentionExample] });

export const EntityDetailSchema = EntitySchema.extend({
  mentions: z.array(EntityMentionSchema).describe('Every mention, in source order, then reading order'),
}).meta({ id: 'EntityDetail', examples: [{ ...entityExample, mentions: [entityMentionExample] }] });

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    sources: z.number().int(),
    claims: z.number().int(),
    facts: z.number().int(),
  })
  .meta({ id: 'Health', examples: [{ status: 'ok', sources: 5, claims: 78, facts: 8 }] });

export const FacetSchema = z
  .object({
    values: z
      .array(
        z.object({
          value: z.string().describe('What /claims (or /facts) takes as the filter of the same name: a topic slug, a speaker, a source id, an entity id'),
          label: z
            .string()
            .nullable()
            .describe("The value's name for display: the topic's label, the source's title (null when it states none), the entity's canonical name; null for speakers, whose value is their name"),
          count: z.number().int().describe('Claims (facts, on /facts) of the whole filtered list with this value, not only of the page'),
        }),
      )
      .describe(
        `The values with the most claims first, ties in the order /topics lists topics, by name (case aside) for speakers and entities, in list order for sources; ` +
          `the first facetSize (default ${FACET_SIZE.default}), and only values that occur`,
      ),
    valueCount: z.number().int().describe('How many distinct values the filtered list has'),
    truncated: z.boolean().describe('True when valueCount is more than values lists (facetSize cut it)'),
  })
  .meta({ id: 'Facet', examples: [claimFacetsExample.topic] });

export const ClaimFacetsSchema = z
  .object({
    topic: FacetSchema.optional(),
    speaker: FacetSchema.optional().describe('Speakers that differ only in case count as one, as the speaker filter matches them; claims without a speaker are not counted'),
    source: FacetSchema.optional(),
    entity: FacetSchema.optional().describe('A claim that names an entity twice counts once, as the entity filter lists it once'),
  })
  .describe('Present when facet= asks for it: each facet asked, counted over every claim the filters select')
  .meta({ id: 'ClaimFacets', examples: [claimFacetsExample] });

export const FactFacetsSchema = z
  .object({ topic: FacetSchema.optional() })
  .describe('Present when facet= asks for it: facts by topic, counted over every fact the filters select')
  .meta({ id: 'FactFacets', examples: [factFacetsExample] });

export const TopicPageSchema = pageOf(TopicSchema).meta({ id: 'TopicPage', examples: [{ items: [topicExample], nextCursor: 'WzEsMTZd' }] });
export const ClaimPageSchema = pageOf(ClaimSchema)
  .extend({ facets: ClaimFacetsSchema.optional() })
  .meta({ id: 'ClaimPage', examples: [{ items: [claimExample], nextCursor: 'WzEsMTZd' }, { items: [claimExample], nextCursor: 'WzEsMTZd', facets: claimFacetsExample }] });
export const SourcePageSchema = pageOf(SourceSchema).meta({ id: 'SourcePage', examples: [{ items: [sourceExample], nextCursor: 'WzEsMTZd' }] });
export const FactPageSchema = pageOf(FactSchema)
  .extend({ facets: FactFacetsSchema.optional() })
  .meta({ id: 'FactPage', examples: [{ items: [factExample], nextCursor: 'WzEsMTZd' }, { items: [factExample], nextCursor: 'WzEsMTZd', facets: factFacetsExample }] });
export const DiscrepancyPageSchema = pageOf(FactSchema).meta({ id: 'DiscrepancyPage', examples: [{ items: [factExample], nextCursor: 'WzEsMTZd' }] });
export const EntityPageSchema = pageOf(EntitySchema).meta({ id: 'EntityPage', examples: [{ items: [entityExample], nextCursor: null }] });

// Query schemas are strict: a misspelt filter (topc=) or a parameter the API does not offer (format=csv)
// is a 400 naming it, not an answer that silently ignores it.
export const TopicListQuery = z.strictObject({ limit: limitParam, cursor: cursorParam(z.tuple([z.number().int()])) });
export const SourceListQuery = TopicListQuery;

/**
 * facet= names what to count beside the page; repeated for several. Unknown names are one problem naming
 * them all, on the parameter itself.
 */
function facetParam<const Names extends readonly [string, ...string[]]>(names: Names, what: string) {
  return z
    .preprocess((value, context) => {
      const asked = Array.isArray(value) ? value : [value];
      const unknown = asked.filter((name) => !(names as readonly unknown[]).includes(name));
      if (unknown.length > 0) {
        context.addIssue({
          code: 'custom',
          input: value,
          message: `unknown facet ${unknown.map((name) => JSON.stringify(String(name).slice(0, 100))).join(', ')}: this operation counts ${names.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(asked)];
    }, z.array(z.enum(names)).meta({ examples: [names.slice(0, 2)] }))
    .optional()
    .describe(`Also count ${what} by this, over every item the filters select, beside the page (facets); repeat for several`);
}

const facetSizeParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(FACET_SIZE.max)
  .optional()
  .describe(`Values listed per facet, the most frequent first, 1 to ${FACET_SIZE.max} (default ${FACET_SIZE.default}); only with facet`);

export const ClaimListQuery = z.strictObject({
  topic: slug.optional().describe('Only claims tagged with this topic slug').meta({ examples: ['fentanyl'] }),
  source: id('src').optional().describe('Only claims from this source'),
  speaker: z.string().min(1).max(200).optional().describe('Only claims asserted by this speaker (case-insensitive)').meta({ examples: ['Xi Jinping'] }),
  factId: id('fct').optional().describe('Only claims supporting this fact'),
  q: z
    .string()
    .max(500)
    .regex(/[\p{L}\p{N}]/u, 'must contain at least one letter or digit')
    .optional()
    .describe('Full-text search over claim text; every word must match')
    .meta({ examples: ['military'] }),
  entity: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Only claims that mention this entity: its id, or its canonical name (case-insensitive)')
    .meta({ examples: ['Hamas'] }),
  // An empty value would otherwise coerce to 0 and silently filter nothing.
  minCheckworthiness: z
    .preprocess(
      (value) => (value === '' ? undefined : value),
      z.coerce.number({ error: 'expected a number from 0 to 1' }).min(0).max(1).meta({ examples: [0.7] }),
    )
    .optional()
    .describe('Only claims whose checkworthiness is at least this, 0 to 1'),
  offEvent: z
    .enum(['exclude', 'include', 'only'])
    .default('exclude')
    .describe('Claims of sources that are not about the event: left out (exclude, the default), listed with the rest (include), or listed alone (only)'),
  facet: facetParam(CLAIM_FACETS, 'the claims'),
  facetSize: facetSizeParam,
  limit: limitParam,
  cursor: cursorParam(z.tuple([z.number().int(), z.number().int()])),
});

export const FactListQuery = z.strictObject({
  topic: slug.optional().describe('Only facts about this topic slug').meta({ examples: ['taiwan'] }),
  minSources: z.coerce.number().int().min(1).max(1000).default(1).describe('Only facts stated by at least this many sources'),
  facet: facetParam(FACT_FACETS, 'the facts'),
  facetSize: facetSizeParam,
  limit: limitParam,
  cursor: cursorParam(z.tuple([z.number().int(), z.string()])),
});

export const DiscrepancyListQuery = z.strictObject({
  kind: VariantKindSchema.optional().describe('Only facts whose sources differ on this kind of value'),
  topic: slug.optional().describe('Only facts about this topic slug').meta({ examples: ['summit-logistics'] }),
  limit: limitParam,
  cursor: cursorParam(z.tuple([z.number().int(), z.string()])),
});

export const EntityListQuery = z.strictObject({
  kind: EntityKindSchema.optional().describe('Only entities of this kind'),
  q: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Only entities whose name or an alias contains this text (case-insensitive)')
    .meta({ examples: ['strait'] }),
  limit: limitParam,
  cursor: cursorParam(z.tuple([z.number().int(), z.number().int(), z.string()])),
});

/** The query of an operation that takes no parameters: any is refused, like an unknown one elsewhere. */
export const NoQuery = z.strictObject({});

export const SlugParams = z.object({ slug: slug.describe('Topic slug').meta({ examples: ['fentanyl'] }) });
export const IdParams = z.object({ id: z.string().min(1).max(100).describe('Resource id') });

/** A lone UTF-16 surrogate cannot be stored as UTF-8: the text served back would differ from the text sent. */
const LONE_SURROGATE = /\p{Cs}/u;

const statedText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must be well-formed Unicode')
    .optional()
    .describe(`${what}; overrides what the clean stage reads off the page`);

export const SourceInputSchema = z
  .strictObject({
    text: z
      .string()
      .max(MAX_ARTICLE_BYTES)
      .superRefine((text, context) => {
        if (text.length > MAX_ARTICLE_BYTES) return; // already too long in characters
        // The rules `npm run ingest` applies to a file, then one a file cannot break.
        const problem = articleProblem(Buffer.from(text, 'utf8'));
        if (problem) context.addIssue({ code: 'custom', message: problem });
        else if (LONE_SURROGATE.test(text)) context.addIssue({ code: 'custom', message: 'must be well-formed Unicode (a lone surrogate)' });
      })
      .describe(`The article as plain text, verbatim: claim spans will index into it. At most ${MAX_ARTICLE_BYTES} bytes of UTF-8, no NUL`),
    title: statedText('Headline', 500),
    publisher: statedText('Publication name', 200),
    author: statedText('Byline', 200),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an absolute http or https URL' })
      .max(2048)
      .optional()
      .describe('Where the article was published (http or https); stored as stated, never fetched. When neither the request nor the page names a publisher, the publisher is its site ("news.example")'),
    publishedAt: z.iso.date({ error: 'must be a calendar date as YYYY-MM-DD' }).optional().describe('Publication date, YYYY-MM-DD'),
  })
  .meta({
    id: 'Article',
    examples: [
      {
        text: 'Biden and Xi agree to resume military talks\n\nPresident Joe Biden said on Wednesday that the United States and China will resume military-to-military communication.',
        publisher: 'Example Wire',
        url: 'https://news.example/biden-xi',
        publishedAt: '2023-11-16',
      },
    ],
  });

export const SourceWriteResultSchema = z
  .object({
    status: z.enum(['new', 'unchanged']).describe('new: stored now (201); unchanged: the same text was stored already (200)'),
    source: SourceSchema,
    claims: z.array(ClaimSchema).describe('Every claim extracted from the source, in reading order'),
    facts: z.array(FactSchema).describe('The facts its claims support once they are grouped with the stored claims'),
  })
  .meta({ id: 'SourceWriteResult', examples: [{ status: 'new', source: sourceExample, claims: [claimExample], facts: [factExample] }] });

export const SourceDeletionSchema = z
  .object({
    id: z.string().describe('The source removed'),
    claimsRemoved: z.number().int().describe('Its claims, removed with it'),
    factsRemoved: z.array(z.string()).describe('Facts it supported that no longer stand (no other claim groups under them)'),
    factsUpdated: z.array(FactSchema).describe('Facts it supported that other sources still state, as they are now'),
  })
  .meta({ id: 'SourceDeletion', examples: [{ id: sourceExample.id, claimsRemoved: 18, factsRemoved: [], factsUpdated: [factExample] }] });

export const ChangeSchema = z
  .object({
    kind: z.enum(CHANGE_KINDS).describe('What happened: a source added or removed, a fact created, grown, shrunk (claims joined or left) or removed'),
    id: z.string().describe('The source or fact it happened to'),
    claimCount: z.number().int().nullable().describe("For a fact: its claims after the change (0 when removed); null for a source"),
  })
  .meta({ id: 'Change', examples: [{ kind: 'fact-grown', id: 'fct_26b761bc256a498b', claimCount: 5 }] });

export const ChangeFeedSchema = z
  .object({
    items: z.array(ChangeSchema),
    nextCursor: z.string().describe('Where to read on from: send it as since next time. Never null; unchanged when there is nothing new'),
  })
  .meta({ id: 'ChangeFeed' });

export const ChangeFeedQuery = z.strictObject({
  since: cursorParam(z.tuple([z.number().int().min(0)])).describe('The nextCursor of a previous read; absent: from the first change, which describes the whole database'),
  limit: limitParam,
});

export const ChangeStreamQuery = z.strictObject({
  since: cursorParam(z.tuple([z.number().int().min(0)])).describe(
    'The nextCursor of a read of /changes, or the id of the last event received; absent: from the first change. A Last-Event-ID header, as an EventSource sends on reconnecting, wins over it',
  ),
});

/** One Server-Sent Event of the change stream, as sent on the wire. */
export const ChangeStreamSchema = z
  .string()
  .describe(
    'A text/event-stream: each change is an event named "change" whose data is a Change as JSON and whose id is the cursor to resume after it; a comment line every 15 s keeps the connection open',
  )
  .meta({
    id: 'ChangeStream',
    examples: ['id: WzQyXQ\nevent: change\ndata: {"kind":"fact-grown","id":"fct_26b761bc256a498b","claimCount":5}\n\n'],
  });
