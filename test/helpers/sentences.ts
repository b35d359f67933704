import type { Sentence } from '../../src/pipeline/types.js';

/** Sentences one per line, each at its own place in the text, as the splitter gives them. */
export function laidOut(texts: string[]): Sentence[] {
  let at = 0;
  return texts.map((text) => {
    const placed = { start: at, end: at + text.length, text, isHeadline: false };
    at += text.length + 1;
    return placed;
  });
}
