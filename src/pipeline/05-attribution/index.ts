import { foldPunctuation, inOrdinaryCapitals } from '../text.js';
import { continuesSentence } from '../02-sentences/index.js';
import type { Attribution, Sentence } from '../types.js';

/** Canonical name → the other names sources use for it. */
export type Aliases = Record<string, string[]>;

const SPEECH_VERB =
  "(?:said|says|told|tells|stated|states|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|highlighted|highlights|described|describes|urged|urges|warned|warns|noted|notes|added|adds|reports|reported|writes|wrote|insisted|argued|claimed|called|calls|recogni[sz]ed|acknowledged|underscored|outlined|reaffirmed|downplayed|expressed|informed|made it clear|pointed out|objected|asserted|declared|explained|cautioned|conceded|admitted|maintained|contended)";
const ADVERB = '(?:(?:also|reportedly|later|then|further|again|repeatedly|himself|herself)\\s+)?';
const OFFICIALS =
  "(?:(?:a|an|the|one)\\s+)?(?:(?:senior|top|former)\\s+)?(?:(?:US|U\\.S\\.|American|Chinese|administration|White House|Beijing|Washington)\\s+)?(?:(?:senior|administration|defense|foreign ministry)\\s+)?officials?";
const STATES = '(?:China|Beijing|the United States|the US|the U\\.S\\.|Washington)';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type CompiledAliases = { pattern: string; canonical: Map<string, string> };

/** Longest names first so "President Joe Biden" wins over "Biden". */
export function compileAliases(aliases: Aliases): CompiledAliases {
  const canonical = new Map<string, string>();
  for (const [name, others] of Object.entries(aliases)) {
    canonical.set(name.toLowerCase(), name);
    for (const other of others) canonical.set(other.toLowerCase(), name);
  }
  const names = [...canonical.keys()].sort((a, b) => b.length - a.length);
  return { pattern: names.map(escapeRegExp).join('|'), canonical };
}

/** "The senior American official" and "a senior U.S. official" are one kind of speaker. */
function normaliseOfficials(phrase: string): string {
  const words = phrase
    .replace(/\bU\.S\.|\bAmerican\b/g, 'US')
    .replace(/^(?:a|an|the|one)\s+/i, '')
    .trim()
    .replace(/^\p{Lu}(?=\p{Ll})/u, (initial) => initial.toLowerCase());
  if (/officials$/i.test(words)) return words;
  return /^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`;
}

function normaliseState(phrase: string): string {
  if (/^(?:China|Beijing)$/.test(phrase)) return 'China';
  return 'the United States';
}

/** Titles and roles written before a name; the speaker is the name without them. */
const TITLES =
  '(?:Prime Minister|Foreign Minister|Deputy Minister|Minister|President|Vice President|Chancellor|Premier|Secretary|Secretary-General|Ambassador|Senator|Representative|Governor|Mayor|Councillor|Councilor|Commissioner|General|Admiral|Spokesperson|Spokesman|Spokeswoman|Director|Chairman|Chairwoman|Chair|Professor|Dr\\.|Mr\\.|Mrs\\.|Ms\\.)';

/** A full name the entity list may not know: two or three capitalised words, after any title. */
const NAMED_PERSON = `(?:${TITLES}\\s+)*\\p{Lu}[\\p{Ll}'-]+(?:\\s+\\p{Lu}[\\p{Ll}'-]+){1,2}`;

/** An unnamed or collective source, kept as the text words it: "analysts", "city officials", "the finance ministry". */
const GROUP_SOURCE =
  "(?:(?:the|a|an)\\s+)?(?:[\\p{L}'-]+\\s+){0,3}?(?:officials|analysts|experts|diplomats|observers|sources|spokesperson|spokesman|spokeswoman|ministry|department|media|agency|report)";

const GENERIC_ACTOR = `(${NAMED_PERSON}|${GROUP_SOURCE})`;
const SAYS = '(?:said|says|say|told\\s+[\\p{L} ]{1,30}?|added|stated|warned|noted|argued|insisted)';

/**
 * Speakers no list names, found by the shape of reported speech: "X said …", "…, said X, who …",
 * "…, X said.", "according to X". Tried after the known names, so a listed alias always wins.
 */
const GENERIC_PATTERNS = [
  new RegExp(`^(?:[^,]{0,60},\\s+)?${GENERIC_ACTOR}\\s+${ADVERB}${SAYS}\\b`, 'u'),
  new RegExp(`[,"]\\s*${SAYS}\\s+${GENERIC_ACTOR}(?=\\s*(?:[,.]|$))`, 'u'),
  new RegExp(`,\\s*${GENERIC_ACTOR}\\s+(?:said|says|say|added)\\s*\\.?$`, 'u'),
  new RegExp(`\\baccording to ${GENERIC_ACTOR}(?=\\s*(?:[,.]|$))`, 'u'),
];

/** The speaker a generic pattern found: a known name if the list has it, else the words as written. */
function genericSpeaker(phrase: string, aliases: CompiledAliases): string {
  const known = aliases.canonical.get(phrase.toLowerCase());
  if (known) return known;
  if (new RegExp(`^${GROUP_SOURCE}$`, 'u').test(phrase)) return phrase.replace(/^The\s/, 'the ');
  const name = phrase.replace(new RegExp(`^(?:${TITLES}\\s+)+`, 'u'), '');
  return aliases.canonical.get(name.toLowerCase()) ?? name;
}

/** Pronouns that point back to the last named speaker. */
const PRONOUN = '(?:He|She|They)';

/** Verbs that introduce what the speaker holds to be true, as against what they did. */
const STATEMENT_VERB = `(?:${SPEECH_VERB}|agreed that|agree that)`;

