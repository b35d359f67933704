import { continuesSentence, foldPunctuation, TITLES } from '../text.js';
import { tokenize, type Token } from '../nlp.js';
import type { ScoredSentence, Sentence } from '../types.js';

/** Verbs of events and decisions: a sentence built on one reports something that happened. */
const EVENT_LEMMAS = new Set([
  'agree', 'announce', 'resume', 'restore', 'restart', 'reach', 'sign', 'commit', 'pledge', 'decide', 'discuss',
  'meet', 'cut', 'launch', 'ban', 'target', 'reduce', 'halt', 'shoot', 'down', 'visit', 'conclude', 'hold', 'establish',
  'sever', 'suspend', 'reopen', 'implement', 'cover', 'tackle', 'include', 'address', 'raise', 'ask', 'inform',
  // A change in a measurable quantity can be checked against figures.
  'contribute', 'decline', 'rise', 'fall', 'increase', 'decrease', 'drop', 'grow',
]);

/** Verbs that attribute words to someone. */
const ATTRIBUTION_LEMMAS = new Set([
  'say', 'tell', 'state', 'stress', 'emphasize', 'emphasise', 'describe', 'urge', 'warn', 'note', 'add', 'report',
  'write', 'call', 'highlight', 'underscore', 'insist', 'argue', 'claim', 'acknowledge', 'recognise', 'recognize',
  'criticize', 'criticise', 'reaffirm', 'outline', 'downplay', 'express',
]);

/** Words that soften a claim: the source does not stand fully behind it. */
const HEDGES = new Set(['may', 'might', 'could', 'reportedly', 'expect', 'likely', 'possibly', 'potential', 'suspected', 'allegedly', 'perhaps', 'appear', 'seem']);

/** Evaluative words: they colour a sentence without adding anything checkable. */
const OPINION = new Set([
  'crucial', 'hopeful', 'significant', 'important', 'positive', 'exceptionally', 'meticulously', 'historic',
  'remarkable', 'major', 'key', 'vital', 'productive', 'constructive', 'dramatic', 'intensive',
]);

/** Words that open a clause that cannot stand alone. */
const SUBORDINATORS = /^(?:while|although|though|as|when|if|because|since|despite|whereas|unless|after|before)\b/i;

export type ClaimFeatures = {
  words: number;
  hasVerb: boolean;
  events: number;
  attributions: number;
  numbers: number;
  namedActors: number;
  hasQuote: boolean;
  hedges: number;
  opinions: number;
};

