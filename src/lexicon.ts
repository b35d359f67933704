import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Aliases } from './pipeline/05-attribution/index.js';
import { compileLexicon, type EntityDefinition, type EventDescription, type Lexicon } from './pipeline/index.js';
import type { EntityKind, Topic } from './pipeline/types.js';

const TopicFileSchema = z.object({
  topics: z
    .array(
      z.object({
        slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slugs are lowercase words joined by hyphens'),
        label: z.string().min(1),
        description: z.string().min(1),
        terms: z.array(z.string().min(1)).min(1),
        // Facts are grouped from what sources say, not from patterns a lexicon lists: an old taxonomy's
        // `facts` lists are refused by name rather than ignored without a word.
        facts: z.never({ error: 'fact patterns are no longer read: facts are grouped from the text; remove the `facts` lists' }).optional(),
      }),
    )
    .min(1)
    .refine((topics) => new Set(topics.map((topic) => topic.slug)).size === topics.length, 'topic slugs must be unique'),
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

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');

const EventFileSchema = z
  .object({
    name: z.string().min(1),
    dates: z.array(IsoDate).min(1).max(2),
    places: z.array(z.string().min(1)).default([]),
    description: z.string().min(1),
  })
  .strict();

export const TAXONOMY_FILE = 'taxonomy.yaml';
export const ENTITIES_FILE = 'entities.yaml';
/** Optional: without it every document counts as being about the event. */
export const EVENT_FILE = 'event.yaml';

/** A lexicon that cannot be read or applied; the message is one line naming the file and the problem. */
export class LexiconError extends Error {
  override name = 'LexiconError';
}

/** One line, whatever the YAML parser or the file system says: their messages can span several with a code excerpt. */
const firstLine = (message: string) => message.split('\n', 1)[0]!.trim();

function readYaml<T>(path: string, schema: z.ZodType<T>): { data: T; bytes: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LexiconError(`${path}: ${code === 'ENOENT' ? 'no such file' : firstLine((error as Error).message)}`);
  }
  const document = parseDocument(bytes.toString('utf8'), { prettyErrors: false });
  if (document.errors.length > 0) throw new LexiconError(`${path}: not valid YAML: ${firstLine(document.errors[0]!.message)}`);
  const parsed = schema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LexiconError(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { data: parsed.data, bytes };
}

/**
 * The taxonomy and the name list as read and checked, not yet compiled (compiling needs the language
 * model). `digest` hashes the bytes these were parsed from, so what is stored is fingerprinted with
 * exactly what was read, even when the files change meanwhile.
 */
export type LexiconFiles = { topics: Topic[]; entities: EntityDefinition[]; aliases: Aliases; event: EventDescription | null; digest: string };

export type LoadedLexicon = LexiconFiles & { lexicon: Lexicon };

/**
 * Reads the taxonomy and the name list from a lexicon folder. Attribution names speakers from people
 * and organisations only: a place is where something happened, not who said it.
 */
export function readLexicon(dir: string): LexiconFiles {
  const taxonomy = readYaml(join(dir, TAXONOMY_FILE), TopicFileSchema);
  const names = readYaml(join(dir, ENTITIES_FILE), EntityFileSchema);
  const file = names.data;
  const entities: EntityDefinition[] = (Object.entries(SECTIONS) as Array<[keyof typeof SECTIONS, EntityKind]>).flatMap(([section, kind]) =>
    Object.entries(file[section]).map(([name, aliases]) => ({ name, kind, aliases: aliases ?? [] })),
  );
  const aliases = Object.fromEntries([
    ...entities.filter((entity) => entity.kind !== 'place').map((entity) => [entity.name, entity.aliases] as const),
    ...Object.entries(file.groups).map(([name, others]) => [name, others ?? []] as const),
  ]);
  const eventPath = join(dir, EVENT_FILE);
  const event = existsSync(eventPath) ? readYaml(eventPath, EventFileSchema) : null;
  const digest = createHash('sha256')
    .update(taxonomy.bytes)
    .update(names.bytes)
    .update(event?.bytes ?? '')
    .digest('hex');
  return { topics: taxonomy.data.topics, entities, aliases, event: event?.data ?? null, digest };
}

/** Reads and compiles a lexicon folder. */
export function loadLexicon(dir: string): LoadedLexicon {
  const files = readLexicon(dir);
  return { ...files, lexicon: compileLexicon(files) };
}
