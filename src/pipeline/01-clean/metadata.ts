import { getDomain } from 'tldts';
import type { ArticleMetadata, CleanArticle } from '../types.js';
import { foldPunctuation, inOrdinaryCapitals, parseStatedDate } from '../text.js';
import { publisherSuffix } from './index.js';


/** A credit that names a newsroom, not a person: its last word says what kind of outlet it is. */
const NEWSROOM = /\s(?:News|Wire|Press|Agency|Staff|Desk|Service|Services|Newsroom|Bureau)$/;

/** Placeholder names that content systems print where no person is credited. */
const NOT_A_PERSON = /^(?:admin|administrator|staff|editor|editorial team|web desk|news desk|guest)$/i;

/** The owner a copyright footer names, with the stop of a company's abbreviated form ("Harbor Media Inc."). */
const COPYRIGHT_OWNER = /^(?:\u00a9|[Cc]opyright|COPYRIGHT)\s*(?:\u00a9\s*)?\d{4}(?:\s*[-\u2013]\s*\d{4})?,?\s+((?:[Tt]he\s+)?\p{Lu}[\p{L}&'-]*(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}&'-]*){0,5}(?:(?<=\b(?:Inc|Ltd|Corp|Co|Plc))\.)?)/u;

/** A place in capitals, an optional region, a date with its year, an optional credit, then a dash. */
const DATELINE = /^\p{Lu}[\p{Lu} .'-]+,\s*(?:\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?,\s*)?((?:\p{L}+\.?\s+\d{1,2},?\s+|\d{1,2}\s+\p{L}+\.?,?\s+)\d{4})\s*(?:\([^)]{1,40}\)\s*)?[-:]/u;

/** Datelines open a story: only its first few pieces are read for one. */
const DATELINE_SEGMENTS = 3;

/**
 * How strongly a line names the page's publisher: the site's own name in its title, masthead, byline
 * or footer first; a one-word masthead in capitals, which may as well be a section ("WORLD"), after
 * those; then what credits the story's origin, which a republishing site keeps: "Source: …", a wire
 * dateline's agency, "Press release: …", then the site's banner ("Official website of …"); and when
 * the page says none of these, the site of the address it was posted from.
 */
const PUBLISHER_EVIDENCE = { site: 0, oneWordMasthead: 1, credit: 2, banner: 3, address: 4 } as const;

/**
 * The site an address belongs to, as its registered name ("https://www.harbour.example/news/1" →
 * "harbour.example"; a blog host's own sites stay apart: "ana.blogs.example" if the host is listed as
 * one): the name a reader would give the publisher when the page names none. Null for an address with
 * no registered name (an IP address, "localhost").
 */
export function siteOfAddress(url: string): string | null {
  return getDomain(url, { allowPrivateDomains: true });
}

/** "Source: Harbour Office – English": who the story comes from, without the language of the copy. */
const SOURCE_CREDIT = /^(?:source|via|press release)\s*:\s*(.{1,80}?)(?:\s+[-\u2013|]\s+(?:English|Fran\u00e7ais|Espa\u00f1ol|Deutsch|Portugu\u00eas|Italiano|Русский|中文|العربية))?$/iu;
/**
 * An agency credited in a dateline: "PORT ALDER, March 3 (Harbor Wire) -", "PORT ALDER, March 3. /HARBOR WIRE/.",
 * "Port Alder, (Harbor Wire) -".
 */
const DATELINE_AGENCY = /^\p{Lu}[\p{Lu} .'-]+,[^()/]{0,40}?(?:\(([^)]{2,40})\)\s*[-\u2013]|\/\s*([^/]{2,40}?)\s*\/\.?)|^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2},\s*\(([^)]{2,40})\)\s*[-\u2013]/u;
/** A site's banner naming itself: "Official website of the Harbour Office". */
const SITE_BANNER = /^(?:an?\s+|the\s+)?(official (?:web)?site of\b.{1,80})$/i;
/** Agencies that write their name in capitals in a dateline ("/HARBOR WIRE/") and nowhere else in it. */
const inCapitalsAsWritten = (name: string) => (name === name.toUpperCase() && name.length > 5 ? inOrdinaryCapitals(name) : name);

/**
 * Title, publisher, author and date, only where the page itself states them, or for the publisher,
 * where the address it was posted from (`url`) does.
 */
export function extractMetadata(clean: CleanArticle, url?: string | null): ArticleMetadata {
  const headline = clean.segments.find((segment) => segment.isHeadline);
  const publishers: Array<{ evidence: number; name: string }> = [];
  const publisherFrom = (evidence: number, name: string | null | undefined) => {
    if (name) publishers.push({ evidence, name });
  };
  let author: string | null = null;
  let publishedAt: string | null = null;
  let documentTitle: string | null = null;
  const bodyStart = clean.segments.find((segment) => !segment.isHeadline)?.start ?? Infinity;

  for (const line of clean.boilerplate) {
    const text = foldPunctuation(line.text);
    // The site's name, before any repeat of the title after it.
    if (line.reason === 'publisher-suffix') publisherFrom(PUBLISHER_EVIDENCE.site, text.replace(/^\s*[-|]\s*/, '').split(/\s+[-|]\s+/)[0]!.trim());
    // A masthead in capitals is read in ordinary capitals; a web address is kept as written.
    if (line.reason === 'masthead') {
      const oneWord = !/\s/.test(text.trim()) && text === text.toUpperCase();
      publisherFrom(oneWord ? PUBLISHER_EVIDENCE.oneWordMasthead : PUBLISHER_EVIDENCE.site, text === text.toUpperCase() ? inOrdinaryCapitals(text) : text);
    }
    if (line.reason === 'document-title') {
      // Without the site's name after a bar or dash, which names the publisher.
      // An official page's title ends with its owner: "Readout of … | The Harbour Office".
      const suffix = publisherSuffix(text);
      documentTitle ??= suffix ? line.text.slice(0, suffix.index) : line.text;
      publisherFrom(PUBLISHER_EVIDENCE.site, suffix?.publisher);
    }
    if (line.reason === 'social-link') {
      const followed = /^follow\s+(.+?)\s+on\s+\w+/i.exec(text);
      if (followed && !/^(?:us|me|them|him|her)$/i.test(followed[1]!.trim())) publisherFrom(PUBLISHER_EVIDENCE.site, followed[1]!.trim());
    }
    // A copyright footer names who publishes the page: "© 2023 Harbor Daily. All rights reserved."
    if (line.reason === 'site-chrome') {
      publisherFrom(PUBLISHER_EVIDENCE.site, COPYRIGHT_OWNER.exec(text)?.[1]?.trim());
      // A government's shared banner ("An official website of the … Government") names no one site.
      const banner = SITE_BANNER.exec(line.text.trim())?.[1];
      if (banner && !/\bgovernment\b/i.test(banner)) publisherFrom(PUBLISHER_EVIDENCE.banner, banner.replace(/^o/, 'O'));
    }
    // Above the story, a source credit presents the whole copy as that source's; below it, it credits a rewrite's origin.
    if (line.reason === 'credit-line' && line.start < bodyStart) publisherFrom(PUBLISHER_EVIDENCE.credit, SOURCE_CREDIT.exec(line.text.trim())?.[1]?.trim());
    if (line.reason === 'dateline') {
      const agency = DATELINE_AGENCY.exec(text);
      publisherFrom(PUBLISHER_EVIDENCE.credit, agency ? inCapitalsAsWritten((agency[1] ?? agency[2] ?? agency[3])!.trim()) : null);
    }
    if (line.reason === 'byline') {
      const name = text.replace(/^by\s+/i, '').trim();
      // "By Harbour News": a newsroom credited by name publishes the story; no person wrote it.
      if (NEWSROOM.test(name)) {
        publisherFrom(PUBLISHER_EVIDENCE.site, name);
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
  if (url) publisherFrom(PUBLISHER_EVIDENCE.address, siteOfAddress(url));
  const strongest = Math.min(...publishers.map((candidate) => candidate.evidence));
  const publisher = publishers.find((candidate) => candidate.evidence === strongest)?.name ?? null;
  // A wire dateline that gives the year dates the story: "LISBON, March 3, 2024 (Harbor Wire) - …".
  const datelines = clean.boilerplate.filter((line) => line.reason === 'dateline');
  for (const segment of [...datelines, ...clean.segments.slice(0, DATELINE_SEGMENTS)]) {
    if (publishedAt !== null) break;
    const dateline = DATELINE.exec(foldPunctuation(segment.text));
    if (dateline) publishedAt = parseStatedDate(dateline[1]!);
  }
  return { title: documentTitle ?? headline?.text ?? null, publisher, author, publishedAt };
}
