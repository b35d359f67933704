import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * wink-nlp instances, loaded once per process (loading the model is the expensive part), each running
 * only the annotations its callers read: sentence splitting needs sentence boundaries, word reading
 * needs part-of-speech tags (lemmas depend on them). Named entities, negation and sentiment would
 * cost most of the time and nothing here reads them.
 */
export const sentenceNlp = winkNLP(model, ['sbd']);
const wordNlp = winkNLP(model, ['pos']);
const its = wordNlp.its;

export type Token = { value: string; lemma: string; pos: string; normal: string; isStopWord: boolean };

export function tokenize(text: string): Token[] {
  const tokens = wordNlp.readDoc(text).tokens();
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
