import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Articles are news pages, not books: anything larger is a mistake or an attack. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

export type ArticleRead =
  | { ok: true; path: string; fileName: string; text: string }
  | { ok: false; path: string; fileName: string; reason: string };

/**
 * The tokenizer takes time quadratic in the length of a run of characters without whitespace: one run
 * of 20,000 takes 0.3 s, of a million many minutes. Prose never has one this long (a long URL is a few
 * hundred characters), so a longer run marks the text as not an article.
 */
export const MAX_UNBROKEN_RUN = 1000;
const UNBROKEN_RUN = new RegExp(`\\S{${MAX_UNBROKEN_RUN + 1}}`);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why bytes cannot be an article, or null when they can. */
export function articleProblem(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_ARTICLE_BYTES) return `too large: ${bytes.length} bytes, the limit is ${MAX_ARTICLE_BYTES}`;
  if (bytes.includes(0)) return 'binary: contains NUL bytes';
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return 'binary: not valid UTF-8 text';
  }
  if (!text.trim()) return 'empty: no text';
  if (UNBROKEN_RUN.test(text)) return `not prose: more than ${MAX_UNBROKEN_RUN} characters without whitespace`;
  return null;
}

export function readArticle(path: string): ArticleRead {
  const fileName = basename(path);
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_ARTICLE_BYTES) {
      return { ok: false, path, fileName, reason: `too large: the limit is ${MAX_ARTICLE_BYTES} bytes` };
    }
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, path, fileName, reason: `unreadable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  const problem = articleProblem(bytes);
  return problem ? { ok: false, path, fileName, reason: problem } : { ok: true, path, fileName, text: utf8.decode(bytes) };
}

/** Expands directories to their `.txt` files in name order; files named directly are kept as given. */
export function articlePaths(paths: string[]): string[] {
  return paths.flatMap((path) => {
    try {
      if (statSync(path).isDirectory()) {
        return readdirSync(path)
          .filter((name) => name.endsWith('.txt'))
          .sort()
          .map((name) => join(path, name));
      }
    } catch {
      // A missing path is reported when it is read.
    }
    return [path];
  });
}
