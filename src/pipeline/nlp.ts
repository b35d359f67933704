import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One wink-nlp instance for the process: loading the model is the expensive part. */
export const nlp = winkNLP(model);
export const its = nlp.its;

export type Token = { value: string; lemma: string; pos: string; normal: string; isStopWord: boolean };

export function tokenize(text: string): Token[] {
  const tokens = nlp.readDoc(text).tokens();
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
