import { z } from 'zod';
import { cursorParam } from './common.js';

/**
 * A filter a form submits: its "all" option sends the parameter empty (`?topic=`), which means no
 * filter rather than an invalid value.
 */
function formFilter<Value extends z.ZodTypeAny>(value: Value) {
  return z.preprocess((input) => (input === '' ? undefined : input), value.optional());
}

// Strict like the API's queries: a misspelt parameter is a 400 naming it, never silently ignored.
export const ReaderFactsQuery = z.strictObject({
  topic: formFilter(z.string().min(1).max(100)).describe('Only facts about this topic slug'),
  speaker: formFilter(z.string().min(1).max(200)).describe('Only facts a claim by this speaker supports (case-insensitive)'),
  cursor: cursorParam(z.tuple([z.number().int(), z.string()])),
});

export const ReaderSourcesQuery = z.strictObject({
  cursor: cursorParam(z.tuple([z.number().int()])),
});
