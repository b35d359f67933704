import type { ArticleMetadata, CleanArticle } from '../types.js';
import { foldPunctuation, inOrdinaryCapitals, parseStatedDate } from '../text.js';
import { publisherSuffix } from './index.js';


/** A credit that names a newsroom, not a person: its last word says what kind of outlet it is. */
const NEWSROOM = /\s(?:News|Wire|Press|Agency|Staff|Desk|Service|Services|Newsroom|Bureau)$/;

/** Placeholder names that content systems print where no person is credited. */
const NOT_A_PERSON = /^(?:admin|administrator|staff|editor|editorial team|web desk|news desk|guest)$/i;

const COPYRIGHT_OWNER = /^(?:\u00a9|[Cc]opyright|COPYRIGHT)\s*(?:\u00a9\s*)?\d{4}(?:\s*[-\u2013]\s*\d{4})?,?\s+((?:[Tt]he\s+)?\p{Lu}[\p{L}&'-]*(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}&'-]*){0,5})/u;

/** A place in capitals, an optional region, a date with its year, an optional credit, then a dash. */
const DATELINE = /^\p{Lu}[\p{Lu} .'-]+,\s*(?:\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?,\s*)?((?:\p{L}+\.?\s+\d{1,2},?\s+|\d{1,2}\s+\p{L}+\.?,?\s+)\d{4})\s*(?:\([^)]{1,40}\)\s*)?[-:]/u;

/** Datelines open a story: only its first few pieces are read for one. */
const DATELINE_SEGMENTS = 3;

/** Title, publisher, author and date, only where the page itself states them. */
export function extractMetadata(clean: CleanArticle): ArticleMetadata {
  const headline = clean.segments.find((segment) => segment.isHeadline);
  let publisher: string | null = null;
  let author: string | null = null;
  let publishedAt: string | null = null;
  let documentTitle: string | null = null;

  for (const line of clean.boilerplate) {
    const text = foldPunctuation(line.text);
    // The site's name, before any repeat of the title after it.
    if (line.reason === 'publisher-suffix') publisher ??= text.replace(/^\s*[-|]\s*/, '').split(/\s+[-|]\s+/)[0]!.trim();
    // A masthead in capitals is read in ordinary capitals; a web address is kept as written.
    if (line.reason === 'masthead') publisher ??= text === text.toUpperCase() ? inOrdinaryCapitals(text) : text;
    if (line.reason === 'document-title') {
      // Without the site's name after a bar or dash, which names the publisher.
      // An official page's title ends with its owner: "Readout of … | The Harbour Office".
      const suffix = publisherSuffix(text);
      documentTitle ??= suffix ? line.text.slice(0, suffix.index) : line.text;
      publisher ??= suffix?.publisher ?? null;
    }
    if (line.reason === 'social-link') {
      const followed = /^follow\s+(.+?)\s+on\s+\w+/i.exec(text);
      if (followed && !/^(?:us|me|them|him|her)$/i.test(followed[1]!.trim())) publisher ??= followed[1]!.trim();
    }
    // A copyright footer names who publishes the page: "© 2023 Harbor Daily. All rights reserved."
    if (line.reason === 'site-chrome') {
      const owner = COPYRIGHT_OWNER.exec(text);
      if (owner) publisher ??= owner[1]!.trim();
    }
    if (line.reason === 'byline') {
      const name = text.replace(/^by\s+/i, '').trim();
      // "By Harbour News": a newsroom credited by name publishes the story; no person wrote it.
      if (NEWSROOM.test(name)) {
        publisher ??= name;
        continue;
      }
      // "By Harbour" alone credits a wire service or desk: a person is named in two words or more.
      if (!NOT_A_PERSON.test(name) && /\s/.test(name)) author ??= name;
    }
    if (line.reason === 'author-bio') {
      const name = /^(.+?)\s+(?:is|has been)\s+an?\s/.exec(text);
      if (name) author ??= name[1]!;
    }
    if (line.reason === 'date-stamp') publishedAt ??= parseStatedDate(text);
  }
  // A wire dateline that gives the year dates the story: "LISBON, March 3, 2024 (Harbor Wire) - …".
  const datelines = clean.boilerplate.filter((line) => line.reason === 'dateline');
  for (const segment of [...datelines, ...clean.segments.slice(0, DATELINE_SEGMENTS)]) {
    if (publishedAt !== null) break;
    const dateline = DATELINE.exec(foldPunctuation(segment.text));
    if (dateline) publishedAt = parseStatedDate(dateline[1]!);
  }
  return { title: headline?.text ?? documentTitle, publisher, author, publishedAt };
}
