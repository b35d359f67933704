import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { compileLexicon, type EntityDefinition, type Lexicon } from './pipeline/index.js';
import type { EntityKind, Topic } from './pipeline/types.js';

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

const names = z.record(z.string().min(1), z.array(z.string().min(1)).nullable()).default({});

/** The YAML sections, each the kind of entity it lists. */
const SECTIONS = { people: 'person', organisations: 'organisation', places: 'place' } as const satisfies Record<string, EntityKind>;

/** "the BBC" and "BBC" are one name to a reader, so they may not name two entities. */
const nameKey = (name: string) => name.toLowerCase().replace(/^the\s+/, '');

const EntityFileSchema = z
  // `groups` name several actors speaking as one ("both leaders"): speakers, never mentions.
  .object({ people: names, organisations: names, places: names, groups: names })
  .superRefine((file, context) => {
    const owners = new Map<string, string>();
    for (const section of Object.keys(SECTIONS) as Array<keyof typeof SECTIONS>) {
      for (const [name, aliases] of Object.entries(file[section])) {
        for (const written of [name, ...(aliases ?? [])]) {
          const owner = owners.get(nameKey(written));
          if (owner !== undefined && owner !== name) {
            context.addIssue({ code: 'custom', path: [section, name], message: `"${written}" already names ${owner}: a name may belong to one entity only` });
          }
          owners.set(nameKey(written), name);
        }
      }
    }
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

export type LoadedLexicon = { topics: Topic[]; entities: EntityDefinition[]; lexicon: Lexicon };

/**
 * Reads the taxonomy and the name list that sit beside the articles. Attribution names speakers
 * from people and organisations only: a place is where something happened, not who said it.
 */
export function loadLexicon(dir: string): LoadedLexicon {
  const { topics } = readYaml(join(dir, TAXONOMY_FILE), TopicFileSchema);
  const file = readYaml(join(dir, ENTITIES_FILE), EntityFileSchema);
  const entities: EntityDefinition[] = (Object.entries(SECTIONS) as Array<[keyof typeof SECTIONS, EntityKind]>).flatMap(([section, kind]) =>
    Object.entries(file[section]).map(([name, aliases]) => ({ name, kind, aliases: aliases ?? [] })),
  );
  const aliases = Object.fromEntries([
    ...entities.filter((entity) => entity.kind !== 'place').map((entity) => [entity.name, entity.aliases] as const),
    ...Object.entries(file.groups).map(([name, others]) => [name, others ?? []] as const),
  ]);
  return { topics, entities, lexicon: compileLexicon(topics, aliases, entities) };
}
