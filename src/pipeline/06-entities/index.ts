import { foldPunctuation } from '../text.js';
import type { EntityKind, EntityMention } from '../types.js';

/** One entry of the entity list: a canonical name, what kind of thing it names, and its other names. */
export type EntityDefinition = { name: string; kind: EntityKind; aliases: string[] };

export type CompiledEntities = {
  /** Sticky: tried at each word start, it matches the longest name that starts there. */
  pattern: RegExp | null;
  /** Each written form, spaces collapsed, → the entity it names. */
  entityOf: Map<string, { entity: string; kind: EntityKind }>;
};

/** A leading article belongs to the sentence, not the name: "the BBC" is a mention of "BBC". */
function withoutArticle(name: string): string {
  return name.replace(/^the\s+/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Names match with the case they are written in, so the country "US" is never the pronoun "us", and
 * "China" is never porcelain; a name written lower-case ("mainland China") also matches capitalised,
 * as it is at the start of a sentence.
 */
function writtenForms(name: string): string[] {
  const folded = foldPunctuation(withoutArticle(name)).replace(/\s+/g, ' ').trim();
  const capitalised = folded.replace(/^\p{Ll}/u, (initial) => initial.toUpperCase());
  return capitalised === folded ? [folded] : [folded, capitalised];
}

/**
 * A name ends where a word ends. An apostrophe followed by a letter continues the word ("Xi'an" is
 * not "Xi"), except for the possessive "'s" ("Xi's" is a mention of Xi).
 */
const NAME_END = "(?![\\p{L}\\p{N}])(?!'(?!s(?![\\p{L}\\p{N}]))[\\p{L}\\p{N}])";

/** Longest forms first, so the alternation tried at one position prefers "Taiwan Strait" to "Taiwan". */
export function compileEntities(definitions: EntityDefinition[]): CompiledEntities {
  const entityOf = new Map<string, { entity: string; kind: EntityKind }>();
  for (const { name, kind, aliases } of definitions) {
    for (const form of [name, ...aliases].flatMap(writtenForms)) {
      if (form && !entityOf.has(form)) entityOf.set(form, { entity: name, kind });
    }
  }
  const forms = [...entityOf.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (!forms.length) return { pattern: null, entityOf };
  const alternatives = forms.map((form) => escapeRegExp(form).replaceAll(' ', '\\s+'));
  return { pattern: new RegExp(`(?:${alternatives.join('|')})${NAME_END}`, 'uy'), entityOf };
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Asked of every character of every claim: ASCII, most of them, is answered without the Unicode pattern. */
function isLetterOrDigit(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER_OR_DIGIT.test(text[index]!);
}

/** Where a word starts: a letter or digit after anything that is not, and not right after "x'". */
function isWordStart(text: string, index: number): boolean {
  if (!isLetterOrDigit(text, index)) return false;
  if (index === 0) return true;
  if (isLetterOrDigit(text, index - 1)) return false;
  return !(text[index - 1] === "'" && index >= 2 && isLetterOrDigit(text, index - 2));
}

/**
 * Every mention of a known entity in one claim's text, in text order, with offsets into that text.
 * Candidates are the longest name starting at each word; where candidates overlap, the longest wins
 * (then the earlier), so "President Joe Biden" is one mention and "Taiwan Strait" is not also "Taiwan".
 */
export function findEntities(text: string, entities: CompiledEntities): EntityMention[] {
  const { pattern } = entities;
  if (!pattern) return [];
  // Folding keeps every offset: curly apostrophes, dashes and odd spaces are one character either way.
  const folded = foldPunctuation(text);
  const candidates: Array<{ start: number; end: number; form: string }> = [];
  for (let index = 0; index < folded.length; index += 1) {
    if (!isWordStart(folded, index)) continue;
    pattern.lastIndex = index;
    const match = pattern.exec(folded);
    if (match) candidates.push({ start: index, end: index + match[0].length, form: match[0].replace(/\s+/g, ' ') });
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof candidates = [];
  for (const candidate of candidates) {
    if (kept.every((other) => candidate.end <= other.start || other.end <= candidate.start)) kept.push(candidate);
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map(({ start, end, form }) => ({ ...entities.entityOf.get(form)!, start, end }));
}
