import { html, Html, text as escaped } from './html.js';

export type Span = { start: number; end: number };

/** Characters of the text to wrap in markup: a claim, a removed line, the words carrying a variant. */
export type Highlight = Span & {
  wrap: (inner: Html) => Html;
  /** Highlights inside this one, wrapped within it. */
  inner?: Highlight[];
};

/**
 * The text from `from` to `to`, escaped, with each highlight's characters wrapped: the wrapped text is
 * the source's own, character for character, so `textContent` of the result is `text.slice(from, to)`.
 * Highlights outside the range, empty ones and one that starts inside an earlier one are left out:
 * claims and removed lines never overlap in one article.
 */
export function highlight(text: string, from: number, to: number, highlights: readonly Highlight[]): Html {
  const inRange = highlights.filter((mark) => mark.start >= from && mark.end <= to && mark.start < mark.end);
  inRange.sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: Html[] = [];
  let at = from;
  for (const mark of inRange) {
    if (mark.start < at) continue;
    parts.push(escaped(text.slice(at, mark.start)), mark.wrap(highlight(text, mark.start, mark.end, mark.inner ?? [])));
    at = mark.end;
  }
  parts.push(escaped(text.slice(at, to)));
  return html`${parts}`;
}

/** A paragraph longer than this is cut to the lines around the span instead. */
const MAX_EXCERPT = 1500;

/**
 * The part of the article a span sits in: its paragraph, from the blank line before it to the blank
 * line after it (the lines around it when paragraphs are not separated by blank lines).
 */
export function excerptAround(text: string, span: Span): Span {
  const paragraph = around(text, span, '\n\n');
  return paragraph.end - paragraph.start <= MAX_EXCERPT ? paragraph : around(text, span, '\n');
}

function around(text: string, span: Span, separator: string): Span {
  const before = span.start > 0 ? text.lastIndexOf(separator, span.start - 1) : -1;
  const after = text.indexOf(separator, span.end);
  return { start: before < 0 ? 0 : Math.min(before + separator.length, span.start), end: after < 0 ? text.length : after };
}

/** Excerpts that overlap or touch become one, in text order. */
export function mergeExcerpts(excerpts: readonly Span[]): Span[] {
  const sorted = [...excerpts].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const excerpt of sorted) {
    const last = merged.at(-1);
    if (last && excerpt.start <= last.end) last.end = Math.max(last.end, excerpt.end);
    else merged.push({ ...excerpt });
  }
  return merged;
}
