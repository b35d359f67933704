import fastJsonStringify, { type Schema } from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

const NON_ASCII = /[\u0080-\uffff]/g;

const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The same JSON text with every character outside ASCII written as a `\u` escape (RFC 8259 §7), so
 * every answer is pure ASCII: it parses to exactly the same values, a surrogate pair becomes two
 * escapes, and U+2028/U+2029 cannot break a client that evaluates JSON as JavaScript.
 *
 * Why: a client turns the bytes into a string before parsing, and V8 (Node, browsers) decodes ASCII
 * on a fast path but falls back to a full UTF-8 decode, into a string twice the size, for the whole
 * body as soon as one byte is not ASCII; news text carries curly quotes and dashes in most answers.
 * The server pays the escape once per cached answer.
 */
export function escapeNonAscii(json: string): string {
  return json.replace(NON_ASCII, escape);
}

/** JSON.stringify, ASCII only: for the answers no route schema serialises. */
export function stringifyAscii(value: unknown): string {
  return escapeNonAscii(JSON.stringify(value));
}

/** The JSON Schema of what a zod schema outputs, as fast-json-stringify reads it. */
export function responseJsonSchema(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as Schema;
}

/**
 * Serialises responses with fast-json-stringify, compiled once per route and status from the route's
 * zod response schema, and leaves them as ASCII. zod stays the one definition of every response (and
 * of the OpenAPI document); the compiled function writes the declared properties straight out, where
 * zod's own serializer parses the whole value against the schema first. Like zod's, it writes only
 * the properties a schema declares, so unknown keys never leak; unlike zod's, it does not re-check
 * ranges and formats the read model's types already guarantee, and a missing required property still
 * fails the response.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  const write =
    route.schema instanceof z.ZodType
      ? fastJsonStringify(responseJsonSchema(route.schema))
      : zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  return (data) => escapeNonAscii(write(data));
};
