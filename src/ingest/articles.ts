import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Articles are news pages, not books: anything larger is a mistake or an attack. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

export type ArticleRead =
  | { ok: true; path: string; fileName: string; text: string }
  | { ok: false; path: string; fileName: string; reason: string };

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
