import { foldPunctuation, inOrdinaryCapitals, TITLES } from '../text.js';

export { TITLES };
import type { CompiledAliases } from './index.js';

/** A nationality written as a word: "Vellish", "Ukrainian", "Japanese". */
export const DEMONYM_WORD = '\\p{Lu}\\p{Ll}+(?:an|ese|ish|ch|i)';

/**
 * Who a title belongs to, written before it: a demonym or a possessive ("Ukrainian President …",
 * "Lithuania's President …"). Only before a title, where it cannot be a first name.
 */
export const TITLE_OWNER = `(?:${DEMONYM_WORD}|\\p{Lu}[\\p{L}.]+['\u2019]s)\\s+(?=${TITLES}\\s)`;


/** One capitalised word of a name, hyphenated parts capitalised or not: "Stoltenberg", "Al-Jaber", "Jean-Pierre", "O'Neill". */
export const NAME_WORD = "\\p{Lu}[\\p{Ll}']+(?:-\\p{L}[\\p{Ll}']+)*";

/** Two or three capitalised words, after any titles: how a text first names a person in full. */
const FULL_NAME = new RegExp(`(?:${TITLES}\\s+)*(${NAME_WORD}(?:\\s+${NAME_WORD}){1,2})`, 'gu');

const LEADING_TITLE = new RegExp(`^(?:${TITLES}\\s+)+`, 'u');

/**
 * Words that are all office ("Prime Minister", "The President", "VICE PRESIDENT"): a role, not a
 * person's name. The last title is the role a holder is looked up by.
 */
export const OFFICE_ONLY = new RegExp(`^(?:the\\s+)?(?:${TITLES}\\s+)*(${TITLES})$`, 'iu');

/**
 * A role followed by the name it belongs to: "President Biden", "Secretary General Jens Stoltenberg",
 * or with the state it serves between them when a comma or an honorific marks where the name begins
 * ("Prime Minister of Norland, Ona Lind", "President of Vell H.E. Piet Dale").
 */
const ROLE_AND_NAME = new RegExp(
  `\\b(${TITLES})(?:\\s+of\\s+(?:the\\s+)?(?:\\p{Lu}[\\p{L}.'-]*\\s*(?:of\\s+(?:the\\s+)?)?){1,5}?(?:,\\s*|\\s+(?=${TITLES}\\s)))?\\s*(?:${TITLES}\\s+)*(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})`,
  'gu',
);

/**
 * Words a title-case heading capitalises that end a name: "Remarks by President Ona Lind Before
 * Meeting", "Gaggle by Advisor Piet Dale En Route Port Alder".
 */
const ENDS_A_NAME =
  /\s+(?:Before|After|At|In|On|En|With|During|Following|Ahead|Upon|For|Of|To|From|And|The|Meeting|Meets|Remarks|Route|Press|Statement|Call|Visit|Summit|Conference|Briefing|Gaggle|Reception|Event|Bilateral|Joint|Aboard|Via)\b.*$/u;

/** Words that open a sentence or a heading in capitals but never begin a person's name. */
const NOT_A_FIRST_NAME = /^(?:The|A|An|This|That|These|Those|In|On|At|For|And|But|Our|We|It|As|By|Of|To|With|From|After|Before|During|Today|Yesterday)$/;

/**
 * The people a document names, as it names them: full names (for a surname or title form elsewhere
 * in it, "MR. SULLIVAN" or "Secretary Blinken", to resolve to), and which person holds each role, the
 * title first (a transcript's "THE PRESIDENT" is the president its title names).
 */
export type DocumentNames = { fullNames: string[]; byRole: Map<string, string>; mentioned: Set<string> };

/** Abbreviated titles, read as the office they stand for: "PM Lind" holds the role "the Prime Minister" names. */
const ABBREVIATED_OFFICES: Record<string, string> = {
  pm: 'prime minister',
  pres: 'president',
  sec: 'secretary',
  gov: 'governor',
  amb: 'ambassador',
  sen: 'senator',
  rep: 'representative',
  gen: 'general',
};

const roleKey = (role: string) => {
  const key = role.toLowerCase().replace(/-/g, ' ').replace(/\.$/, '');
  return ABBREVIATED_OFFICES[key] ?? key;
};

