const NON_ASCII = /[\u0080-\uffff]/g;

const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The same JSON text with every character outside ASCII written as a `\u` escape (RFC 8259 §7), so
 * every answer is pure ASCII: it parses to exactly the same values, a surrogate pair becomes two
 * escapes, and U+2028/U+2029 cannot break a client that evaluates JSON as JavaScript.
 *
 * Why: a client turns the bytes into a string before parsing, and V8 (Node, browsers) decodes ASCII
 * on a fast path but falls back to a full UTF-8 decode, into a string twice the size, for the whole
 * body as soon as one byte is not ASCII. The seeds' answers carry a handful of curly quotes and
 * dashes, and decoding a 16 KB source that holds 14 of them took 12.4 µs instead of 1.1 µs, for 42
 * more bytes (docs/performance.md). The server pays the escape once per cached answer.
 */
export function escapeNonAscii(json: string): string {
  return json.replace(NON_ASCII, escape);
}

/** JSON.stringify, ASCII only: for the answers no route schema serialises. */
export function stringifyAscii(value: unknown): string {
  return escapeNonAscii(JSON.stringify(value));
}
