import { continuesSentence, foldPunctuation, inOrdinaryCapitals } from '../text.js';
import { documentIssuer, type DocumentIssuer } from '../01-clean/voice.js';
import type { Attribution, Sentence } from '../types.js';
import { DEMONYM_WORD, documentNames, NAME_WORD, NO_NAMES, OFFICE_ONLY, resolvePerson, rolesOfAliases, TITLE_OWNER, TITLES, type DocumentNames } from './names.js';

/** Canonical name → the other names sources use for it. */
export type Aliases = Record<string, string[]>;

const SPEECH_VERB =
  "(?:said|says|told|tells|stated|states|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|highlighted|highlights|described|describes|urged|urges|warned|warns|noted|notes|added|adds|reports|reported|writes|wrote|insisted|argued|claimed|called|calls|recogni[sz]ed|acknowledged|underscored|outlined|reaffirmed|reiterated|reiterates|affirmed|underlined|downplayed|expressed|informed|made it clear|made clear|pointed out|objected|asserted|declared|explained|cautioned|conceded|admitted|maintained|contended|replied|hailed|praised|lauded|condemned|critici[sz]ed|assured|conveyed|elaborated|expounded|remarked|commented|spoke (?:highly|warmly|positively) of|touted|(?:went on|sought|was quick|were quick) to (?:say|add|stress|note|emphasi[sz]e|underline|insist|assure|reassure)|(?:observed|indicated|mentioned|responded|recalled|confirmed|denied|proposed) that)";
// The day may stand between a subject and its verb: "Mayor Lind on Monday said …".
const ADVERB =
  '(?:(?:has|have|had)\\s+)?(?:(?:also|reportedly|later|then|further|again|repeatedly|himself|herself|jointly|together|both)\\s+)?(?:on\\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\s+)?';
const OFFICIALS =
  "(?:(?:a|an|the|one)\\s+)?(?:(?:senior|top|former)\\s+)?(?:(?:US|U\\.S\\.|American|Chinese|administration|White House|Beijing|Washington)\\s+)?(?:(?:senior|administration|defense|foreign ministry)\\s+)?officials?";
const STATES = '(?:China|Beijing|the United States|the US|the U\\.S\\.|Washington)';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `roles`: the role an alias writes before a name ("Secretary-General Dale") → the people holding it, for a bare role. */
export type CompiledAliases = { pattern: string; canonical: Map<string, string>; roles: Map<string, string[]> };

/** Longest names first so "President Joe Biden" wins over "Biden". */
export function compileAliases(aliases: Aliases): CompiledAliases {
  const canonical = new Map<string, string>();
  for (const [name, others] of Object.entries(aliases)) {
    canonical.set(name.toLowerCase(), name);
    for (const other of others) canonical.set(other.toLowerCase(), name);
  }
  const names = [...canonical.keys()].sort((a, b) => b.length - a.length);
  return { pattern: names.map(escapeRegExp).join('|'), canonical, roles: rolesOfAliases(canonical) };
}

/** "The senior American official" and "a senior U.S. official" are one kind of speaker. */
function normaliseOfficials(phrase: string): string {
  const words = phrase
    .replace(/\bU\.S\.|\bAmerican\b/g, 'US')
    .replace(/^(?:a|an|the|one)\s+/i, '')
    .trim()
    // A describing word loses the capital a sentence's start gave it; a name ("White House") keeps it.
    .replace(/^(?:Senior|Top|Former|Administration|Defense|Foreign)\b/, (word) => word.toLowerCase());
  if (/officials$/i.test(words)) return words;
  // "an official", "a US official": the article goes by the sound, and an acronym is spelt out.
  return /^(?:[aeio]|u(?!\p{Lu}))/iu.test(words) && !/^US\b/.test(words) ? `an ${words}` : `a ${words}`;
}

function normaliseState(phrase: string): string {
  if (/^(?:China|Beijing)$/.test(phrase)) return 'China';
  return 'the United States';
}

/** A full name the entity list may not know: two or three capitalised words, after any title. */
/**
 * A role written in lower case before a name, after the body it serves: "Harbour Ministry spokesperson
 * Ana Ruiz", "Norland's foreign ministry spokesperson Ana Ruiz". The speaker is the name.
 */
