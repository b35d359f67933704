import { foldPunctuation, inOrdinaryCapitals } from '../text.js';
import type { CompiledAliases } from './index.js';

/** Titles, roles and honorifics written before a name; a speaker is named without them. */
export const TITLES =
  '(?:Prime Minister|Foreign Minister|Deputy Minister|Foreign Secretary|Minister|President|Vice President|Chancellor|Premier|Secretary-General|Secretary General|Secretary|Ambassador|Senator|Representative|Governor|Mayor|Councillor|Councilor|Commissioner|General|Admiral|Spokesperson|Spokesman|Spokeswoman|Director|Chairman|Chairwoman|Chair|Professor|National Security Advisor|National Security Adviser|Press Secretary|Crown Prince|King|Queen|Emir|Sheikh|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|Dr|Mr|Mrs|Ms)';

/**
 * Who a title belongs to, written before it: a demonym or a possessive ("Ukrainian President …",
 * "Lithuania's President …"). Only before a title, where it cannot be a first name.
 */
export const TITLE_OWNER = `(?:\\p{Lu}\\p{Ll}+(?:an|ese|ish|ch|i)|\\p{Lu}[\\p{L}.]+['\u2019]s)\\s+(?=${TITLES}\\s)`;

const LEADING_TITLES = new RegExp(`^(?:(?:the|a)\\s+)?(?:${TITLE_OWNER})?(?:${TITLES}(?![\\p{L}])\\s*)+`, 'iu');

/** Two or three capitalised words, after any titles: how a text first names a person in full. */
const FULL_NAME = new RegExp(`(?:${TITLES}\\s+)*(\\p{Lu}[\\p{Ll}'-]+(?:\\s+\\p{Lu}[\\p{Ll}'-]+){1,2})`, 'gu');

/** A role followed by the name it belongs to: "President Biden", "Secretary General Jens Stoltenberg". */
const ROLE_AND_NAME = new RegExp(`\\b(${TITLES})\\s+(\\p{Lu}[\\p{Ll}'-]+(?:\\s+\\p{Lu}[\\p{Ll}'-]+){0,2})`, 'gu');

/** Words that open a sentence or a heading in capitals but never begin a person's name. */
const NOT_A_FIRST_NAME = /^(?:The|A|An|This|That|These|Those|In|On|At|For|And|But|Our|We|It|As|By|Of|To|With|From|After|Before|During|Today|Yesterday)$/;

/**
 * The people a document names, as it names them: full names (for a surname or title form elsewhere
 * in it, "MR. SULLIVAN" or "Secretary Blinken", to resolve to), and which person holds each role, the
 * title first (a transcript's "THE PRESIDENT" is the president its title names).
 */
export type DocumentNames = { fullNames: string[]; byRole: Map<string, string> };

const roleKey = (role: string) => role.toLowerCase().replace(/-/g, ' ').replace(/\.$/, '');

export function documentNames(title: string | null, texts: string[]): DocumentNames {
  const fullNames: string[] = [];
  const byRole = new Map<string, string>();
  for (const text of title === null ? texts : [title, ...texts]) {
    const folded = foldPunctuation(text);
    for (const match of folded.matchAll(FULL_NAME)) {
      const name = match[1]!;
      if (!NOT_A_FIRST_NAME.test(name.split(/\s+/)[0]!) && !fullNames.includes(name)) fullNames.push(name);
    }
    for (const match of folded.matchAll(ROLE_AND_NAME)) {
      const role = roleKey(match[1]!);
      if (!byRole.has(role)) byRole.set(role, match[2]!);
    }
  }
  return { fullNames, byRole };
}

export const NO_NAMES: DocumentNames = { fullNames: [], byRole: new Map() };

/**
 * The canonical name of a person as a label, a title form or a surname gives it: the entity list's
 * name when it knows the person; else the full name the document uses for that surname; a bare role
 * ("THE PRESIDENT") is whoever the document names in that role. Titles are dropped, capitals made
 * ordinary. Null when nothing is left of the phrase but a role nobody in the document holds.
 */
export function resolvePerson(phrase: string, names: DocumentNames, aliases: CompiledAliases): string | null {
  const spaced = foldPunctuation(phrase).replace(/\s+/g, ' ').trim();
  const known = (text: string) => aliases.canonical.get(text.toLowerCase());
  const direct = known(spaced) ?? known(spaced.replace(/^the\s+/i, ''));
  if (direct) return direct;
  const name = spaced.replace(LEADING_TITLES, '').trim();
  if (name === '') {
    const holder = names.byRole.get(roleKey(spaced.replace(/^(?:the|a)\s+/i, '')));
    return holder === undefined ? null : resolvePerson(holder, NO_NAMES, aliases) ?? holder;
  }
  const knownName = known(name);
  if (knownName) return knownName;
  const words = name.split(' ');
  const surname = words.at(-1)!.toLowerCase();
  const full = names.fullNames.find((candidate) => {
    const parts = candidate.split(/\s+/);
    return parts.length > words.length && parts.at(-1)!.toLowerCase() === surname;
  });
  if (full) return known(full) ?? full;
  return name === name.toUpperCase() ? inOrdinaryCapitals(name) : name;
}
