/** Text helpers several stages share. */
import type { Sentence } from './types.js';

/** Typographic quotes and dashes folded to ASCII so one pattern matches every variant, one character for one. */
export function foldPunctuation(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/[\u00a0\u2009\u202f]/g, ' ');
}

/** Words in capitals as a reader would write them: "THE HARBOUR OFFICE" is "The Harbour Office". */
export function inOrdinaryCapitals(text: string): string {
  return text.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_whole, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * Titles, roles and honorifics written before a name: attribution names a speaker without them, and
 * the clean stage knows a transcript's speaker label by one ("SECRETARY KERRY:").
 */
export const TITLES =
  '(?:Secretary of State|Secretary of Defense|Minister of State|His Excellency|Her Excellency|H\\.E\\.|PM|Shri|Smt\\.|Smt|Sec\\.|Sen\\.|Rep\\.|Gov\\.|Gen\\.|Amb\\.|Pres\\.|Prof\\.|Prime Minister|Foreign Minister|Deputy Minister|Foreign Secretary|Executive Secretary|Special Envoy|Special Presidential Envoy|Envoy|Minister|President|Vice President|Chancellor|Premier|Secretary-General|Secretary General|Secretary|Ambassador|Senator|Representative|Governor|Mayor|Councillor|Councilor|Commissioner|General|Admiral|Spokesperson|Spokesman|Spokeswoman|Director|Chairman|Chairwoman|Chair|Professor|National Security Advisor|National Security Adviser|Press Secretary|Crown Prince|King|Queen|Emir|Sheikh|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|Dr|Mr|Mrs|Ms)';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Reads a stated date ("Nov 17, 2023", "17 November 2023", "2023-11-17") as an ISO day, else null. */
export function parseStatedDate(text: string): string | null {
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthFirst = /\b([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})/i.exec(text);
  const dayFirst = /\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})/i.exec(text);
  const parts = monthFirst
    ? { month: monthFirst[1]!, day: monthFirst[2]!, year: monthFirst[3]! }
    : dayFirst
      ? { month: dayFirst[2]!, day: dayFirst[1]!, year: dayFirst[3]! }
      : null;
  if (!parts) return null;
  return validDay(Number(parts.year), MONTHS.indexOf(parts.month.toLowerCase()) + 1, Number(parts.day));
}

const MONTH_NAME = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)`;
/** "May 12", "Sept. 9" or "12 May", with no year after it. */
const YEARLESS_DATE = new RegExp(String.raw`\b(?:(${MONTH_NAME})\s+(\d{1,2})|(\d{1,2})\s+(${MONTH_NAME}))\b(?!,?\s+\d{4})`, 'g');

/** Days a text states by month and day alone, as news of the day dates what it reports: "met on May 12". */
export function yearlessDays(text: string): Array<{ month: number; day: number }> {
  const days: Array<{ month: number; day: number }> = [];
  for (const match of text.matchAll(YEARLESS_DATE)) {
    const month = MONTHS.indexOf((match[1] ?? match[4])!.slice(0, 3).toLowerCase()) + 1;
    const day = Number(match[2] ?? match[3]);
    // A leap year admits 29 February.
    if (validDay(2000, month, day) !== null) days.push({ month, day });
  }
  return days;
}

/** The ISO day, or null when no such day exists (month 13, 31 February). */
function validDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A line that carries on a sentence broken over several lines: the line before has no closing
 * punctuation, and this one opens in lower case or with a quotation mark.
 */
export function continuesSentence(previous: Sentence | undefined, sentence: Sentence): boolean {
  if (!previous || previous.isHeadline) return false;
  const before = foldPunctuation(previous.text).trimEnd();
  const text = foldPunctuation(sentence.text).trimStart();
  return !/[.!?]["']?$/.test(before) && /^(?:\p{Ll}|")/u.test(text);
}