const ROLE_BEFORE_NAME =
  "(?:(?:\\p{Lu}[\\p{L}'-]*|\\p{L}+['\u2019]s|foreign|ministry|defen[cs]e|state|government|senior|chief|top|former)\\s+){0,4}(?:spokesperson|spokesman|spokeswoman|ambassador|envoy|negotiator|aide|adviser|advisor|chief|head|leader)\\s+";
const ROLE_BEFORE_PERSON = new RegExp(`^${ROLE_BEFORE_NAME}(${NAME_WORD}(?:\\s+${NAME_WORD}){1,2})$`, 'u');
const NAMED_PERSON = `(?:${TITLE_OWNER}|(?:(?:[\\p{Lu}\\d]{2,}|\\p{Lu}\\p{Ll}+)\\s+){1,2}(?=${TITLES}\\s)|${ROLE_BEFORE_NAME})?(?:${TITLES}\\s+)*${NAME_WORD}(?:\\s+${NAME_WORD}){1,2}`;

/** An unnamed or collective source, kept as the text words it: "analysts", "city officials", "the finance ministry". */
/** The source noun may be capitalised as part of a name ("the Harbour Commission"). */
const GROUP_SOURCE =
  "(?:(?:the|a|an)\\s+)?(?:(?!(?:and|or|but|while|as|when)\\s)[\\p{L}\\d'-]+\\s+){0,3}?(?:[Ll]eaders|[Ss]ides|[Oo]fficials?|[Aa]nalysts|[Ee]xperts|[Dd]iplomats|[Oo]bservers|[Ss]ources|[Ss]pokesperson|[Ss]pokesman|[Ss]pokeswoman|[Mm]inistry|[Dd]epartment|[Mm]edia|[Aa]gency|[Rr]eport|[Ww]hite House|[Kk]remlin|[Pp]entagon|[Gg]overnment|[Ss]ecretariat|[Pp]residency|[Ee]mbassy|[Cc]ommission)";

/** A role standing for the person who holds it: "the Secretary-General", "the UN High Commissioner". */
const BARE_ROLE = `(?:[Tt]he\\s+)?(?:(?:\\p{Lu}{2,}|${DEMONYM_WORD})\\s+)?(?:${TITLES}|${TITLES.toLowerCase()})`;

const GENERIC_ACTOR = `(${NAMED_PERSON}|${GROUP_SOURCE}|${BARE_ROLE})`;

/** "The leaders", "G7 leaders", "the three Leaders", "both sides": in a joint text, its signatories. */
const LEADERS = /^(?:the\s+)?(?:[\p{L}\d-]+\s+)?(?:leaders|sides)$/iu;
const SAYS = `(?:${SPEECH_VERB}|say|agreed that|told\\s+[\\p{L} ]{1,30}?)`;

/**
 * Speakers no list names, found by the shape of reported speech: "X said …", "…, said X, who …",
 * "…, X said.", "according to X". Tried after the known names, so a listed alias always wins.
 */
/** When a statement was made, after its verb: "…, the ministry said on Tuesday." */
const WHEN = '(?:\\s+(?:on\\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|earlier|later|in a statement))?';

/** A lead-in clause before the speaker ("Describing the crisis as the threat of our time, X noted …"): at most this long. */
const LEAD_IN = '(?:[^,]{0,100},\\s+(?:and\\s+|but\\s+)?)?';

