/**
 * A pipeline thread: extracts articles sent by the extraction pool with the lexicon it was started
 * with. The pipeline is pure, so a thread needs nothing but the article text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadLexicon } from '../lexicon.js';
import { runPipeline } from '../pipeline/index.js';
import type { ExtractionReply, ExtractionTask } from './extraction-pool.js';

const { lexicon } = loadLexicon((workerData as { lexiconDir: string }).lexiconDir);

parentPort!.on('message', ({ id, text }: ExtractionTask) => {
  let reply: ExtractionReply;
  try {
    reply = { id, processed: runPipeline({ text }, lexicon) };
  } catch (error) {
    reply = { id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
