/**
 * A pipeline thread: extracts the articles the extraction pool sends, with the compiled lexicon it is
 * sent first. The pipeline is pure, so a thread needs nothing but the article text.
 */
import { parentPort } from 'node:worker_threads';
import { loadLanguageModel } from '../pipeline/nlp.js';
import { runPipeline, type Lexicon } from '../pipeline/index.js';
import type { LexiconMessage } from './extraction-pool.js';
import { answerCalls } from './thread-calls.js';

// Now, while the main thread migrates and compiles the lexicon, rather than at the first article.
loadLanguageModel();

let lexicon: Lexicon | null = null;

parentPort!.on('message', (message: LexiconMessage | object) => {
  if ('lexicon' in message) lexicon = message.lexicon;
});
answerCalls(parentPort!, (text: string) => runPipeline({ text }, lexicon!));