/**
 * "Prime Minister of Norland Ona Lind": with nothing to mark where the state's name ends, the name is
 * the last two capitalised words of at least three, unless those still name a state or a body.
 */
const ROLE_OF_STATE_AND_NAME = new RegExp(
  `\\b(${TITLES})\\s+of\\s+(?:the\\s+)?(?:\\p{Lu}[\\p{L}'-]*\\s+)+?(${NAME_WORD}\\s+${NAME_WORD})(?![\\p{L}'-]|\\s+\\p{Lu}|\\s+of\\s)`,
  'gu',
);
const STATE_WORD = /\b(?:Republic|Kingdom|States|Federation|Union|Nations|Commission|Council|Emirates|Islands|Arabia|Africa|America|Korea|Zealand|Confederation|Organisation|Organization|Bank|Fund)\b/u;

/** The country or body a role belongs to, written just before it: "US", "U.S.", "Norlandish", "UN". */
const QUALIFIER_BEFORE = new RegExp(`(?<![\\p{L}.])(U\\.S\\.|U\\.K\\.|\\p{Lu}{2,3}|${DEMONYM_WORD})\\s+$`, 'u');
const qualifierKey = (qualifier: string) => qualifier.toLowerCase().replace(/\./g, '');

export function documentNames(title: string | null, texts: string[], aliases?: CompiledAliases): DocumentNames {
  const fullNames: string[] = [];
  const byRole = new Map<string, string>();
  // The entity list's people the document names anywhere: a bare role several of them hold is the one named.
  const mentioned = new Set<string>();
  if (aliases && aliases.pattern !== '') {
    const alias = aliasPatternOf(aliases);
    for (const text of title === null ? texts : [title, ...texts]) {
      for (const match of text.matchAll(alias)) {
        const name = aliases.canonical.get(match[0].toLowerCase());
        if (name !== undefined) mentioned.add(name);
      }
    }
  }
  for (const text of title === null ? texts : [title, ...texts]) {
    const folded = foldPunctuation(text);
    for (const match of folded.matchAll(FULL_NAME)) {
      // A possessive ends the name ("Joe Biden's Call"), and a title the pattern took for a first name is no part of it.
      const name = match[1]!.replace(/'s(?![\p{L}]).*$/u, '').replace(LEADING_TITLE, '').replace(ENDS_A_NAME, '');
      if (name.split(/\s+/).length < 2 || NOT_A_FIRST_NAME.test(name.split(/\s+/)[0]!) || OFFICE_ONLY.test(name) || fullNames.includes(name)) continue;
      fullNames.push(name);
    }
    for (const match of folded.matchAll(ROLE_OF_STATE_AND_NAME)) {
      const role = roleKey(match[1]!);
      if (!byRole.has(role) && !STATE_WORD.test(match[2]!)) byRole.set(role, match[2]!);
    }
    for (const match of folded.matchAll(ROLE_AND_NAME)) {
      const role = roleKey(match[1]!);
      const name = match[2]!.replace(/'s(?![\p{L}]).*$/u, '').replace(ENDS_A_NAME, '');
      if (!byRole.has(role)) byRole.set(role, name);
      // "US President Ana Ruiz": the role with its country, for "the US president" among several presidents.
      const qualifier = QUALIFIER_BEFORE.exec(folded.slice(0, match.index))?.[1];
      if (qualifier !== undefined && !byRole.has(`${qualifierKey(qualifier)} ${role}`)) byRole.set(`${qualifierKey(qualifier)} ${role}`, name);
    }
  }
  return { fullNames, byRole, mentioned };
}

/** Each entity list's names as one pattern, compiled once per list rather than once per document. */
const aliasPatterns = new WeakMap<CompiledAliases, RegExp>();

function aliasPatternOf(aliases: CompiledAliases): RegExp {
  let pattern = aliasPatterns.get(aliases);
  if (!pattern) aliasPatterns.set(aliases, (pattern = new RegExp(`(?<![\\p{L}])(?:${aliases.pattern})(?![\\p{L}])`, 'giu')));
  return pattern;
}

export const NO_NAMES: DocumentNames = { fullNames: [], byRole: new Map(), mentioned: new Set() };

/** Every title written in a phrase, in order; the name, if any, follows the last. */
const TITLE_ANYWHERE = new RegExp(`(?<![\\p{L}])${TITLES}(?![\\p{L}])`, 'giu');

/**
 * The canonical name of a person as a label, a title form or a surname gives it: the entity list's
 * name when it knows the person (also when the phrase only ends with a name it knows, "UN Envoy Ada
 * Vik"); else the full name the document uses for that surname. A bare role ("THE PRESIDENT", "the
 * Secretary-General") is whoever the document names in that role, or else the entity list, by an
 * alias that writes the role ("Secretary-General Dale"). Titles are dropped, capitals made ordinary.
 * Null when nothing is left of the phrase but a role nobody is known to hold.
 */
export function resolvePerson(phrase: string, names: DocumentNames, aliases: CompiledAliases): string | null {
  const spaced = foldPunctuation(phrase).replace(/\s+/g, ' ').trim().replace(/['\u2019]s$/, '');
  // "Al-Jaber" and "Al Jaber" are one name.
  const known = (text: string) => aliases.canonical.get(text.toLowerCase()) ?? aliases.canonical.get(text.toLowerCase().replace(/-/g, ' '));
  const words = spaced.split(' ');
  for (let first = 0; first < words.length; first += 1) {
    const named = known(words.slice(first).join(' '));
    if (named) return named;
  }
  const titles = [...spaced.matchAll(TITLE_ANYWHERE)];
  const lastTitle = titles.at(-1);
  const name = (lastTitle ? spaced.slice(lastTitle.index! + lastTitle[0].length) : spaced.replace(/^(?:the|a)\s+/i, '')).trim();
  if (name === '') {
    const role = roleKey(lastTitle![0]);
    const qualifier = QUALIFIER_BEFORE.exec(spaced.slice(0, lastTitle!.index))?.[1];
    const holder = (qualifier === undefined ? undefined : names.byRole.get(`${qualifierKey(qualifier)} ${role}`)) ?? names.byRole.get(role);
    if (holder !== undefined) return resolvePerson(holder, NO_NAMES, aliases) ?? holder;
    const holders = aliases.roles.get(role) ?? [];
    if (holders.length === 1) return holders[0]!;
    // Several people hold the role ("President …"): the one the document names, if it names only one.
    const named = holders.filter((name) => names.mentioned.has(name));
    return named.length === 1 ? named[0]! : null;
  }
  const nameWords = name.split(' ');
  // "Vellish Ona Lind": a nationality before a full name the document gives without it.
  if (nameWords.length === 3 && DEMONYM.test(nameWords[0]!) && names.fullNames.includes(nameWords.slice(1).join(' '))) return nameWords.slice(1).join(' ');
  const surname = nameWords.at(-1)!.toLowerCase();
  const full = names.fullNames.find((candidate) => {
    const parts = candidate.split(/\s+/);
    return parts.length > nameWords.length && parts.at(-1)!.toLowerCase() === surname;
  });
  if (full) return known(full) ?? full;
  return name === name.toUpperCase() ? inOrdinaryCapitals(name) : name;
}

/** Roles the entity list's aliases write before a name ("Secretary-General Dale"), each → the people holding it. */
export function rolesOfAliases(canonical: Map<string, string>): Map<string, string[]> {
  const holders = new Map<string, Set<string>>();
  const titled = new RegExp(`^(${TITLES})\\s+\\S`, 'iu');
  for (const [written, name] of canonical) {
    const match = titled.exec(written);
    if (match) holders.set(roleKey(match[1]!), (holders.get(roleKey(match[1]!)) ?? new Set()).add(name));
  }
  // Two presidents in one list: "the President" alone names neither, unless a document names only one of them.
  return new Map([...holders].map(([role, names]) => [role, [...names]]));
}

/** A speaker written as a person's full name: two to four name words ("Simon Stiell", "Sami Al-Rashid"). */
const PERSON_NAME = new RegExp(`^${NAME_WORD}(?:\\s+(?:${NAME_WORD}|al|bin|van|von|de|da|der))*\\s+${NAME_WORD}$`, 'u');
/** A surname alone, or after a title: what one article may call a person the corpus names in full elsewhere. */
const SHORT_FORM = new RegExp(`^(?:${TITLES}\\s+)*(${NAME_WORD})$`, 'iu');

const DEMONYM = new RegExp(`^${DEMONYM_WORD}$`, 'u');

/** How a surname compares across articles: "Al-Jaber" is "al jaber", whatever the case. */
const surnameKey = (word: string) => word.toLowerCase().replace(/-/g, ' ').split(' ').at(-1)!;

/**
 * Corpus-wide: each speaker an article names by surname or title form ("Stiell", "President Lind")
 * → the one full name other articles give a speaker with that surname, or the entity list's name;
 * an office alone ("The President") → the one holder of it in the entity list who speaks elsewhere.
 * A surname two full names share, or an office two speakers hold, stays as written.
 */
export function corpusSpeakerNames(speakers: string[], aliases: CompiledAliases): Map<string, string> {
  const fullBySurname = new Map<string, Set<string>>();
  const person = (name: string) =>
    PERSON_NAME.test(name) && !LEADING_TITLE.test(name) && !/\b(?:House|Ministry|Department|Office|Council|Commission|Government|Nations|States|Union)\b/.test(name);
  for (const name of [...speakers, ...new Set(aliases.canonical.values())]) {
    if (!person(name)) continue;
    const key = surnameKey(name.split(/\s+/).at(-1)!);
    fullBySurname.set(key, (fullBySurname.get(key) ?? new Set()).add(name));
  }
  const names = new Map<string, string>();
  for (const speaker of speakers) {
    const signatories = leadersNamed(speaker, speakers);
    if (signatories) names.set(speaker, signatories);
  }
  // "The President" with nobody named in its document: the one person holding that office in the
  // entity list who speaks elsewhere in the corpus.
  const speaking = new Set(speakers);
  for (const speaker of speakers) {
    const office = OFFICE_ONLY.exec(speaker)?.[1];
    if (office === undefined) continue;
    const holders = (aliases.roles.get(roleKey(office)) ?? []).filter((holder) => speaking.has(holder));
    if (holders.length === 1) names.set(speaker, holders[0]!);
  }
  // "Vellish Ona Lind" where another article names "Ona Lind".
  for (const speaker of speakers) {
    const words = speaker.split(/\s+/);
    if (words.length === 3 && DEMONYM.test(words[0]!) && speaking.has(words.slice(1).join(' '))) names.set(speaker, words.slice(1).join(' '));
  }
  for (const speaker of speakers) {
    const short = SHORT_FORM.exec(speaker);
    if (!short) continue;
    const candidates = fullBySurname.get(surnameKey(short[1]!));
    if (candidates?.size === 1) {
      const [full] = candidates;
      if (full !== speaker) names.set(speaker, full!);
    }
  }
  return names;
}

const NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** "The leaders", "G7 leaders", "the three Leaders": a group a report names by its role alone. */
const LEADERS_GROUP = /^(?:the\s+)?(?:([\p{L}\d-]+)\s+)?leaders$/iu;
/** A joint text's authors as it names them: "the Leaders of Norland, Sudmark and Westholm". */
const NAMED_LEADERS = /\bleaders\s+of\s+(.+)$/i;

/**
 * The one joint text's authors in the corpus that "the leaders" of a report stand for: the only
 * speaker that names leaders of someone, and, where the report counts them ("the three leaders"),
 * names that many parties. Null when there is none, or more than one.
 */
function leadersNamed(speaker: string, speakers: string[]): string | null {
  const group = LEADERS_GROUP.exec(speaker);
  if (!group) return null;
  const count = NUMBER_WORDS.indexOf((group[1] ?? '').toLowerCase()) + 2;
  const candidates = new Set(
    speakers.filter((other) => {
      const parties = NAMED_LEADERS.exec(other)?.[1];
      if (parties === undefined) return false;
      return count < 2 || parties.split(/,\s*(?:and\s+)?|\s+and\s+/).length === count;
    }),
  );
  return candidates.size === 1 ? [...candidates][0]! : null;
}
