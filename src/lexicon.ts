import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { compileLexicon, type Lexicon } from './pipeline/index.js';
import type { Topic } from './pipeline/types.js';

const TopicFileSchema = z.object({
  topics: z
    .array(
      z.object({
        slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slugs are lowercase words joined by hyphens'),
        label: z.string().min(1),
        description: z.string().min(1),
        terms: z.array(z.string().min(1)).min(1),
        facts: z
          .array(
            z.object({
              key: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'fact keys are lowercase words joined by hyphens'),
              label: z.string().min(1),
              all: z.array(z.array(z.string().min(1)).min(1)).min(1),
              none: z.array(z.string().min(1)).optional(),
              within: z.number().int().positive().optional(),
            }),
          )
          .optional(),
      }),
    )
    .min(1)
    .refine((topics) => new Set(topics.map((topic) => topic.slug)).size === topics.length, 'topic slugs must be unique')
    .refine((topics) => {
      const keys = topics.flatMap((topic) => (topic.facts ?? []).map((fact) => fact.key));
      return new Set(keys).size === keys.length;
    }, 'fact keys must be unique across topics'),
});

const EntityFileSchema = z.object({
  people: z.record(z.string(), z.array(z.string()).nullable()).default({}),
  organisations: z.record(z.string(), z.array(z.string()).nullable()).default({}),
  groups: z.record(z.string(), z.array(z.string()).nullable()).default({}),
});

export const TAXONOMY_FILE = 'taxonomy.yaml';
export const ENTITIES_FILE = 'entities.yaml';

function readYaml<T>(path: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export type LoadedLexicon = { topics: Topic[]; lexicon: Lexicon };

/** Reads the taxonomy and the name list that sit beside the articles. */
export function loadLexicon(dir: string): LoadedLexicon {
  const { topics } = readYaml(join(dir, TAXONOMY_FILE), TopicFileSchema);
  const entities = readYaml(join(dir, ENTITIES_FILE), EntityFileSchema);
  const aliases = Object.fromEntries(
    Object.entries({ ...entities.people, ...entities.organisations, ...entities.groups }).map(([name, others]) => [name, others ?? []]),
  );
  return { topics, lexicon: compileLexicon(topics, aliases) };
}