const GENERIC_PATTERNS = [
  // An apposition may stand between the speaker and the verb: "Piet Dale, the harbour master, said …".
  new RegExp(`^${LEAD_IN}${GENERIC_ACTOR}(?:,[^,]{1,80},)?\\s+${ADVERB}${SAYS}\\b`, 'u'),
  new RegExp(`[,"]\\s*${SAYS}\\s+${GENERIC_ACTOR}(?=\\s*(?:[,.]|$))`, 'u'),
  new RegExp(`,\\s*${GENERIC_ACTOR}\\s+(?:said|says|say|added)${WHEN}\\s*\\.?$`, 'u'),
  new RegExp(`\\baccording to ${GENERIC_ACTOR}(?=\\s*(?:[,.]|$))`, 'u'),
  // "according to a statement from the harbour ministry": the statement's issuer speaks.
  new RegExp(`\\baccording to (?:a|an|the)\\s+(?:\\p{Ll}+\\s+)?(?:statement|readout|release|communiqu[eé]|transcript)\\s+(?:from|by|of|issued by)\\s+${GENERIC_ACTOR}(?=\\s*(?:[,.]|$))`, 'u'),
  new RegExp(`\\b[Ii]n the words of ${GENERIC_ACTOR}(?:\\s+(?:himself|herself|themselves))?(?=\\s*,)`, 'u'),
  // Coordinated predicates: "X opened the quay and reaffirmed that …" — the statement verb's subject speaks.
  new RegExp(`^${LEAD_IN}${GENERIC_ACTOR}\\s+${ADVERB}\\p{Ll}+ed\\b[^;:"]{0,150}?,?\\s+and\\s+${ADVERB}${SAYS}\\b`, 'u'),
  // After a closing quotation mark: '"…," Port Director Ivo Saar said at the opening.'
  new RegExp(`[,.?!]"\\s+${GENERIC_ACTOR}\\s+${ADVERB}${SAYS}\\b`, 'u'),
];

/** The speaker a generic pattern found: a known name if the list has it, a group as written, a person by their full name. */
function genericSpeaker(phrase: string, aliases: CompiledAliases, names: DocumentNames): string {
  const known = aliases.canonical.get(phrase.toLowerCase());
  if (known) return known;
  if (new RegExp(`^${GROUP_SOURCE}$`, 'u').test(phrase)) return phrase.replace(/^(?:The|An?)\s/, (article) => article.toLowerCase());
  // "Party chief Ana Ruiz": the role in lower case before a name is no part of it.
  const named = ROLE_BEFORE_PERSON.exec(phrase)?.[1] ?? phrase;
  // A role nobody in the document is named to hold stays as written: "the minister".
  return resolvePerson(named, names, aliases) ?? named.replace(/^The\s/, 'the ');
}

/** "X welcomed the deal, calling it "a milestone"": the main clause's subject owns the quote its participle brings. */
const QUOTING_PARTICIPLE = new RegExp(
  `^${LEAD_IN}${GENERIC_ACTOR}\\s+${ADVERB}\\p{Ll}+ed\\b[^"]{0,120},\\s+(?:calling|saying|describing|adding|noting|warning|terming|declaring|insisting|stressing|vowing)\\b[^"]{0,40}"`,
  'u',
);

/** "The Minister met the crews, where she told them that …": the pronoun that speaks is the sentence's subject. */
const SUBJECT_THEN_PRONOUN_SAYS = new RegExp(
  `^${LEAD_IN}${GENERIC_ACTOR}\\s[^"]{0,120}?(?:,\\s+(?:where|when|and)|\\s+and)\\s+(?:he|she|they)\\s+${ADVERB}${SAYS}\\b`,
  'u',
);

/** "Brandt said …": one capitalised word before a statement verb, a speaker only if the document names that surname in full. */
const SURNAME_SAYS = new RegExp(`^${LEAD_IN}(?:${TITLES}\\s+)*(${NAME_WORD})(?:,[^,]{1,80},)?\\s+${ADVERB}${SAYS}\\b`, 'u');

