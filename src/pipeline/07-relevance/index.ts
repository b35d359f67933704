import { parseStatedDate, yearlessDays } from '../text.js';
import { compileEntities, findEntities, type CompiledEntities, type EntityDefinition } from '../06-entities/index.js';
import type { EntityMention } from '../types.js';

/** The event a lexicon folder is about, as its `event.yaml` describes it. */
export type EventDescription = {
  name: string;
  /** First and last day, ISO dates. */
  dates: string[];
  places: string[];
  description: string;
};

/**
 * What marks a text as being about the event: its proper names (the places it was held in, and the
 * acronyms and numbered names in its title, such as "G20" or "COP28"), the kind of event its name
 * opens with when that takes two words or more ("state visit"), and the people of the entity list.
 */
export type CompiledEvent = {
  names: CompiledEntities;
  people: Set<string>;
  /** The people by every name the entity list gives them, to read a title, which no later stage reads. */
  peopleNames: CompiledEntities;
  numberedNames: Set<string>;
  dates: { first: string; last: string };
};

/**
 * A document dated further than this before the event cannot report on it, whoever it names: a
 * leader's call years earlier. Generous, so that a preview months ahead counts. A later date proves
 * less: pages reposted or stamped with the day they were read carry dates long after what they report.
 */
export const MAX_DAYS_BEFORE_EVENT = 365;
const DAY_MS = 86_400_000;

/**
 * News of the day dates what it reports by month and day alone ("met on May 12"). A document whose every
 * such date lies further than this from the event's days, counted round the year, reports on other
 * days: a readout of an earlier call between the same leaders. A report on the event dates it near it,
 * or by weekday; one date away from it may be a next meeting it announces, so it takes two.
 */
export const MAX_DAYS_FROM_EVENT_UNDATED = 10;
export const MIN_UNDATED_AWAY = 2;

/**
 * A document is about the event when it names at least this many of the event's people, places and
 * names: one alone is a passing mention (a release that names the president, a report datelined in
 * the host city), while reporting on the event names who met and where or under what name. A
 * numbered name of the event counts as two.
 */
export const MIN_DISTINCT_ANCHORS = 2;

/**
 * …and when at least this share of its claims names one of them or is about one of the taxonomy's
 * topics: an article on something else that mentions the summit in one paragraph is not reporting on it.
 */
export const MIN_ANCHORED_SHARE = 0.2;

/**
 * Distinct topics of the taxonomy a document must touch, and the share of its claims on one, for
 * its subjects to count as one anchor.
 */
export const MIN_DISTINCT_TOPICS = 2;
export const MIN_TOPICAL_SHARE = 0.5;

/** A word the event's name writes as an acronym or with digits ("NATO", "G20", "COP28"), not a common word. */
const PROPER_NAME_TOKEN = /^(?=.*[A-Za-z])(?=.*[A-Z].*[A-Z]|.*\d)[A-Z0-9][A-Za-z0-9-]*$/;

/**
 * What kind of event it was, as its name opens: "State visit of …" → "state visit". A single word
 * ("Meeting of …") names too common a thing to anchor anything.
 */
