import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLP>;

/** Both packages are CommonJS: required on first use, so a process that never extracts never loads the model. */
const require = createRequire(import.meta.url);

let loaded: { sentences: Nlp; words: Nlp } | null = null;

/**
 * wink-nlp instances, each running only the annotations its callers read: sentence splitting needs
 * sentence boundaries, word reading needs part-of-speech tags (lemmas depend on them). Named entities,
 * negation and sentiment would cost most of the time and nothing here reads them. Loaded on first use,
 * once per thread: loading the model is the expensive part (about 180 ms), and a process that imports
 * the pipeline starts its extraction threads before it needs the model itself.
 */
function nlp(): { sentences: Nlp; words: Nlp } {
  if (loaded) return loaded;
  const load = require('wink-nlp') as typeof winkNLP;
  const english = require('wink-eng-lite-web-model') as typeof model;
  return (loaded = { sentences: load(english, ['sbd']), words: load(english, ['pos']) });
}

/** Loads the model now rather than at the first text. */
export function loadLanguageModel(): void {
  nlp();
}

/** The sentences wink-nlp finds in a text, as it writes them back. */
export function sentencesOf(text: string): string[] {
  return nlp().sentences.readDoc(text).sentences().out() as string[];
}

export type Token = { value: string; lemma: string; pos: string; normal: string; isStopWord: boolean };

export function tokenize(text: string): Token[] {
  const { words } = nlp();
  const its = words.its;
  const tokens = words.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const lemmas = tokens.out(its.lemma as Parameters<typeof tokens.out>[0]) as string[];
  const pos = tokens.out(its.pos) as string[];
  const normals = tokens.out(its.normal) as string[];
  const stopWords = tokens.out(its.stopWordFlag) as unknown as boolean[];
  return values.map((value, i) => ({
    value,
    lemma: lemmas[i]!.toLowerCase(),
    pos: pos[i]!,
    normal: normals[i]!,
    isStopWord: stopWords[i]!,
  }));
}
