import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const GoldClaimSchema = z.object({
  text: z.string().min(1),
  topics: z.array(z.string()),
  speaker: z.string().nullable(),
  quote: z.string().nullable(),
  facts: z.array(z.string()),
});

const GoldSourceSchema = z.object({
  file: z.string(),
  /** False for a document on another subject: none of its claims belongs in the default lists. */
  aboutEvent: z.boolean().default(true),
  metadata: z.object({
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    author: z.string().nullable(),
    publishedAt: z.string().nullable(),
  }),
  noise: z.array(z.string()),
  claims: z.array(GoldClaimSchema),
});

/** Sources that word one fact differently: each value is a stretch of a claim that carries the fact. */
const GoldDiscrepancySchema = z.object({
  fact: z.string(),
  kind: z.string(),
  values: z.array(z.object({ file: z.string(), text: z.string().min(1) })).min(2),
});
export type GoldDiscrepancy = z.infer<typeof GoldDiscrepancySchema>;

/** The gold's discrepancies, from `discrepancies.json` in the gold folder or beside it; none when there is no file. */
export function loadDiscrepancies(goldDir: string): GoldDiscrepancy[] {
  const path = [join(goldDir, 'discrepancies.json'), join(goldDir, '..', 'discrepancies.json')].find((candidate) => existsSync(candidate));
  return path === undefined ? [] : z.array(GoldDiscrepancySchema).parse(JSON.parse(readFileSync(path, 'utf8')));
}

export type GoldClaim = z.infer<typeof GoldClaimSchema> & { start: number; end: number };
export type GoldSource = Omit<z.infer<typeof GoldSourceSchema>, 'claims' | 'noise'> & {
  text: string;
  claims: GoldClaim[];
  noise: Array<{ text: string; start: number; end: number }>;
};

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Reads the gold annotation and places every claim and noise line in its article. A text that
 * occurs twice (a headline repeated as page furniture) is a claim at its first free occurrence that
 * no longer noise line holds, and noise at an occurrence no claim took.
 */
export function loadGold(goldDir: string, articlesDir: string): GoldSource[] {
  return readdirSync(goldDir)
    .filter((name) => /^\d+_.*\.json$/.test(name))
    .sort()
    .map((name) => {
      const gold = GoldSourceSchema.parse(JSON.parse(readFileSync(join(goldDir, name), 'utf8')));
      const text = readFileSync(join(articlesDir, gold.file), 'utf8');
      const taken = new Set<number>();
      // A claim repeated inside a longer noise line (a feed's excerpt of the story) is the claim where it is not noise.
      const longNoise = gold.noise.flatMap((line) => occurrences(text, line).map((at) => ({ start: at, end: at + line.length })));
      const insideNoise = (at: number, length: number) => longNoise.some((span) => span.end - span.start > length && span.start <= at && at + length <= span.end);
      const claims = gold.claims.map((claim) => {
        const start = occurrences(text, claim.text).find((at) => !taken.has(at) && !insideNoise(at, claim.text.length));
        if (start === undefined) throw new Error(`${name}: claim not found in ${gold.file}: ${claim.text}`);
        taken.add(start);
        return { ...claim, start, end: start + claim.text.length };
      });
      const noise = gold.noise.map((line) => {
        const start = occurrences(text, line).find((at) => !taken.has(at));
        if (start === undefined) throw new Error(`${name}: noise line not found in ${gold.file}: ${line}`);
        taken.add(start);
        return { text: line, start, end: start + line.length };
      });
      return { ...gold, text, claims, noise };
    });
}
