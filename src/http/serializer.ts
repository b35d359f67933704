import fastJsonStringify, { type Schema } from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { escapeNonAscii } from './ascii-json.js';

export const RESPONSE_SERIALIZERS = ['compiled', 'zod'] as const;
export type ResponseSerializer = (typeof RESPONSE_SERIALIZERS)[number];

/** The JSON Schema of what a zod schema outputs, as fast-json-stringify reads it. */
export function responseJsonSchema(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as Schema;
}

/**
 * Serialises responses with fast-json-stringify, compiled once per route and status from the route's
 * zod response schema. zod stays the one definition of every response (and of the OpenAPI document);
 * what changes is the work per response: zod's serializer parses the whole value against the schema
 * and then runs JSON.stringify, where the compiled function writes the declared properties straight
 * out, about four times faster on our pages (docs/performance.md). Like zod's, it writes only the
 * properties a schema declares, so unknown keys never leak; unlike zod's, it does not re-check ranges
 * and formats the read model's types already guarantee, and a missing required property still fails
 * the response.
 */
export const compiledSerializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  if (!(route.schema instanceof z.ZodType)) return zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  return fastJsonStringify(responseJsonSchema(route.schema));
};

/** The route serialiser for a setting; whichever writes the JSON, every answer leaves as ASCII (see escapeNonAscii). */
export function serializerCompilerFor(serializer: ResponseSerializer): FastifySerializerCompiler<z.ZodType> {
  const compile = serializer === 'compiled' ? compiledSerializerCompiler : (zodSerializerCompiler as FastifySerializerCompiler<z.ZodType>);
  return (route) => {
    const write = compile(route);
    return (data) => escapeNonAscii(write(data));
  };
}
