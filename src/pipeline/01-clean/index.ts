import { foldPunctuation, TITLES } from '../text.js';
import type { Boilerplate, BoilerplateReason, CleanArticle, Segment, Span } from '../types.js';

type Line = Span & { text: string };

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const TIME = '(?:\\d{1,2}:\\d{2}(?:\\s*[ap]\\.?m\\.?)?)';
const DATE = `(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`;

/** A date written out anywhere in a line: "3 May 2031", "May 3, 2031", "03 May. 2031", "2031-05-03". */
const STATED_DATE = new RegExp(`(?:^|[^\\p{L}\\d])${DATE}`, 'iu');

/** A time on its own line ("5:09 P.M. PST"), as transcripts and live pages stamp them. */
const TIME_STAMP = new RegExp(`^${TIME}(?:\\s*[a-z]{2,4})?$`, 'i');

/** Line patterns of page furniture that never carries reporting, checked in order. */
const FURNITURE: Array<[BoilerplateReason, RegExp]> = [
  ['share-widget', /^(?:share|share (?:this|on) [\w ]{1,20}|tweet|email|print|copy link|share via [\w ]{1,20})$/i],
  ['comment-widget', /^(?:(?:\u2022\s*)?(?:write|post|add) (?:a |your )comment\s*\*?|leave a (?:comment|reply)|\d+ comments?|comments?|add a comment|please (?:log ?in|sign ?in|register)\b.*|you must be logged in\b.*|login to comment)$/i],
  ['read-time', /^\d+\s*(?:min|mins|minute|minutes)(?:\s+read)?$/i],
  // A date stamp, with the label a page gives it ("Last updated:", "Issued on") and a trailing separator.
  ['date-stamp', new RegExp(`^(?:(?:(?:last |first )?(?:updated|published|posted|issued|released|modified)(?: on)?|date)\\s*:?\\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?${DATE}(?:\\s*(?:[-|,@·]|at)?\\s*${TIME})?(?:\\s*[a-z]{2,4})?(?:\\s*[-|\u2013\u2014])?$`, 'i')],
  ['date-stamp', TIME_STAMP],
  ['social-link', /^(?:follow\b.{0,60}\bon (?:twitter|x|facebook|instagram|linkedin|threads|telegram|youtube)\b.*|@\w+|(?:twitter|facebook|instagram|linkedin|whatsapp|telegram)(?:\s*[|/,]\s*\w+)*)$/i],
  ['reaction-widget', /^(?:what'?s your reaction\??|how do you feel about this\??|like|love|haha|wow|sad|angry)$/i],
  ['credit-line', /^(?:source|sources|via|photo|image|credit|credits|with reporting by|press release)\s*:\s*\S.{0,80}$/i],
  ['credit-line', /^\((?:reporting|writing|editing|additional reporting|translated|compiled)\b[^)]{0,200}\)$/i],
  ['site-chrome', /^(?:by continuing to (?:browse|use)\b.*cookie|we use cookies\b|this (?:site|website) uses cookies\b|accept (?:all )?cookies$|advertisement$|related (?:stories|articles|coverage)$|read more$|most read$|subscribe(?: now| today)?$|sign up\b.{0,60}newsletter|(?:\u00a9|copyright)(?:\s*\u00a9)?\s*\d{4}\b)/i],
  // Sign-up widgets: "Opt in to receive text messages …", "We'll be in touch with the latest information …".
  ['site-chrome', /^(?:opt in|sign up|subscribe|we'?ll be in touch|get the latest)\b.{0,200}\b(?:text messages|newsletter|updates|inbox|latest information)\b/i],
  // Notes on the page's own text: "Text as prepared.", "A full recording of the briefing is available on …".
  ['site-chrome', /^(?:(?:text )?as prepared(?: for delivery)?\.?|(?:a |the )?(?:full )?(?:recording|video|audio|webcast|transcript)\b.{0,80}\bis available\b.*)$/i],
  ['site-chrome', /^(?:text )?as prepared(?: for delivery)?\.\s+(?:a |the )?(?:full )?(?:recording|video|audio|webcast|transcript)\b.{0,80}\bis available\b.*$/i],
  // A government site's banner: "An official website of the … Government", "Here's how you know", "A .gov website belongs to …".
  ['site-chrome', /^(?:an official website of the\b.{0,80}|here'?s how you know|a lock\b.{0,40}\bmeans you'?ve safely connected\b.*|(?:a |official websites use )?\.gov\b.{0,120}|(?:secure )?\.gov websites use https\b.*)$/i],
  // A site's own name as its banner gives it: "Official website of the Harbour Office".
  ['site-chrome', /^(?:the\s+)?official (?:web)?site of\b.{0,80}$/i],
  // Accessibility links a page prints above its content: "Skip to content", 'Press "Enter" to skip to content'.
  ['site-chrome', /^(?:press\s+"?enter"?\s+to\s+)?skip to (?:the\s+)?(?:main\s+)?(?:content|navigation|menu)$/i],
  // A link that sends the reader elsewhere: "Read the full transcript here."
  ['site-chrome', /^(?:read|watch|listen to|see|view|download)\b[^,;]{0,100}\bhere\s*[.:!]?$/i],
  // A date and the place it was given: "June 16, 2031, Port Alder".
  ['date-stamp', new RegExp(`^${DATE},?\\s+\\p{Lu}[\\p{L}.'-]*(?:\\s+\\p{Lu}[\\p{L}.'-]*){0,3}$`, 'iu')],
  // A date alone, in any language a page is written in: "venerdi 18 giugno 2031", "3. Marz 2031".
  ['date-stamp', /^(?:\p{L}+,?\s+)?\d{1,2}\.?\s+\p{L}+\.?,?\s+\d{4}$/u],
  // A feed's excerpt of a story, cut off with a bracketed ellipsis: "… It's a testament to […]".
  ['site-chrome', /\[(?:\u2026|\.\.\.)\]$/],
  // A feed's footer on a reposted item: "The post <title> first appeared on <site>."
  ['site-chrome', /^the post .{1,250} (?:first )?appeared (?:first )?on .{1,80}$/i],
  ['site-chrome', /^(?:please )?(?:read|see|find out|learn) more(?: (?:at|here|on|about this))?\s*:?$/i],
  // Photo captions: where people stand ("Lind (left) greets …", "From left: …") and what a photo shows.
  ['photo-caption', /\((?:left|right|cent(?:er|re)|second (?:left|right)|front|back|top|bottom|[LRC])\)|^(?:from left|left to right|clockwise from (?:top )?left)\s*[:,]/i],
  // A photo credit closing the caption: "… in the harbour. (Pool photo via Harbour Wire)".
  ['photo-caption', /\((?:[\p{L}]+\s+){0,2}(?:photo|photograph|image|picture)s?(?:\s+(?:by|via|courtesy of|credit)\b[^()]{0,60})?\)\.?$/iu],
  ['photo-caption', /\b(?:pose|poses|posing|participate|participates|participating|gather|gathers|gathering|stand|stands|standing)\s+(?:for|in)\s+(?:a |the )?(?:family |group |official )?(?:photo|picture|photograph)s?\b/i],
  // A navigation menu: three or more short items between bars ("Home | World | Sports").
  ['site-chrome', /^(?:[^|]{1,30}\s\|\s){2,}[^|]{1,30}$/],
  ['byline', /^by\s+[\p{L}][\p{L}.'-]*(?:\s+[\p{L}][\p{L}.'-]*){0,3}$(?<!\p{Ll}{2}\.)/iu],
  ['photo-caption', /\|\s*[^|]*(?:getty images|afp|reuters|ap photo|associated press|shutterstock|epa|bloomberg|xinhua)[^|]*$/i],
  ['author-bio', /^\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){0,3}(?:,[^,]{1,80},)?\s+(?:is|has been)\s+an?\s+(?:[\p{L}-]+\s+){0,3}(?:author|writer|journalist|reporter|editor|contributor|columnist|correspondent|blogger)\b/u],
  ['author-bio', /^\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,3}\s+(?:covers|writes about|reports on)\s.{0,100}\bfor\s+(?:the\s+)?\p{Lu}[\p{L}' ]+\.?$/u],
];

/**
 * A news photo's caption in the present tense: named people doing what the picture shows ("Mayor Ona
 * Lind greets Minister Ruiz at the quay on Monday.", "Ivo Saar speaks at a press conference"), where
 * reporting would write the past. Read only below the headline, which may well say "meets".
 */
const PRESENT_TENSE_CAPTION = new RegExp(
  "^(?:\\([\\p{L} ]{1,20}\\)\\s*)?(?:\\p{Lu}[\\p{L}.'-]*\\s+){1,7}?(?:and\\s+(?:\\p{Lu}[\\p{L}.'-]*\\s+){1,6}?)?" +
    '(?:meets|meet|shakes hands|shake hands|greets|greet|speaks|speak|talks|talk|arrives|arrive|waves|wave|listens|listen|walks|walk|gestures|gesture|attends|attend|delivers|deliver|looks on|look on|poses|pose|smiles|smile|participates|participate|faces|face|sits|sit|stands|stand)\\b' +
    // Either a whole caption with its day ("… on Thursday.", "… on May 18, …") or a short label with no full stop.
    '(?:.{0,200}\\bon\\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2})\\b.*\\.|[^.!?:]{0,80})$',
  'u',
);

/** How much of a cut-off teaser must open another line of the page for it to be that line's teaser. */
const TEASER_MIN_CHARS = 40;

/**
 * Lines that tease the story with its own opening, cut off with an ellipsis ("Highlights: The port
 * reopened on Monday after …"), while the page prints the whole paragraph too.
 */
function teaserLines(lines: Line[]): Set<number> {
  const teasers = new Set<number>();
  lines.forEach((line, index) => {
    const folded = foldPunctuation(line.text);
    if (!/(?:\u2026|\.\.\.)$/.test(folded)) return;
    const opening = folded.replace(/^[\p{L} ]{1,20}:\s*/u, '').slice(0, TEASER_MIN_CHARS);
    if (opening.length < TEASER_MIN_CHARS) return;
    if (lines.some((other, at) => at !== index && foldPunctuation(other.text).includes(opening))) teasers.add(index);
  });
  return teasers;
}

/** "… the end of a sentence. SEE ALSO: Other Story Headline": the paragraph, then the glued teaser. */
const GLUED_TEASER = /^(.*?[.!?"')\]])\s+(?:SEE ALSO|READ MORE|ALSO READ|READ ALSO|RELATED|WATCH|LISTEN)\s*:\s+\S.*$/;

/** The heading of a list of links to other articles. */
const RELATED_LIST = /^(?:related|more|recommended|most read|popular)(?: stories| articles| coverage| news| on this)?$/i;

/** Widgets after which the rest of a page is its footer. */
const FOOTER_OPENERS = new Set<BoilerplateReason>(['share-widget', 'comment-widget', 'byline', 'reaction-widget', 'author-bio']);

/** A line that ends as a sentence does: a stop, perhaps inside closing quotes or brackets. A headline may end on a quoted phrase. */
const TERMINAL = /[.!?]["'\u2019\u201d)\]]*$/;

/** A list item's bullet at the start of a line. */
const LIST_BULLET = /^\s*[\u2022\u25aa\u25cf\u2023\u2043\u25e6]\s/u;

function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function isTitleCase(text: string): boolean {
  const words = wordsOf(text).filter((word) => /^\p{L}/u.test(word));
  if (words.length < 4) return false;
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised / words.length >= 0.7;
}

/** A page title may end with the year in brackets: "… | The Harbour Office (2031)". */
const TITLE_YEAR = /\s*\(\d{4}\)$/;

/** The most words a subheading has: a label over the paragraphs below, not a sentence. */
const SUBHEADING_MAX_WORDS = 8;

/**
 * A short unpunctuated line after a paragraph that ended and before one that starts anew: not the
 * first half of a sentence broken over two lines, whose second half opens in lower case.
 */
function isSubheading(lines: Line[], index: number, folded: string): boolean {
  // It ends on a word: a line ending in a comma or colon runs on ("While fees remain high,", "three steps to:").
  if (!/[\p{L}\p{N}]$/u.test(folded) || wordsOf(folded).length > SUBHEADING_MAX_WORDS) return false;
  const previous = lines[index - 1];
  const next = lines[index + 1];
  const ends = (line: Line) => TERMINAL.test(foldPunctuation(line.text)) || SECTION_BREAK.test(line.text);
  return previous !== undefined && ends(previous) && next !== undefined && /^\P{Ll}*\p{Lu}/u.test(next.text);
}

/** An ornament between sections ("* * *", "###", "—"): like a finished paragraph, it ends what came before. */
const SECTION_BREAK = /^[*\u2022\u00b7#~=_\u2013\u2014-](?:\s*[*\u2022\u00b7#~=_\u2013\u2014-])*$/u;

function looksLikeHeadline(text: string): boolean {
  const folded = foldPunctuation(text).replace(TITLE_YEAR, '');
  return !TERMINAL.test(folded) && wordsOf(folded).length <= 25;
}

function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const piece of raw.split('\n')) {
    const leading = piece.length - piece.trimStart().length;
    const text = piece.trim();
    if (text) lines.push({ start: offset + leading, end: offset + leading + text.length, text });
    offset += piece.length + 1;
  }
  return lines;
}

/**
 * A transcript's speaker label at the start of a line: "PRESIDENT BIDEN:", "MR. SULLIVAN:", "Q:". Up to
 * five words in capitals (honorifics with their full stop), then a colon and the words spoken.
 */
const SPEAKER_LABEL = /^((?:[A-Z][A-Z'\-]*\.?\s+){0,4}[A-Z][A-Z'\-]*\.?)\s*:\s+(?=\S)/;

/**
 * The same label as archives of official papers print it, in ordinary capitals and closed by a full
 * stop: "The President. We agreed …", "Prime Minister Okafor. Thank you.", "Q. When …". A title with a
 * name, or "The" and a title, makes the label, since no sentence of reporting is a bare title and name;
 * an honorific alone ("Mr. Dale said …") or a name running on past an initial ("President Ona K. Lind")
 * does not.
 */
const PROSE_SPEAKER_LABEL = new RegExp(
  `^(Q|The\\s+${TITLES}|(?:${TITLES})(?:\\s+\\p{Lu}\\p{Ll}[\\p{L}'\\-]*){1,3})\\.\\s+(?=\\p{Lu}|["\u201c])`,
  'u',
);

/**
 * The label as many foreign ministries and newsrooms print it, a name in ordinary capitals or an
 * outlet's acronym: "Ana Ruiz: …", "Harbour TV: …", "HTV: …". Counted only on a page where one such
 * label opens two lines or more (a spokesperson's answers) and another asks a question, since a
 * "Source: …" line or a dateline "Port Alder: …" has the same shape.
 */
const MIXED_SPEAKER_LABEL = /^((?:\p{Lu}[\p{Ll}'.-]+|\p{Lu}{2,}\p{Ll}*)(?:\s+(?:\p{Lu}[\p{Ll}'.-]+|\p{Lu}{2,}|\d{1,2})){0,3})\s*:\s+(?=\S)/u;
/** Words that open a page's labelled lines that are no speaker: credits, datelines, kickers, notes. */
const NOT_A_SPEAKER =
  /^(?:Credits?|Sources?|Photos?|Images?|Pictures?|Editors?|Published|Updated|Posted|Explainer|Analysis|Opinion|Update|Breaking|Watch|Read|Related|Note|Press|Tags|Topics?|Category|Filed|By|Via|Reporting|Writing|Translat\w*|Also|See|Listen|Video|Audio|Highlights|Summary|Background|Context|Location|Date|Time|Subject|Title|Keywords|Share|Follow|Contact|E-?mail|Tel|Phone|Fax|Website|Address|Venue|Event|Copyright|Disclaimer|Correction|Clarification|Exclusive|Live|Latest|Comments?|Review|Interview|Factbox|Timeline|Why|What|How|Who|When|Where)\b/u;

/** A time stamp a page's scraper joined onto the first label's line: "1:41 P.M. EDT PRESIDENT LIND: …". */
const GLUED_TIME = new RegExp(`^${TIME}(?:\\s*[A-Za-z]{2,4})?\\s+`, 'i');

function leadingTime(folded: string, mixed = false): number {
  const time = GLUED_TIME.exec(folded);
  return time && speakerLabel(folded.slice(time[0].length), mixed) ? time[0].length : 0;
}

/**
 * A label that gives a speaker's office in full before the name, in ordinary capitals, as some
 * governments print their transcripts: "President of Norland Ana Ruiz: …", "Minister for Ports Piet
 * Dale:Thank you." (a space after the colon is not always there).
 */
const TITLED_MIXED_LABEL = new RegExp(
  `^((?:The\\s+)?${TITLES}(?:\\s+(?:of|the|for|and|\\p{Lu}[\\p{L}'.-]*))*?\\s+\\p{Lu}[\\p{Ll}'-]+(?:\\s+\\p{Lu}[\\p{Ll}'-]+){0,2})\\s*:\\s*(?=\\p{Lu}|["\u201c(])`,
  'u',
);

/** The time into a recording: "(00:41)", "[01:02:03]". */
const RECORDING_TIME = /^[([]?\d{1,2}:\d{2}(?::\d{2})?[)\]]?$/;

/** A label on a line of its own with only the time into the recording: "Ana Ruiz: (00:41)", as transcription services print it. */
const TIMESTAMPED_LABEL = /^((?:\p{Lu}[\p{Ll}'.-]+|\p{Lu}{2,})(?:\s+(?:\p{Lu}[\p{Ll}'.-]+|\p{Lu}{2,}|\d{1,2})){0,3})\s*:\s*[([]?\d{1,2}:\d{2}(?::\d{2})?[)\]]?$/u;

/** The label that opens a transcript's line, in any style the page uses, and how many characters it takes. */
function speakerLabel(folded: string, mixed = false): { label: string; length: number } | null {
  const mixedLabel = mixed ? (TITLED_MIXED_LABEL.exec(folded) ?? MIXED_SPEAKER_LABEL.exec(folded)) : null;
  const match = SPEAKER_LABEL.exec(folded) ?? PROSE_SPEAKER_LABEL.exec(folded) ?? (mixedLabel && !NOT_A_SPEAKER.test(mixedLabel[1]!) ? mixedLabel : null);
  return match ? { label: match[1]!.replace(/\s+/g, ' '), length: match[0].length } : null;
}

/** A reporter's question in a transcript: "Q:", "Q.", "QUESTION:". */
const QUESTION_LABEL = /^(?:Q|QUESTION|Question|Reporter|REPORTER|Journalist|JOURNALIST)$/;

/** A line a transcript's recorder adds: "(Laughter.)", "(As interpreted.)", "END 5:51 P.M.". */
const STAGE_DIRECTION = /^(?:\([^()]{1,60}\)|\[[^[\]]{1,200}\]|END\b.{0,40})$/;

/**
 * A title that names the kind of document rather than reporting anything: official pages head a
 * readout, a transcript or a statement this way. It is the page's title, not a claim.
 */
const DOCUMENT_TITLE =
  /^(?:(?:\p{Lu}[\p{L}\d.-]*\s+){0,5}(?:Leaders['\u2019]?|Summit|Ministers['\u2019]?)\s+(?:Joint\s+)?(?:Communiqu[eé]|Declaration|Statement)$)|^(?:\p{Lu}[\p{L}\d.'\u2019-]*\s+){0,6}Joint\s+(?:Communiqu[eé]|Declaration|Statement)(?:\s+(?:on|of|by|for)\s+(?:the\s+)?\p{Lu}.{0,80})?$|^.{1,60}:\s+(?:joint statement|joint declaration|fact sheet|readout)\b|^(?:readout of|(?:remarks|address|speech) (?:by|of|at|on|in|to|for|with|before|after|during|following|upon|prior to)|statement (?:by|from|of|on)|joint statement|press briefing|press conference|press gaggle|background press call|fact sheet|transcript of|highlights of|activities of|(?:noon|daily) briefing)\b|^.{1,80}['\u2019]s (?:press encounter|press conference|press remarks|remarks|statement|speech|address)(?:\s+(?:at|on|to|in|before|during|after)\b.*)?$/iu;

/**
 * A dateline at the head of a story's first paragraph: a place in capitals, perhaps a date and the
 * agency in brackets, then a dash: "LISBON -", "PORT ALDER, March 3 (Harbor Wire) -"; or the agency
 * between slashes: "PORT ALDER, March 3. /HARBOR WIRE/."; or a place as written with the agency in
 * brackets straight after it: "Port Alder, (Harbor Wire) -".
 */
const DATELINE_HEAD =
  String.raw`\p{Lu}[\p{Lu}.'-]+(?:\s+\p{Lu}[\p{Lu}.'-]+){0,3}(?:(?:,\s*[^()\-/]{1,40}?)?\s*(?:\([^)]{1,40}\)\s*)?-{1,2}|,\s*[^()\-/]{1,40}?\s*\/[^/]{2,40}\/\.?)` +
  String.raw`|\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2},\s*\([^)]{2,40}\)\s*-{1,2}`;
const LEADING_DATELINE = new RegExp(String.raw`^(${DATELINE_HEAD})\s+(?=\p{Lu}|")`, 'u');
/** A dateline on a line of its own, the story below it: "PORT ALDER, March 3 -". */
const DATELINE_LINE = new RegExp(`^(?:${DATELINE_HEAD})$`, 'u');

/** Lines at the top of a page where its masthead and title stand. */
const TOP_LINES = 5;

/**
 * A masthead: the page's owner on the first line, in capitals ("THE HARBOUR DAILY"), named as a news
 * outlet is ("The Lakeshore Herald", "Harbour Wire"), or by its web address ("HarbourNews.com").
 */
const MASTHEAD =
  /^(?:(?:[A-Z][A-Z&'.-]*)(?:\s+[A-Z][A-Z&'.-]*){0,2}|(?:The\s+)?(?:\p{Lu}[\p{L}&'.-]*\s+){0,3}(?:Herald|Times|Post|Daily|News|Journal|Tribune|Gazette|Telegraph|Guardian|Observer|Chronicle|Standard|Express|Mirror|Independent|Inquirer|Monitor|Shimbun|Ilbo|Wire|Press|Broadcasting)|\p{L}[\p{L}\d-]*\.(?:com|net|org|info|news|co(?:\.\p{Ll}{2})?|\p{Ll}{2}))$/u;

/** Where remarks were given, in the lines above the time a transcript stamps: "Harbour Hall" / "Port Alder, Norland" / "11:29 A.M. EDT". */
const PLACE_LINE = /^(?:\p{Lu}[\p{L}.'-]*)(?:,?\s+\p{Lu}[\p{L}.'-]*){0,6}$/u;
const PLACE_LINES_ABOVE_TIME = 2;

function isPlaceAboveTime(lines: Line[], index: number): boolean {
  for (let next = index; next < index + PLACE_LINES_ABOVE_TIME && next < lines.length; next += 1) {
    if (!PLACE_LINE.test(foldPunctuation(lines[next]!.text))) return false;
    if (TIME_STAMP.test(lines[next + 1]?.text ?? '')) return true;
  }
  return false;
}

/** A label that opens with a title or honorific names a person: "SECRETARY KERRY", "MS. LEE". */
const TITLED_LABEL = new RegExp(`^(?:THE\\s+)?${TITLES}(?:\\.?\\s+\\S|$)`, 'i');

/** A label that names a role, not a person, as a briefing on background does: "SENIOR OFFICIAL:", "MODERATOR:". */
const ROLE_LABEL = /^(?:[A-Z][A-Z'-]*\s+){0,3}(?:OFFICIAL|MODERATOR|OPERATOR|SPOKESPERSON|SPOKESMAN|SPOKESWOMAN|INTERPRETER|PARTICIPANT)$/;

/**
 * Whether a page uses labels in ordinary capitals: one opens two lines or more, and another asks a
 * question; or two lines or more carry a label with an office in full, or a label and a time alone.
 */
function usesMixedLabels(lines: Line[]): boolean {
  const counts = new Map<string, number>();
  const asking = new Set<string>();
  let titledOrTimed = 0;
  for (const line of lines) {
    const folded = foldPunctuation(line.text);
    if (TITLED_MIXED_LABEL.test(folded) || TIMESTAMPED_LABEL.test(folded)) titledOrTimed += 1;
    const label = MIXED_SPEAKER_LABEL.exec(folded)?.[1];
    if (label === undefined || NOT_A_SPEAKER.test(label)) continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    if (/\?["'\u201d\u2019)]*$/.test(folded.trim())) asking.add(label);
  }
  if (titledOrTimed >= 2) return true;
  // A spokesperson answers someone who asks; a dateline ("Port Alder: …") printed twice asks nothing.
  return [...counts].some(([label, count]) => count >= 2 && [...asking].some((asker) => asker !== label));
}

/**
 * A page is a transcript when at least two of its lines open with a speaker label, or one does with a
 * titled label (the remarks of one speaker): a capitalised word and colon ("UPDATE: …",
 * "BREAKING NEWS: …") is a heading, not a turn.
 */
function isTranscript(lines: Line[], mixed: boolean): boolean {
  const labels = lines
    .map((line) => foldPunctuation(line.text))
    .map((folded) => speakerLabel(folded.slice(leadingTime(folded, mixed)), mixed)?.label)
    .filter((label) => label !== undefined);
  return labels.length >= 2 || labels.some((label) => TITLED_LABEL.test(label) || ROLE_LABEL.test(label));
}

/**
 * The labels of those who ask: "Q" and its kin, and any label most of whose turns end in a question
 * (the outlets a spokesperson answers, "HTV: … What is your comment?").
 */
function askingLabels(lines: Line[], mixed: boolean): Set<string> {
  const turns = new Map<string, { turns: number; asking: number }>();
  let current: { label: string; last: string } | null = null;
  const close = () => {
    if (current === null) return;
    const counts = turns.get(current.label) ?? { turns: 0, asking: 0 };
    counts.turns += 1;
    if (/\?["'\u201d\u2019)]*$/.test(current.last)) counts.asking += 1;
    turns.set(current.label, counts);
  };
  for (const line of lines) {
    const folded = foldPunctuation(line.text);
    const rest = folded.slice(leadingTime(folded, mixed));
    const label = speakerLabel(rest, mixed);
    if (label) {
      close();
      current = { label: label.label, last: rest.slice(label.length).trim() };
    } else if (current !== null && !STAGE_DIRECTION.test(folded)) current.last = folded.trim();
  }
  close();
  return new Set([...turns].filter(([label, { turns: count, asking }]) => QUESTION_LABEL.test(label) || asking * 2 > count).map(([label]) => label));
}

/** "Headline – Outlet Name": a short title-cased tail after a dash or bar names the publisher. */
export const PUBLISHER_SUFFIX = /\s+[-|]\s+((?:\p{Lu}[\p{L}.&']*)(?:\s+\p{Lu}[\p{L}.&']*){0,4})(?:\s*\(\d{4}\))?$/u;

/** "Title | Site | Title": some sites print the title again after their name. */
const TITLE_SITE_TITLE = /^(.+?)(\s+[-|]\s+(.+?)\s+[-|]\s+)\1$/u;

/** Where a title's publisher suffix begins, and the publisher it names: "Readout of … | The Harbour Office". */
export function publisherSuffix(folded: string): { index: number; publisher: string } | null {
  const repeated = TITLE_SITE_TITLE.exec(folded);
  if (repeated) return { index: repeated[1]!.length, publisher: repeated[3]! };
  const match = PUBLISHER_SUFFIX.exec(folded);
  return match ? { index: match.index, publisher: match[1]! } : null;
}

function splitHeadline(line: Line): { headline: Segment; suffix: Boilerplate | null } {
  const match = publisherSuffix(foldPunctuation(line.text));
  if (!match) return { headline: { ...line, isHeadline: true }, suffix: null };
  const cut = line.start + match.index;
  return {
    headline: { start: line.start, end: cut, text: line.text.slice(0, match.index), isHeadline: true },
    suffix: { start: cut, end: line.end, text: line.text.slice(match.index), reason: 'publisher-suffix' },
  };
}

/**
 * Separates an article's reporting from page furniture. Every removed line is returned with its
 * reason, so nothing is silently dropped and the API can show what was removed.
 */
export function cleanArticle(raw: string): CleanArticle {
  const lines = splitLines(raw);
  const segments: Segment[] = [];
  const boilerplate: Boilerplate[] = [];
  let headlineText: string | null = null;
  let inFooter = false;
  // Reporting has begun: no headline, kicker or masthead comes after it.
  let bodySeen = false;
  // After "Related stories", headline-shaped lines are other articles' headlines until reporting resumes.
  let inRelatedList = false;
  const mixed = usesMixedLabels(lines);
  const transcript = isTranscript(lines, mixed);
  const asking = transcript ? askingLabels(lines, mixed) : new Set<string>();
  const teasers = teaserLines(lines);
  // The label whose turn the current line belongs to: a turn runs on over unlabelled lines.
  let turn: string | undefined;

  lines.forEach((whole, index) => {
    let line = whole;
    if (transcript) {
      const timeLength = leadingTime(foldPunctuation(line.text), mixed);
      if (timeLength > 0) {
        const time = line.text.slice(0, timeLength).trimEnd();
        boilerplate.push({ start: line.start, end: line.start + time.length, text: time, reason: 'date-stamp' });
        line = { start: line.start + timeLength, end: line.end, text: line.text.slice(timeLength) };
      }
      const label = speakerLabel(foldPunctuation(line.text), mixed);
      if (label) {
        const labelEnd = label.length;
        boilerplate.push({ start: line.start, end: line.start + labelEnd, text: line.text.slice(0, labelEnd), reason: 'speaker-label' });
        turn = label.label;
        line = { start: line.start + labelEnd, end: line.end, text: line.text.slice(labelEnd) };
        // The time into the recording a transcription service prints after the label.
        if (RECORDING_TIME.test(line.text)) {
          boilerplate.push({ ...line, reason: 'date-stamp' });
          return;
        }
      } else if (STAGE_DIRECTION.test(line.text)) {
        boilerplate.push({ ...line, reason: 'stage-direction' });
        return;
      }
      // Reporters' questions ask rather than report, however long the turn.
      if (turn !== undefined && asking.has(turn)) {
        boilerplate.push({ ...line, reason: 'transcript-question' });
        return;
      }
    }
    const folded = foldPunctuation(line.text);
    if (index === 0 && MASTHEAD.test(folded)) {
      boilerplate.push({ ...line, reason: 'masthead' });
      return;
    }
    if (index < TOP_LINES && !bodySeen && (isPlaceAboveTime(lines, index) || DATELINE_LINE.test(folded.trim()))) {
      boilerplate.push({ ...line, reason: 'dateline' });
      return;
    }
    if (index < TOP_LINES && DOCUMENT_TITLE.test(folded) && looksLikeHeadline(line.text)) {
      boilerplate.push({ ...line, reason: 'document-title' });
      // It is the page's title: no later line is taken for the headline.
      headlineText ??= line.text;
      return;
    }
    if (teasers.has(index)) {
      boilerplate.push({ ...line, reason: 'site-chrome' });
      return;
    }
    const furniture = FURNITURE.find(([, pattern]) => pattern.test(folded));
    if (furniture) {
      boilerplate.push({ ...line, reason: furniture[0] });
      if (FOOTER_OPENERS.has(furniture[0]) && index >= lines.length / 2) inFooter = true;
      if (RELATED_LIST.test(folded)) inRelatedList = true;
      return;
    }
    if (inRelatedList && !TERMINAL.test(folded)) {
      boilerplate.push({ ...line, reason: 'unrelated-headline' });
      return;
    }
    inRelatedList = false;
    // Above the headline, a line of a word or two is a section label or the site's name ("Opinion", "WORLD"),
    // and a line opening with a bullet is an item of the site's menu ("• Latest").
    if (!bodySeen && headlineText === null && !TERMINAL.test(folded) && (wordsOf(folded).length <= 2 || LIST_BULLET.test(folded))) {
      boilerplate.push({ ...line, reason: 'site-chrome' });
      return;
    }
    if (inFooter && !TERMINAL.test(folded) && wordsOf(folded).length <= 6) {
      boilerplate.push({ ...line, reason: 'site-chrome' });
      return;
    }
    if (!bodySeen && headlineText === null && looksLikeHeadline(line.text)) {
      const { headline, suffix } = splitHeadline(line);
      headlineText = headline.text;
      segments.push(headline);
      if (suffix) boilerplate.push(suffix);
      return;
    }
    // Between the headline and the story, an unfinished line that gives a date is the page's header: when and
    // where the document was issued, its number, when it was updated.
    if (headlineText !== null && !bodySeen && turn === undefined && !TERMINAL.test(folded) && STATED_DATE.test(folded)) {
      boilerplate.push({ ...line, reason: 'dateline' });
      return;
    }
    if (headlineText !== null && PRESENT_TENSE_CAPTION.test(folded)) {
      boilerplate.push({ ...line, reason: 'photo-caption' });
      return;
    }
    if (headlineText !== null && line.text === headlineText) {
      boilerplate.push({ ...line, reason: 'repeated-headline' });
      return;
    }
    if (isTitleCase(folded) && !TERMINAL.test(folded)) {
      boilerplate.push({ ...line, reason: 'unrelated-headline' });
      return;
    }
    // A short line with no stop between two finished paragraphs is a subheading in sentence case.
    if (bodySeen && turn === undefined && isSubheading(lines, index, folded)) {
      boilerplate.push({ ...line, reason: 'subheading' });
      return;
    }
    // A link to another story that a page's scraper glued onto the end of a paragraph.
    const teaser = GLUED_TEASER.exec(folded);
    if (teaser) {
      const paragraphEnd = teaser[1]!.length;
      const teaserStart = paragraphEnd + (line.text.slice(paragraphEnd).length - line.text.slice(paragraphEnd).trimStart().length);
      boilerplate.push({ start: line.start + teaserStart, end: line.end, text: line.text.slice(teaserStart), reason: 'site-chrome' });
      line = { start: line.start, end: line.start + paragraphEnd, text: line.text.slice(0, paragraphEnd) };
    }
    // A wire story's first paragraph opens with where (and when) it was filed: "LISBON, March 3 (Harbor Wire) - …".
    const dateline = !bodySeen && !transcript ? LEADING_DATELINE.exec(folded) : null;
    if (dateline) {
      const length = dateline[0].length;
      boilerplate.push({ start: line.start, end: line.start + dateline[1]!.length, text: line.text.slice(0, dateline[1]!.length), reason: 'dateline' });
      line = { start: line.start + length, end: line.end, text: line.text.slice(length) };
    }
    if (TERMINAL.test(folded)) bodySeen = true;
    segments.push({ ...line, isHeadline: false, ...(turn === undefined ? {} : { turn }) });
  });

  boilerplate.sort((a, b) => a.start - b.start);
  return { segments, boilerplate };
}