export function claimFeatures(text: string, tokens: Token[] = tokenize(text)): ClaimFeatures {
  const words = tokens.filter((token) => token.pos !== 'PUNCT' && token.pos !== 'SYM');
  const lemmas = tokens.map((token) => token.lemma);
  return {
    words: words.length,
    hasVerb: tokens.some((token) => token.pos === 'VERB' || token.pos === 'AUX'),
    events: lemmas.filter((lemma) => EVENT_LEMMAS.has(lemma)).length,
    attributions: lemmas.filter((lemma) => ATTRIBUTION_LEMMAS.has(lemma)).length,
    numbers: tokens.filter((token) => token.pos === 'NUM' || /\d/.test(token.value)).length,
    namedActors: tokens.filter((token) => token.pos === 'PROPN').length,
    hasQuote: /["\u201c\u201d]/.test(text),
    hedges: tokens.filter((token) => HEDGES.has(token.normal) || HEDGES.has(token.lemma)).length,
    opinions: tokens.filter((token) => OPINION.has(token.normal)).length,
  };
}

/**
 * 0..1: how much a sentence is worth checking. Named actors, events, attributions, numbers and quotes
 * raise it; hedges and evaluative words lower it.
 */
export function checkworthiness(features: ClaimFeatures): number {
  const score =
    0.15 +
    (features.events > 0 ? 0.25 : 0) +
    (features.attributions > 0 ? 0.15 : 0) +
    (features.numbers > 0 ? 0.1 : 0) +
    0.2 * Math.min(features.namedActors, 2) / 2 +
    (features.hasQuote ? 0.1 : 0) +
    0.05 * Math.min(features.words, 20) / 20 -
    0.1 * Math.min(features.hedges, 2) -
    0.05 * Math.min(features.opinions, 3);
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

/** A dangling lead-in such as "While acknowledging that differences remain," reports nothing by itself. */
function isDanglingClause(text: string): boolean {
  const folded = foldPunctuation(text).trim();
  // A speaker who breaks off ("I'm not sure I can answer that, but -") has stated nothing whole.
  return (/,$/.test(folded) && SUBORDINATORS.test(folded)) || /\s-{1,2}$/.test(folded);
}

/** A form of address leading a sentence: "Mr. President, ", "Madam Chair, ", "Mr. Dale, ". */
const VOCATIVE = new RegExp(
  `^(?:(?:(?:Mr|Mrs|Ms|Dr)\\.\\s+|Madam\\s+|Mister\\s+|Dear\\s+)?${TITLES}(?:\\s+[\\p{L}'-]+){0,2},\\s+|(?:Mr|Mrs|Ms|Dr)\\.\\s+[\\p{L}'-]+,\\s+)`,
  'iu',
);

/** How a speaker opens or closes: a greeting or thanks reports nothing, unless a longer sentence goes on to. */
const PLEASANTRY = new RegExp(
  '^(?:(?:and|well|so|oh|okay),?\\s+)?(?:good (?:morning|afternoon|evening|day)|hello|hi|thank you|thanks|welcome|(?:i\\s+)?hope (?:you|everyone|all of you)|' +
    // "It's good to be here", "Great to see you all", "I am honoured to be with you"
    "(?:it's|it is)\\s+(?:so\\s+|very\\s+|really\\s+)?(?:good|great|nice|wonderful|a pleasure|a privilege|an honou?r)\\s+to\\s+(?:be|see|have|join)|" +
    '(?:good|great|nice) to (?:be|see)|(?:i\'m|i am) (?:so\\s+|very\\s+)?(?:delighted|pleased|glad|happy|honou?red) to (?:be|see|join))\\b',
  'iu',
);
/** The most words a pleasantry has past any form of address, which adds words, not content. */
const PLEASANTRY_MAX_WORDS = 12;
/** An introduction spells out a title: "I'm pleased to introduce Ana Ruiz, Deputy Minister for Ports and Inland Waterways." */
const FLOOR_PASSING_MAX_WORDS = 25;

/**
 * A host passing the floor or keeping house: "Let me turn it over to the Minister", "Without further
 * ado, Ana", "My name is …", "I'm pleased to introduce …", "then open for questions", "here comes the
 * Minister"; or a speaker talking about the speaking itself: "I'll be brief", "bear with me".
 */
const FLOOR_PASSING =
  /\b(?:(?:i'?ll|i will|let me) (?:be (?:very |quite )?brief|keep (?:this|it|my remarks) (?:short|brief))|bear with me|give me (?:a |one |two |a few |just a few )?(?:minutes?|moments?)\b|here comes|turn (?:it|this|things|the floor) over to|hand (?:it|this|things|the floor) over to|over to you|kick (?:it|things) off|without further ado|open (?:it )?(?:up )?(?:for|to) (?:your )?questions|(?:take|do) (?:a few |some |your )?questions|give (?:him |her |them |you )?the floor|please ask (?:your |a )?questions?)\b|^(?:my name is|(?:i'?m|i am) (?:pleased|delighted|happy) to introduce|(?:it'?s|it is) my pleasure to introduce|please welcome|as a reminder,? (?:this|the) (?:briefing|call|event|conversation) is)\b/i;

function isPleasantry(text: string, words: number): boolean {
  const folded = foldPunctuation(text).trim();
  if (/\d/.test(folded)) return false;
  const vocative = VOCATIVE.exec(folded)?.[0] ?? '';
  const addressed = words - (vocative ? vocative.trim().split(/\s+/).length : 0);
  return (
    (PLEASANTRY.test(folded.slice(vocative.length)) && addressed <= PLEASANTRY_MAX_WORDS) ||
    (FLOOR_PASSING.test(folded) && words <= FLOOR_PASSING_MAX_WORDS) ||
    (TO_THE_ROOM.test(folded) && words <= PLEASANTRY_MAX_WORDS && !namesSomeone(folded))
  );
}

/** Small talk to the room: a short sentence addressed to "you all", "you guys", "everybody", naming nobody. */
const TO_THE_ROOM = /\b(?:you all|y'all|you guys|all of you|everybody|everyone)\b/i;
/** A capitalised word after the first, other than "I": the sentence names someone or something. */
function namesSomeone(text: string): boolean {
  return /\p{Lu}/u.test(text.replace(/^\S+\s*/, '').replace(/\bI\b/g, ''));
}

export const MIN_CHECKWORTHINESS = 0.2;

/** A name in a headline's subject: a capitalised word or an acronym, hyphenated parts included ("U.S.-Vell"). */
const HEADLINE_NAME = /^["\u201c]?(?:\p{Lu}[\p{L}.'\u2019-]*|\d+\p{Lu}[\p{L}\d]*)[,:]?$/u;

/**
 * A verb that can carry a headline: not a gerund ("Beginning of the talks") nor a participle before
 * its noun ("restricted format"), which a headline's noun phrase uses as adjectives.
 */
function hasFiniteVerb(tokens: Token[]): boolean {
  return tokens.some((token, index) => {
    if (token.pos !== 'VERB' && token.pos !== 'AUX') return false;
    if (/ing$/i.test(token.value)) return false;
    const next = tokens[index + 1];
    return !(/ed$/i.test(token.value) && next !== undefined && (next.pos === 'NOUN' || next.pos === 'ADJ'));
  });
}

/** Whether a word can head a predicate: the tagger reads it as a verb after a plain subject. */
function canBeVerb(word: string): boolean {
  const tokens = tokenize(`They ${word.toLowerCase()} the plan.`);
  return tokens[1]?.pos === 'VERB' && !/ing$/i.test(word);
}

/**
 * A headline reports when it has a verb. Headline style hides verbs from a tagger trained on prose:
 * the subject has no article and, in title case, every word is capitalised ("Lind, Dale Sign Port
 * Deal", "Ruiz returns home from Vell talks"). Read as headlines are written: after the opening names,
 * the first word in lower case; or, in title case, the word after two names joined by "and" or a comma.
 * A headline without one labels what follows ("Record Harbour Traffic in Pictures").
 */
export function headlineHasVerb(text: string): boolean {
  const folded = foldPunctuation(text).trim();
  if (hasFiniteVerb(tokenize(folded))) return true;
  const words = folded.split(/\s+/);
  let subject = 0;
  while (subject < words.length && (HEADLINE_NAME.test(words[subject]!) || (subject > 0 && words[subject] === 'and'))) {
    if (/:$/.test(words[subject]!)) return false;
    subject += 1;
  }
  const next = words[subject];
  if (subject > 0 && next !== undefined && /^\p{Ll}+$/u.test(next) && canBeVerb(next)) return true;
  // Title case: "A and B Verb …", "A, B Verb …".
  for (let index = 2; index < subject; index += 1) {
    const joined = words[index - 1] !== 'and' && (words[index - 2] === 'and' || /,$/.test(words[index - 2]!)) && !/,$/.test(words[index - 1]!);
    if (joined && words[index] !== 'and' && canBeVerb(words[index]!.replace(/[,:]$/, ''))) return true;
  }
  return false;
}

/**
 * Decides which sentences report something and scores each. `onRecordFrom`: where someone's statement
 * or speech begins in the document (see documentIssuer); every sentence from there on is theirs, on
 * the record, as in a transcript turn.
 */
export function scoreClaims(sentences: Sentence[], onRecordFrom: number | null = null): ScoredSentence[] {
  const scored: ScoredSentence[] = [];
  sentences.forEach((sentence, index) => {
    const features = claimFeatures(sentence.text);
    const score = checkworthiness(features);
    // The rest of a claim broken over lines is part of that claim even when it has no verb of its own.
    const continuesClaim = index > 0 && scored[index - 1]!.isClaim && continuesSentence(sentences[index - 1], sentence);
    const isClaim =
      features.words >= 3 &&
      (features.words >= 4 || continuesClaim) &&
      (sentence.isHeadline ? headlineHasVerb(sentence.text) : features.hasVerb || continuesClaim) &&
      !isDanglingClause(sentence.text) &&
      !isPleasantry(sentence.text, features.words) &&
      // A question asks; it reports nothing a reader could check (a question quoted in a statement is the statement's).
      !/\?$/.test(sentence.text.trim()) &&
      // A transcript turn is someone's statement on the record, however plain its words.
      (score >= MIN_CHECKWORTHINESS || continuesClaim || sentence.turn !== undefined || (onRecordFrom !== null && sentence.start >= onRecordFrom));
    scored.push({ ...sentence, isClaim, checkworthiness: score });
  });
  return scored;
}
