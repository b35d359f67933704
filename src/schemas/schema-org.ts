import { z } from 'zod';
import type { FactDetailSchema } from './resources.js';

/** The media type of a fact as a schema.org `Claim`, for fact-check tools and search engines. */
export const JSON_LD = 'application/ld+json';

const CreativeWorkSchema = z.object({
  '@type': z.literal('CreativeWork'),
  '@id': z.string().describe("The source's URL on this API"),
  identifier: z.string().describe('The source id'),
  url: z.string().optional().describe('Where the article was published, when the writer stated it'),
  headline: z.string().optional(),
  publisher: z.object({ '@type': z.literal('Organization'), name: z.string() }).optional(),
  datePublished: z.string().optional(),
  text: z.string().describe("The source's first wording of the fact, verbatim"),
});

const AuthorSchema = z.object({
  '@type': z.enum(['Person', 'Organization', 'Thing']).describe("Person or Organization when the entity list knows the speaker, else Thing"),
  name: z.string().describe('A speaker as the claims name them'),
});

export const SchemaOrgClaimSchema = z
  .object({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('Claim'),
    '@id': z.string().describe("The fact's URL on this API"),
    identifier: z.string(),
    text: z.string().describe("The fact's statement"),
    appearance: z.array(CreativeWorkSchema).describe('Each source that states it (the first sources, as in `wordings`)'),
    firstAppearance: CreativeWorkSchema.optional().describe('The earliest dated appearance, else the first ingested'),
    author: z.array(AuthorSchema).optional().describe('Who asserts it, where the claims name a speaker'),
  })
  .meta({ id: 'SchemaOrgClaim' });

export type SchemaOrgClaim = z.infer<typeof SchemaOrgClaimSchema>;
type FactDetail = z.output<typeof FactDetailSchema>;

/**
 * A fact as a schema.org `Claim` (https://schema.org/Claim): its statement, each source article as an
 * `appearance` with its URL when known, the earliest dated one as `firstAppearance`, and the speakers
 * the claims name as `author`: a `Person` or `Organization` when a claim names the speaker as an entity
 * of that kind, else a `Thing`, since a speaker found in the text alone may be either. `origin` makes
 * the API's own URLs absolute.
 */
export function toSchemaOrgClaim(fact: FactDetail, origin: string): SchemaOrgClaim {
  const appearance = fact.wordings.map((wording) => ({
    '@type': 'CreativeWork' as const,
    '@id': `${origin}/sources/${wording.sourceId}`,
    identifier: wording.sourceId,
    ...(wording.url ? { url: wording.url } : {}),
    ...(wording.title ? { headline: wording.title } : {}),
    ...(wording.publisher ? { publisher: { '@type': 'Organization' as const, name: wording.publisher } } : {}),
    ...(wording.publishedAt ? { datePublished: wording.publishedAt } : {}),
    text: wording.claims[0]?.text ?? '',
  }));
  const dated = appearance.filter((work) => work.datePublished !== undefined).sort((a, b) => a.datePublished!.localeCompare(b.datePublished!));
  const claims = fact.wordings.flatMap((wording) => wording.claims);
  const speakers = [...new Set(claims.flatMap((claim) => (claim.speaker ? [claim.speaker] : [])))];
  const kinds = new Map(claims.flatMap((claim) => claim.entities.map((entity) => [entity.name, entity.kind] as const)));
  const typeOf = (name: string) => (kinds.get(name) === 'person' ? 'Person' : kinds.get(name) === 'organisation' ? 'Organization' : 'Thing');
  return {
    '@context': 'https://schema.org',
    '@type': 'Claim',
    '@id': `${origin}/facts/${fact.id}`,
    identifier: fact.id,
    text: fact.statement,
    appearance,
    ...(appearance.length ? { firstAppearance: dated[0] ?? appearance[0] } : {}),
    ...(speakers.length ? { author: speakers.map((name) => ({ '@type': typeOf(name), name })) } : {}),
  };
}