/**
 * Who asserts each sentence and what it quotes. Runs over an article's sentences in order because
 * a pronoun speaker refers back to the last named one.
 */
export function attribute(sentences: Sentence[], aliases: CompiledAliases): Attribution[] {
  // Newspapers put an honorific before a surname ("Mr. Lee"): the speaker is the name after it.
  const actor = `(?<![A-Za-z])(?:(?:Mr|Mrs|Ms|Dr)\\.\\s+)?(${aliases.pattern}|${OFFICIALS}|${STATES})(?![A-Za-z])`;
  const patterns: RegExp[] = [
    // A source frame at the head of the sentence owns it: "The BBC reports that …".
    new RegExp(`^(?:[^,]{0,40},\\s+)?${actor}\\s+${ADVERB}(?:reports|reported|writes|wrote)\\s+that\\b`, 'i'),
    // "According to Reuters, Chinese officials informed …": the frame relays Y's own statement.
    new RegExp(`according to [^,]{1,60},\\s+${actor}\\s+${ADVERB}${SPEECH_VERB}\\b`, 'i'),
    new RegExp(`according to (?:(?:president|chinese president|us president)\\s+)?${actor}`, 'i'),
    new RegExp(`(?:^|[,;:]\\s+|\\bthat\\s+|"\\s*)${actor}(?:,[^,]{1,80},)?\\s+${ADVERB}${STATEMENT_VERB}\\b`, 'i'),
    new RegExp(`${SPEECH_VERB}\\s+(?:the\\s+)?(?:British media\\s+|media\\s+)?${actor}\\s*[.,]?$`, 'i'),
    new RegExp(`,\\s*${actor}\\s+(?:said|says|writes|wrote|reports|reported|told [\\w ]+)\\s*[.]?$`, 'i'),
    // "Agreed to" reports an action, "agreed that" a position.
    new RegExp(`^(?:[^,]{0,80},\\s+)?${actor}\\s+${ADVERB}(?:agreed that|urged|asked|described|called|stressed|emphasi[sz]ed|highlighted)`, 'i'),
  ];
  // "… Xi recognised as" at the end of a line: the next line says what Xi recognised.
  const handsOver = new RegExp(`${actor}\\s+${ADVERB}(?:${SPEECH_VERB}|recogni[sz]es|sees|saw|views|viewed)\\s+(?:it\\s+|this\\s+)?as\\s*$`, 'i');
  // "…, with Xi criticizing U.S. policies as "technological containment"": the quote's owner speaks.
  const quoteOwner = new RegExp(`${actor}\\s+${ADVERB}\\w+ing\\b[^"]{0,80}"`, 'i');
  let lastSpeaker: string | null = null;
  const attributions: Attribution[] = [];
  return sentences.map((sentence, index) => {
    const text = foldPunctuation(sentence.text);
    const previous = sentences[index - 1];
    let speaker: string | null = null;
    if (previous && continuesSentence(previous, sentence)) {
      const handedOver = handsOver.exec(foldPunctuation(previous.text).trimEnd());
      speaker = handedOver ? canonicalSpeaker(handedOver[1]!, aliases) : attributions[index - 1]!.speaker;
    }
    for (const pattern of speaker ? [] : patterns) {
      const match = pattern.exec(text);
      if (match) {
        speaker = canonicalSpeaker(match[1]!, aliases);
        break;
      }
    }
    if (!speaker && new RegExp(`^${PRONOUN}\\s+${ADVERB}${STATEMENT_VERB}\\b`).test(text)) speaker = lastSpeaker;
    for (const pattern of speaker ? [] : GENERIC_PATTERNS) {
      const match = pattern.exec(text);
      if (match) {
        speaker = genericSpeaker(match[1]!, aliases);
        break;
      }
    }
    const quote = extractQuote(sentence.text);
    if (!speaker && quote !== null) {
      const owner = quoteOwner.exec(text);
      if (owner) speaker = canonicalSpeaker(owner[1]!, aliases);
    }
    if (speaker) lastSpeaker = speaker;
    // In a transcript, what a turn says unattributed is its speaker's own remark, first person included.
    else if (sentence.turn !== undefined) speaker = speakerOfLabel(sentence.turn, aliases);
    attributions.push({ speaker, quote });
    return { speaker, quote };
  });
}

function canonicalSpeaker(phrase: string, aliases: CompiledAliases): string {
  const known = aliases.canonical.get(phrase.toLowerCase());
  if (known) return known;
  if (/officials?$/i.test(phrase)) return normaliseOfficials(phrase);
  return normaliseState(phrase);
}

const HONORIFIC = /^(?:MR|MRS|MS|DR)\.?\s+/i;

/**
 * The speaker a transcript label names: a name the entity list knows, with or without its honorific
 * ("PRESIDENT BIDEN", "MR. SULLIVAN"), or else the label in ordinary capitals ("Secretary General Stoltenberg").
 */
export function speakerOfLabel(label: string, aliases: CompiledAliases): string {
  const spaced = label.replace(/\s+/g, ' ').trim();
  const known = aliases.canonical.get(spaced.toLowerCase()) ?? aliases.canonical.get(spaced.replace(HONORIFIC, '').toLowerCase());
  if (known) return known;
  return inOrdinaryCapitals(spaced);
}

const QUOTED = /[\u201c"]([^\u201c\u201d"]+)[\u201d"]/g;

/** The directly quoted words, exactly as in the source; several quoted parts are joined with " … ". */
export function extractQuote(text: string): string | null {
  const parts = [...text.matchAll(QUOTED)].map((match) => match[1]!.trim()).filter((part) => part.length > 0);
  return parts.length ? parts.join(' \u2026 ') : null;
}
