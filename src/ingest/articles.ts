import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { articleProblem, MAX_ARTICLE_BYTES } from '../data-layout.js';

export type ArticleRead =
  | { ok: true; path: string; fileName: string; text: string }
  | { ok: false; path: string; fileName: string; reason: string };

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
  return problem ? { ok: false, path, fileName, reason: problem } : { ok: true, path, fileName, text: bytes.toString('utf8') };
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
