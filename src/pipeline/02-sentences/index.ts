import { sentencesOf } from '../nlp.js';
import type { Segment, Sentence, Span } from '../types.js';

/**
 * Splits reporting segments into sentences with wink-nlp. Segments never merge: a line break is a
 * hard boundary, and a headline stays one sentence. Spans index into the raw article text.
 */
export function splitSentences(segments: Segment[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const segment of segments) {
    if (segment.isHeadline) {
      sentences.push({ start: segment.start, end: segment.end, text: segment.text, isHeadline: true });
      continue;
    }
    let cursor = 0;
    let pending: Span | null = null;
    for (const found of sentencesOf(segment.text)) {
      const text = found.trim();
      if (!text) continue;
      const at = segment.text.indexOf(text, cursor);
      // wink-nlp re-joins tokens with their original spacing, so the text is normally found verbatim.
      // Some rare characters come back changed; the rest of the segment is then kept as one sentence,
      // so every span still slices its text out of the source.
      if (at < 0) {
        const rest = segment.text.slice(pending?.start ?? cursor);
        const start = (pending?.start ?? cursor) + (rest.length - rest.trimStart().length);
        if (rest.trim()) sentences.push(toSentence(segment, { start, end: start + rest.trim().length }));
        pending = null;
        break;
      }
      cursor = at + text.length;
      const previous = sentences.at(-1);
      // "…close." and left the room: wink ends the sentence at the quote; a lowercase start says it went on.
      if (!pending && /^\p{Ll}/u.test(text) && previous && previous.start >= segment.start && /["\u201d]$/.test(previous.text)) {
        sentences[sentences.length - 1] = toSentence(segment, { start: previous.start - segment.start, end: cursor });
        continue;
      }
      // "the Lisbon-U.K. talks": wink can cut inside a dotted abbreviation; sentences are always
      // separated by a space, so a cut with none between is no boundary.
      if (!pending && previous && previous.start >= segment.start && previous.end === segment.start + at) {
        sentences[sentences.length - 1] = toSentence(segment, { start: previous.start - segment.start, end: cursor });
        continue;
      }
      // "the U.S. One China policy": wink ends a sentence at dotted initials; a next word that is no
      // sentence opener says the sentence went on.
      if (!pending && previous && previous.start >= segment.start && endsWithInitials(previous.text) && !opensSentence(text)) {
        sentences[sentences.length - 1] = toSentence(segment, { start: previous.start - segment.start, end: cursor });
        continue;
      }
      const span: Span = { start: pending?.start ?? at, end: cursor };
      // A full stop inside a quotation does not end the reporting sentence around it.
      if (quoteIsOpen(segment.text.slice(span.start, span.end))) {
        pending = span;
        continue;
      }
      pending = null;
      sentences.push(toSentence(segment, span));
    }
    if (pending) sentences.push(toSentence(segment, pending));
  }
  return sentences;
}

function endsWithInitials(text: string): boolean {
  return /(?:^|[\s(-])(?:\p{Lu}\.){2,}$/u.test(text);
}

/** Words that typically open a new sentence after an abbreviation such as "U.S.". */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'but', 'and', 'or',
  'so', 'yet', 'in', 'on', 'at', 'for', 'after', 'before', 'when', 'while', 'as', 'if', 'there', 'its', 'his', 'her',
  'their', 'our', 'both', 'however', 'meanwhile', 'still', 'also', 'then', 'since', 'although', 'during',
]);

function opensSentence(text: string): boolean {
  const first = /^["\u201c]?([\p{L}']+)/u.exec(text)?.[1];
  return first === undefined || !/^\p{Lu}/u.test(first) || SENTENCE_OPENERS.has(first.toLowerCase());
}

function toSentence(segment: Segment, span: Span): Sentence {
  return {
    start: segment.start + span.start,
    end: segment.start + span.end,
    text: segment.text.slice(span.start, span.end),
    isHeadline: false,
    ...(segment.turn === undefined ? {} : { turn: segment.turn }),
  };
}

/**
 * True when the text leaves a quotation open. Pages mix curly and straight marks (even “…" pairs),
 * so all marks share one state: “ opens, ” closes, and a straight mark toggles.
 */
export function quoteIsOpen(text: string): boolean {
  let open = false;
  for (const char of text) {
    if (char === '\u201c') open = true;
    else if (char === '\u201d') open = false;
    else if (char === '"') open = !open;
  }
  return open;
}