/** Capitalised words that start a sentence before "said" but name nobody. */
const NOT_A_SURNAME = /^(?:He|She|They|It|We|I|You|This|That|These|Those|Some|Many|Others|Both|Each|All|Everyone|Nobody|One|Who|Which)$|^\p{Lu}\p{Ll}*['\u2019](?:ll|m|ve|d|re)$/u;

/**
 * The full name the document gives the surname, or the entity list's; else the surname as written,
 * which ingest resolves across the corpus (see corpusSpeakerNames).
 */
function surnameSpeaker(text: string, names: DocumentNames, aliases: CompiledAliases): string | null {
  const surname = SURNAME_SAYS.exec(text)?.[1];
  if (surname === undefined || NOT_A_SURNAME.test(surname)) return null;
  const full = names.fullNames.find((name) => name.split(/\s+/).at(-1) === surname);
  return resolvePerson(full ?? surname, names, aliases);
}

/** Pronouns that point back to the last named speaker. */
const PRONOUN = '(?:He|She|They)';
/** "He said …", "She also stressed …", or the pronoun after the quote: "…," he said. */
const PRONOUN_SAYS = new RegExp(`^${PRONOUN}\\s+${ADVERB}(?:${SPEECH_VERB}|agreed that|agree that)\\b`);
const SAYS_PRONOUN = /[,"\u201d]\s*(?:he|she|they)\s+(?:also\s+)?(?:said|says|added|adds|told [\w ]{1,30}?|stressed|noted|warned)\s*(?:[.,]|$)|[,"\u201d]\s*(?:said|added)\s+(?:he|she)\s*\.?$/;
const OPENS_WITH_QUOTE = /^["\u201c]/;

/** Verbs that introduce what the speaker holds to be true, as against what they did. */
const STATEMENT_VERB = `(?:${SPEECH_VERB}|agreed that|agree that)`;

/**
 * Who asserts each sentence and what it quotes. Runs over an article's sentences in order because
 * a pronoun speaker refers back to the last named one.
 */
export function attribute(
  sentences: Sentence[],
  aliases: CompiledAliases,
  title: string | null = null,
  issuer: DocumentIssuer | null = documentIssuer(title, sentences),
  context: Sentence[] = sentences,
): Attribution[] {
  // Names are read from the whole document (`context`), the lines that are no claim included: a
  // moderator's "I'm pleased to introduce Ana Ruiz" names the speaker of the later "MS. RUIZ:" turns.
  const names = documentNames(title, context.map((sentence) => sentence.text), aliases);
  const introduced = selfIntroductions(context, aliases, names);
  const titledVoice = documentVoice(issuer, names, aliases);
  const labelled = sentences.some((sentence) => sentence.turn !== undefined);
  const voice = titledVoice?.unlabelledOnly && labelled ? null : titledVoice;
  // Newspapers put an honorific before a surname ("Mr. Lee"): the speaker is the name after it.
  const actor = `(?<![A-Za-z])(?:(?:Mr|Mrs|Ms|Dr)\\.\\s+)?(${aliases.pattern}|${OFFICIALS}|${STATES})(?![A-Za-z])`;
  const patterns: RegExp[] = [
    // A source frame at the head of the sentence owns it: "The BBC reports that …".
    new RegExp(`^(?:[^,]{0,40},\\s+)?${actor}\\s+${ADVERB}(?:reports|reported|writes|wrote)\\s+that\\b`, 'i'),
    // "According to Reuters, Chinese officials informed …": the frame relays Y's own statement.
    new RegExp(`according to [^,]{1,60},\\s+${actor}\\s+${ADVERB}${SPEECH_VERB}\\b`, 'i'),
    new RegExp(`according to (?:(?:president|chinese president|us president)\\s+)?${actor}`, 'i'),
    new RegExp(`\\bin the words of ${actor}`, 'i'),
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
  // "… from what Lind referred to as the "bitter past"": the quoted name is the named one's words.
  const quoteNamer = new RegExp(`\\bwhat\\s+${actor}\\s+${ADVERB}(?:referred to|described|called|termed|dubbed)(?:\\s+as)?\\s+(?:(?:the|a|an)\\s+)?"`, 'i');
  let lastSpeaker: string | null = null;
  // The person the previous sentence opens with: "Lind hopes to … He says …" — a pronoun that speaks
  // refers to the last sentence's subject before the last speaker.
  let previousSubject: string | null = null;
  const knownSubject = new RegExp(`^(?:[^,]{0,60},\\s+)?(?:${TITLES}\\s+)*(${aliases.pattern})(?![\\p{L}])\\s+\\p{Ll}`, 'iu');
  const attributions: Attribution[] = [];
  return sentences.map((sentence, index) => {
    // An editor's brackets stand for the speaker's own words: "[Lind] said …".
    const text = withoutNationality(foldPunctuation(sentence.text).replace(/\[(\p{Lu}[^\]]{0,40})\]/gu, '$1'));
    const previous = sentences[index - 1];
    let speaker: string | null = null;
    if (previous && continuesSentence(previous, sentence)) {
      const handedOver = handsOver.exec(foldPunctuation(previous.text).trimEnd());
      speaker = handedOver ? canonicalSpeaker(handedOver[1]!, aliases) : attributions[index - 1]!.speaker;
    }
    for (const pattern of speaker ? [] : patterns) {
      const match = pattern.exec(text);
      if (match) {
        speaker = describedEarlier(match[1]!, attributions) ?? canonicalSpeaker(match[1]!, aliases);
        break;
      }
    }
    if (!speaker) {
      const subject = SUBJECT_THEN_PRONOUN_SAYS.exec(text);
      if (subject) speaker = genericSpeaker(subject[1]!, aliases, names);
    }
    if (!speaker && (PRONOUN_SAYS.test(text) || SAYS_PRONOUN.test(text))) speaker = previousSubject ?? lastSpeaker;
    for (const pattern of speaker ? [] : GENERIC_PATTERNS) {
      const match = pattern.exec(text);
      if (match) {
        speaker = describedEarlier(match[1]!, attributions) ?? genericSpeaker(match[1]!, aliases, names);
        break;
      }
    }
    if (!speaker) speaker = surnameSpeaker(text, names, aliases);
    const quote = extractQuote(sentence.text);
    if (!speaker && quote !== null) {
      const owner = quoteOwner.exec(text) ?? quoteNamer.exec(text);
      if (owner) speaker = canonicalSpeaker(owner[1]!, aliases);
      else {
        const subject = QUOTING_PARTICIPLE.exec(text);
        if (subject) speaker = genericSpeaker(subject[1]!, aliases, names);
      }
    }
    // A quotation that runs on into the next sentence keeps its owner: '"We will build it." "It will take years."'
    if (!speaker && OPENS_WITH_QUOTE.test(text) && previous && attributions[index - 1]!.quote !== null) speaker = attributions[index - 1]!.speaker;
    // The leaders a joint text speaks for are its signatories.
    if (speaker && voice?.joint && LEADERS.test(speaker)) speaker = voice.speaker;
    previousSubject = subjectOf(text, knownSubject, aliases, names);
    if (speaker) lastSpeaker = speaker;
    // In a transcript, what a turn says unattributed is its speaker's own remark, first person included.
    else if (sentence.turn !== undefined) speaker = introduced.get(sentence.turn) ?? speakerOfLabel(sentence.turn, aliases, names);
    // A statement or speech issued in someone's name says what they hold; a joint one, what its signatories hold.
    // The editor's line that says whose remarks follow is not among them.
    else if (voice && sentence.start >= voice.from) speaker = voice.speaker;
    attributions.push({ speaker, quote });
    return { speaker, quote };
  });
}

/**
 * "The official added …", "the spokeswoman said": a definite description with no name of its own
 * refers back to the latest speaker the document described with the same noun ("a senior harbour
 * official", "Ministry spokeswoman Ana Ruiz" is a person, so it is not among them).
 */
const DEFINITE_DESCRIPTION = /^[Tt]he\s+(\p{Ll}+)$/u;

function describedEarlier(phrase: string, earlier: readonly Attribution[]): string | null {
  const noun = DEFINITE_DESCRIPTION.exec(phrase.trim())?.[1];
  if (noun === undefined) return null;
  for (let index = earlier.length - 1; index >= 0; index -= 1) {
    const speaker = earlier[index]!.speaker;
    if (speaker !== null && speaker.split(/\s+/).length > 2 && speaker.toLowerCase().endsWith(` ${noun}`)) return speaker;
  }
  return null;
}

/**
 * A nationality before a title ("U.S. President Ana Ruiz told …", "Norlandic Minister Piet Dale
 * said …") says nothing about who speaks: it is read past, as if the sentence began at the title.
 */
const NATIONALITY_BEFORE_TITLE = new RegExp(`(?<![\\p{L}.])(?:U\\.S\\.|U\\.K\\.|US|UK|EU|UN|${DEMONYM_WORD})\\s+(?=(?:\\p{Lu}\\p{Ll}+\\s+){0,2}${TITLES}\\s+\\p{Lu})`, 'gu');

function withoutNationality(text: string): string {
  return text.replace(NATIONALITY_BEFORE_TITLE, '');
}

/** A full name that opens a sentence as its subject: "Mayor Ona Lind hopes …". */
const NAMED_SUBJECT = new RegExp(`^(?:[^,]{0,60},\\s+)?(?:${TITLES}\\s+)*(${NAME_WORD}(?:\\s+${NAME_WORD}){1,2})\\s+\\p{Ll}`, 'u');

/** The person a sentence opens with as its subject, by the entity list or as the document names them. */
function subjectOf(text: string, knownSubject: RegExp, aliases: CompiledAliases, names: DocumentNames): string | null {
  const known = aliases.pattern === '' ? null : knownSubject.exec(text)?.[1];
  if (known) return aliases.canonical.get(known.toLowerCase()) ?? null;
  const named = NAMED_SUBJECT.exec(text)?.[1];
  if (named === undefined) return null;
  // "Prime Minister stressed …" in a text that names its prime minister: the subject is the holder.
  if (OFFICE_ONLY.test(named)) return resolvePerson(named, names, aliases);
  return names.fullNames.includes(named) ? named : null;
}

/** "My name is Ana Ruiz": who a turn's label stands for, as the speaker says it. */
const MY_NAME_IS = new RegExp(`\\b[Mm]y name is (${NAME_WORD}(?:\\s+${NAME_WORD}){1,2})`, 'u');

/**
 * "MR. DALE: Thank you, Ana." — a turn that opens by thanking someone by first name thanks the
 * speaker before them, as a briefing hands the podium on.
 */
const THANKS_BY_NAME = new RegExp(`^(?:[Tt]hank you|[Tt]hanks)(?: (?:so|very) much)?,\\s+(${NAME_WORD})[.!,]`, 'u');

/**
 * Each transcript label whose speaker is named in the turns themselves: who introduces themselves
 * ("My name is Ana Ruiz"), and whose first name the next speaker thanks them by, beside the surname
 * of their label.
 */
function selfIntroductions(sentences: Sentence[], aliases: CompiledAliases, names: DocumentNames): Map<string, string> {
  const introduced = new Map<string, string>();
  sentences.forEach((sentence, index) => {
    if (sentence.turn === undefined) return;
    const text = foldPunctuation(sentence.text);
    const name = MY_NAME_IS.exec(text)?.[1];
    if (name !== undefined && !introduced.has(sentence.turn)) introduced.set(sentence.turn, name);
    const previousTurn = sentences[index - 1]?.turn;
    const firstName = previousTurn !== undefined && previousTurn !== sentence.turn ? THANKS_BY_NAME.exec(text)?.[1] : undefined;
    if (firstName === undefined || introduced.has(previousTurn!)) return;
    const surname = speakerOfLabel(previousTurn!, aliases, names);
    if (!/\s/.test(surname) && surname !== firstName) introduced.set(previousTurn!, `${firstName} ${surname}`);
  });
  return introduced;
}

function canonicalSpeaker(phrase: string, aliases: CompiledAliases): string {
  const known = aliases.canonical.get(phrase.toLowerCase());
  if (known) return known;
  if (/officials?$/i.test(phrase)) return normaliseOfficials(phrase);
  return normaliseState(phrase);
}

/**
 * The speaker a transcript label names, as resolvePerson reads it ("PRESIDENT BIDEN", "MR. SULLIVAN",
 * "SECRETARY GENERAL STOLTENBERG" by the full name the document uses, "THE PRESIDENT" by whoever the
 * title names president); a label naming nobody stays as written, in ordinary capitals ("Moderator").
 */
export function speakerOfLabel(label: string, aliases: CompiledAliases, names: DocumentNames = NO_NAMES): string {
  const spaced = label.replace(/\s+/g, ' ').trim();
  return resolvePerson(spaced, names, aliases) ?? inOrdinaryCapitals(spaced);
}


/** Who a document speaks for, as attribution names them; `unlabelledOnly` as for an `opening` issuer. */
/** Who signs for a group of states: its leaders, its heads of state and government, its ministers. */
const SIGNATORIES = '(Leaders|Heads of State(?: and Government)?|(?:Foreign |Finance )?Ministers)';
/** A group named by its acronym or numbered name ("LWC", "G20"). */
const GROUP_NAME = '([A-Z][A-Z0-9]*\\d[A-Z0-9]*|[A-Z]{2,})';
const SIGNATORIES_OF_GROUP = new RegExp(`^${SIGNATORIES}\\s+of\\s+(?:the\\s+)?${GROUP_NAME}$`, 'u');
const GROUP_PLACE_SIGNATORIES = new RegExp(`^${GROUP_NAME}\\s+(?:\\p{Lu}[\\p{L}'-]*\\s+){1,3}?${SIGNATORIES}$`, 'u');

/**
 * A joint text's authors as one name: "the Leaders of the LWC" and a declaration's "LWC Port Alder
 * Leaders" (the group and its host city) are both "LWC Leaders"; other names stay as written.
 */
export function collectiveName(issuer: string): string {
  const name = issuer.replace(/^the\s+/i, '');
  const of = SIGNATORIES_OF_GROUP.exec(name);
  if (of) return `${of[2]} ${of[1]}`;
  const hosted = GROUP_PLACE_SIGNATORIES.exec(name);
  return hosted ? `${hosted[1]} ${hosted[2]}` : name;
}

/**
 * A joint text signed by people in person ("President of Norland Ana Ruiz and President of Vell Piet
 * Dale") speaks for them by name; one signed by a group, by the group's name (collectiveName).
 */
function signatories(issuer: string, aliases: CompiledAliases): string {
  const parties = issuer.split(/,\s+(?:and\s+)?|\s+and\s+/);
  const people = parties.map((party) => signatoryName(party.trim(), aliases));
  return parties.length >= 2 && people.every((person) => person !== null) ? people.join(' and ') : collectiveName(issuer);
}

const TWO_NAME_WORDS_AT_END = new RegExp(`${NAME_WORD}\\s+${NAME_WORD}$`, 'u');

const OFFICE = new RegExp(`^(?:the\\s+)?${TITLES}\\b`, 'u');

/** The person a party's office and name stand for: the entity list's name, or the last two name words after the office. */
function signatoryName(party: string, aliases: CompiledAliases): string | null {
  const words = party.split(/\s+/);
  for (let first = 0; first < words.length; first += 1) {
    const known = aliases.canonical.get(words.slice(first).join(' ').toLowerCase());
    if (known) return known;
  }
  // Signing in person, a party gives an office before the name; a state or body ("the United Arab Emirates") is no person.
  if (!OFFICE.test(party)) return null;
  return TWO_NAME_WORDS_AT_END.exec(party)?.[0] ?? null;
}

type DocumentVoice = { speaker: string; joint: boolean; unlabelledOnly: boolean; from: number };

function documentVoice(issuer: DocumentIssuer | null, names: DocumentNames, aliases: CompiledAliases): DocumentVoice | null {
  if (issuer === null) return null;
  if (issuer.kind === 'joint') return { speaker: signatories(issuer.issuer, aliases), joint: true, unlabelledOnly: false, from: issuer.from };
  const speaker = resolvePerson(issuer.issuer, names, aliases);
  return speaker ? { speaker, joint: false, unlabelledOnly: issuer.kind === 'opening', from: issuer.from } : null;
}

const QUOTED = /[\u201c"]([^\u201c\u201d"]+)[\u201d"]/g;

/**
 * A paragraph of a quotation that runs on: it opens with the mark and, by the typographic convention
 * for quotes over several paragraphs, closes only in the last. Plain-text wire copy does the same with
 * straight marks; sentences keep a quotation whole, so one that opens with a mark and holds no other
 * runs on to its paragraph's end.
 */
const RUNS_ON = /^[\u201c"]([^\u201c\u201d"]+)$/;

/** The directly quoted words, exactly as in the source; several quoted parts are joined with " … ". */
export function extractQuote(text: string): string | null {
  const parts = [...text.matchAll(QUOTED)].map((match) => match[1]!).filter((part) => part.trim().length > 0);
  if (parts.length === 0) {
    const runsOn = RUNS_ON.exec(text.trim())?.[1];
    return runsOn === undefined ? null : runsOn;
  }
  return parts.join(' \u2026 ');
}
