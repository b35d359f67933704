import { foldPunctuation } from '../text.js';

/**
 * Whose words a document is, as its title or an editor's lead line says: one person's statement or
 * speech (`own`), a text several parties issue together (`joint`), or remarks by several people that
 * the first named opens (`opening`: once a transcript's labels say who speaks, they decide).
 * `issuer` is the phrase as written ("President Ona Lind", "Norland and Sudmark"); the voice holds
 * from character `from` on: a lead line's words follow it, while a title's cover the whole text.
 */
export type DocumentIssuer = { issuer: string; kind: 'own' | 'joint' | 'opening'; from: number };

/** A document issued jointly: it speaks for its signatories throughout. */
const JOINT_DOCUMENT = /\b(?:joint statement|joint declaration|declaration|communiqu[eé])\b/i;
/** A statement or speech issued in one person's name, titled as such: what it says is theirs. */
const PERSONAL_DOCUMENT =
  /^(?:(?:opening|closing|introductory|keynote|doorstep|video|joint|press)\s+)?(?:remarks|statement|speech|address|message|letter|op-ed|press (?:encounter|conference|remarks))\b/i;
/** Words that are spoken, not issued: remarks by two people are a conversation, a statement by two is joint. */
const SPOKEN_DOCUMENT = /^(?:\w+\s+)?(?:remarks|speech|address|press (?:encounter|conference|remarks))\b/i;
/** Where a title's named issuer ends: "Remarks by President Lind at the Harbour Forum". */
const ISSUER_END = '(?=\\s+(?:participating|meeting|gathered|on|at|in|to|before|during|following|after|ahead|for|with|upon)\\b|\\s*[,:;(\u2013\u2014|]|\\s+-\\s|$)';
const ISSUED_BY = new RegExp(`\\b(?:issued by|adopted by|by|from)\\s+(?:the\\s+)?(.+?)${ISSUER_END}`, 'iu');
/** "Joint Statement of Harbourland and the Republic of Lind": a joint text names its parties after "of" or "between". */
const PARTIES = new RegExp(
  `\\b(?:statement|declaration|communiqu[eé])\\s+(?:of|between|by)\\s+(?:the\\s+)?([^:;]+?\\s(?:and|&)\\s[^:;]+?)${ISSUER_END}`,
  'iu',
);
/** "Mayor Lind's press conference at the port": a label, not a headline ("Lind's remarks draw fire" is news about them). */
const POSSESSIVE_LABEL = new RegExp(
  `^(.+?)['\u2019]s\\s+(?:(?:opening|closing|keynote|video|joint)\\s+)?(?:remarks|statement|speech|address|message|press encounter|press conference|press remarks)${ISSUER_END}`,
  'iu',
);
/** A lead line that says whose words follow: "The following is a transcript of remarks made by …". */
const REMARKS_MADE_BY = new RegExp(`\\b(?:remarks|statement|speech|address)\\s+(?:as\\s+)?(?:made|delivered|given|issued)\\s+by\\s+(.+?)${ISSUER_END}`, 'iu');
/** "Here is the full transcript of Mayor Lind's address to the assembly:": the speech follows. */
const TRANSCRIPT_OF = /\b(?:full\s+)?(?:transcript|text)\s+of\s+(?:the\s+)?(.{2,60}?)(?:['\u2019]s)?\s+(?:address|speech|remarks|statement)\b/iu;
/** "… Mayor Lind gave an opening statement as follows.": the speaker is the subject before the verb. */
const SPOKE_AS_FOLLOWS =
  /(?:^|,\s+)((?:\p{Lu}[\p{L}.'-]*\s+){0,5}\p{Lu}[\p{L}'-]+)\s+(?:gave|delivered|made|issued|read out)\s+(?:an?\s+|the\s+following\s+|(?:his|her|their)\s+)?(?:\p{Ll}+\s+)?(?:statement|remarks|speech|address|message)\b[^.]{0,60}?\bas follows\b/u;
/**
 * A joint text's own opening names its authors: "We, the Leaders of Norland and Sudmark, met …", "We,
 * President of Norland Ana Ruiz and President of Vell Piet Dale, note …". The name runs to the comma
 * before the verb; commas inside it come before "and", "the" or a capital.
 */
const WE_THE = /^(?:\d{1,2}\.\s+)?["\u201c]?We,\s+((?:the\s+)?\p{Lu}.+?|the\s+.+?),\s+(?!(?:and|or|the)\b)(?=\p{Ll})/u;
/** "Harbour Leaders' Declaration": the possessor is the signatory. */
const POSSESSOR = /^(.+?)['’]s?\s+(?:joint\s+)?(?:declaration|communiqu[eé]|statement)\b/iu;
const SEVERAL = /\s(?:and|&)\s/;

/** A page title's site and section before it: "Harbour Office - News: Remarks by …", "Harbour Office | Remarks by …". */
const SITE_PREFIX = /^[^:|]{1,40}(?:\s[-|\u2013]\s[^:|]{1,30})?(?::|\s\|)\s+/u;
/** A title line that names only the kind, its author on the next line: "Press conference" / "by Mayor Ona Lind". */
const BARE_KIND = /^(?:(?:opening|closing|keynote|joint|press)\s+)?(?:remarks|statement|speech|address|press (?:conference|encounter|remarks))$/i;

/** The title as read for its author: without a site's prefix, and with an author line below a bare kind. */
function pageTitle(title: string | null, sentences: LeadSentence[]): string {
  const folded = title === null ? '' : foldPunctuation(title).trim();
  const first = sentences.find((sentence) => foldPunctuation(sentence.text).trim() !== folded);
  if (BARE_KIND.test(folded) && first && /^by\s/i.test(first.text)) return `${folded} ${foldPunctuation(first.text).trim()}`;
  const unprefixed = folded.replace(SITE_PREFIX, '');
  const isKind = (text: string) => JOINT_DOCUMENT.test(text) || PERSONAL_DOCUMENT.test(text);
  return !isKind(folded) && isKind(unprefixed) ? unprefixed : folded;
}

/**
 * How many opening sentences of prose a joint text's "We, the …" may open with, and how far down an
 * editor's introduction may run before the line that says whose words follow.
 */
const LEAD_SENTENCES = 5;
const INTRODUCTION_SENTENCES = 12;

/** A sentence of the document, where it starts and ends in the text. */
export type LeadSentence = { text: string; start: number; end: number };

/** Whose words the document is, from its title or one of its first sentences; null for reporting, readouts and transcripts. */
export function documentIssuer(title: string | null, sentences: LeadSentence[]): DocumentIssuer | null {
  const folded = pageTitle(title, sentences);
  // The lead is prose: headings, datelines and captions above it are no part of it.
  const prose = sentences.filter((sentence) => /[.!?:]["\u201d]?\s*$/.test(sentence.text));
  for (const sentence of prose.slice(0, LEAD_SENTENCES)) {
    const authors = WE_THE.exec(foldPunctuation(sentence.text))?.[1];
    // Signatories are named ("the Ministers of Norland"); "we, the passengers," in a report is a quote.
    if (authors && /\p{Lu}/u.test(authors)) return { issuer: authors, kind: 'joint', from: sentence.start };
  }
  if (JOINT_DOCUMENT.test(folded)) {
    const issuer = ISSUED_BY.exec(folded)?.[1] ?? PARTIES.exec(folded)?.[1] ?? POSSESSOR.exec(folded)?.[1];
    return issuer ? { issuer, kind: 'joint', from: 0 } : null;
  }
  const titled = (PERSONAL_DOCUMENT.test(folded) ? ISSUED_BY.exec(folded)?.[1] : undefined) ?? POSSESSIVE_LABEL.exec(folded)?.[1];
  if (titled) return spokenOrJoint(byIssuer(titled, folded, 0), sentences);
  for (const sentence of prose.slice(0, INTRODUCTION_SENTENCES)) {
    const text = foldPunctuation(sentence.text);
    const speaker = REMARKS_MADE_BY.exec(text)?.[1] ?? SPOKE_AS_FOLLOWS.exec(text)?.[1] ?? TRANSCRIPT_OF.exec(text)?.[1];
    if (speaker) return spokenOrJoint(byIssuer(speaker, folded, sentence.end), sentences);
  }
  return null;
}

/** "I", "we", "my", "our", "us", "me": the words of someone speaking. */
const FIRST_PERSON = /\b(?:I|we|We|my|My|our|Our|us|me)\b/;

/**
 * Whether the text from `from` on is someone speaking: a speech says "I" or "we" within its first
 * sentences, while a release about the speech ("The Prime Minister addressed …") does not.
 */
function spokenInFirstPerson(sentences: LeadSentence[], from: number): boolean {
  return sentences
    .filter((sentence) => sentence.start >= from)
    .slice(0, FIRST_PERSON_WITHIN)
    .some((sentence) => FIRST_PERSON.test(sentence.text));
}

/** A joint text speaks for its parties; one person's words must read as spoken. */
function spokenOrJoint(found: DocumentIssuer, sentences: LeadSentence[]): DocumentIssuer | null {
  return found.kind === 'joint' || spokenInFirstPerson(sentences, found.from) ? found : null;
}

/** How many sentences a speech may take before its speaker says "I" or "we". */
const FIRST_PERSON_WITHIN = 8;

function byIssuer(issuer: string, title: string, from: number): DocumentIssuer {
  if (!SEVERAL.test(issuer)) return { issuer, kind: 'own', from };
  // A statement two parties issue is joint; remarks by two are a conversation, opened by the first named.
  return SPOKEN_DOCUMENT.test(title) ? { issuer: issuer.split(SEVERAL)[0]!, kind: 'opening', from } : { issuer, kind: 'joint', from };
}