function kindOfEvent(name: string): string | null {
  const [head, rest] = name.split(/\s+(?:of|in|on|at|between|with|to|for)\s+|\s*[(,:]/);
  const words = head!.trim().split(/\s+/);
  if (rest === undefined || words.length < 2 || /^the$/i.test(words[0]!) || words.some((word) => PROPER_NAME_TOKEN.test(word))) return null;
  return head!.trim().toLowerCase();
}

/** The event's anchors; `people` are the entity list's people, with their aliases. */
export function compileEvent(event: EventDescription, people: EntityDefinition[]): CompiledEvent {
  const nameTokens = event.name.split(/[\s,;:()'’"]+/).filter((token) => PROPER_NAME_TOKEN.test(token));
  const kind = kindOfEvent(event.name);
  const titleCase = (text: string) => text.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
  const names = compileEntities([
    ...event.places.map((place) => ({ name: place, kind: 'place' as const, aliases: [] })),
    ...nameTokens.map((token) => ({ name: token, kind: 'organisation' as const, aliases: [] })),
    ...(kind ? [{ name: kind, kind: 'organisation' as const, aliases: [titleCase(kind), kind.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase())] }] : []),
  ]);
  const sorted = [...event.dates].sort();
  return {
    names,
    people: new Set(people.map((person) => person.name)),
    peopleNames: compileEntities(people),
    numberedNames: new Set(nameTokens.filter((token) => /\d/.test(token))),
    dates: { first: sorted[0]!, last: sorted.at(-1)! },
  };
}

/** What the relevance stage reads of a claim. */
export type RelevanceInput = { text: string; topics: string[]; speaker: string | null; entities: EntityMention[] };

/**
 * Why a document is not about the event, or null when it is (or when no event is described, or the
 * document has no claims to judge). Judged on the document as a whole: a claim in a report on the
 * event is about it even when it names nobody (background, a quote), so every claim of a document
 * shares the document's verdict.
 */
export function judgeRelevance(
  title: string | null,
  claims: RelevanceInput[],
  event: CompiledEvent | null,
  publishedAt: string | null = null,
): string | null {
  if (event === null || claims.length === 0) return null;
  if (publishedAt !== null && daysBefore(publishedAt, event.dates.first) > MAX_DAYS_BEFORE_EVENT) {
    return `dated ${publishedAt}, more than a year before the event`;
  }
  const undated = claims.flatMap((claim) => yearlessDays(claim.text));
  if (undated.length >= MIN_UNDATED_AWAY && undated.every((day) => daysFromEvent(day, event.dates) > MAX_DAYS_FROM_EVENT_UNDATED)) {
    return `dates what it reports ${undated.map(({ month, day }) => `${MONTH_ABBREVIATIONS[month - 1]} ${day}`).join(', ')}, away from the event's days`;
  }
  const anchors = new Set<string>();
  const topics = new Set<string>();
  let anchored = 0;
  let topical = 0;
  for (const claim of claims) {
    for (const topic of claim.topics) topics.add(topic);
    if (claim.topics.length > 0) topical += 1;
    const found = anchorsOf(claim, event);
    for (const anchor of found) anchors.add(anchor);
    if (found.length > 0 || claim.topics.length > 0) anchored += 1;
  }
  // A title names the event's places and names, and who met: "Remarks by Mayor Lind and Governor Saar".
  if (title !== null) for (const mention of [...findEntities(title, event.names), ...findEntities(title, event.peopleNames)]) anchors.add(mention.entity);
  // A numbered name ("COP28", "G20") names this one event, not the series or the organisation: it counts twice.
  // Several of the event's subjects are one more sign: a speaker on the agenda, not just a name in passing.
  // Several of the event's subjects are one more sign when they are what the document is mostly about:
  // a leader's call on other business touches a topic in passing.
  const onTheAgenda = topics.size >= MIN_DISTINCT_TOPICS && topical / claims.length >= MIN_TOPICAL_SHARE;
  const weight = anchors.size + [...anchors].filter((anchor) => event.numberedNames.has(anchor)).length + (onTheAgenda ? 1 : 0);
  if (anchors.size === 0) return "names none of the event's people, places or names";
  if (weight < MIN_DISTINCT_ANCHORS) return `names only ${[...anchors][0]} of the event's people, places and names`;
  if (anchored / claims.length < MIN_ANCHORED_SHARE) {
    return `only ${anchored} of its ${claims.length} claims name the event's people, places or names or touch its topics`;
  }
  return null;
}

/** The anchor a claim gives by dating something within the event's days ("on 22 June 2031"). */
const EVENT_DATES = "the event's dates";

function anchorsOf(claim: RelevanceInput, event: CompiledEvent): string[] {
  const found = findEntities(claim.text, event.names).map((mention) => mention.entity);
  const stated = parseStatedDate(claim.text);
  if (stated !== null && daysBefore(stated, event.dates.first) <= 1 && daysBefore(stated, event.dates.last) >= -1) found.push(EVENT_DATES);
  for (const mention of claim.entities) if (mention.kind === 'person' && event.people.has(mention.entity)) found.push(mention.entity);
  // A transcript turn or a quote's owner names the person even where the sentence does not ("I told him …").
  if (claim.speaker !== null && event.people.has(claim.speaker)) found.push(claim.speaker);
  return found;
}

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days between a month and day and the nearest of the event's days, in any year: round the year's end too. */
function daysFromEvent({ month, day }: { month: number; day: number }, dates: { first: string; last: string }): number {
  // Counted in a year of 365 days: 29 February falls on 1 March.
  const dayOfYear = (m: number, d: number) => (Date.UTC(2001, m - 1, d) - Date.UTC(2001, 0, 1)) / DAY_MS;
  const at = dayOfYear(month, day);
  const first = dayOfYear(Number(dates.first.slice(5, 7)), Number(dates.first.slice(8, 10)));
  const last = dayOfYear(Number(dates.last.slice(5, 7)), Number(dates.last.slice(8, 10)));
  const round = (a: number, b: number) => Math.min(Math.abs(a - b), 365 - Math.abs(a - b));
  // Within the event's days (first ≤ at ≤ last, in the event's own order) is no distance.
  if (first <= last ? at >= first && at <= last : at >= first || at <= last) return 0;
  return Math.min(round(at, first), round(at, last));
}

/** Whole days from an ISO day to the event's first day; negative after it. */
function daysBefore(day: string, first: string): number {
  return Math.round((Date.parse(first) - Date.parse(day)) / DAY_MS);
}
