/** Text helpers several stages share. */

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
