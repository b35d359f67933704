import { cleanArticle } from './src/pipeline/01-clean/index.js';
import { splitSentences } from './src/pipeline/02-sentences/index.js';
import { scoreClaims } from './src/pipeline/03-claims/index.js';
const time = (label: string, fn: () => unknown) => { const t = performance.now(); const r = fn(); console.log(label, (performance.now() - t).toFixed(0)); return r as any; };
for (const text of ['a'.repeat(20000), '"'.repeat(20000)]) {
  const clean = time('clean', () => cleanArticle(text));
  const sentences = time('sentences', () => splitSentences(clean.segments));
  time('claims', () => scoreClaims(sentences));
}
