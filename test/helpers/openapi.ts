import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

export type Parameter = { name: string; in: 'query' | 'path'; required?: boolean; schema: Record<string, unknown> };
export type Operation = {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  security?: unknown[];
  hasBody: boolean;
  statuses: string[];
};

/** The committed document: what clients are promised, so what responses are checked against. */
export const spec = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[]; security?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

export const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    operationId: operation.operationId,
    parameters: operation.parameters ?? [],
    security: operation.security,
    hasBody: operation.requestBody !== undefined,
    statuses: Object.keys(operation.responses),
  })),
);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...spec, $id: 'openapi' });

const pointer = (...segments: string[]) =>
  segments.map((segment) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

const validators = new Map<string, ValidateFunction>();

/** The response schema one operation documents for a status, resolved against the whole document. */
export function responseValidator(operation: Pick<Operation, 'path' | 'method'>, status: number): ValidateFunction | null {
  const key = `${operation.method} ${operation.path} ${status}`;
  if (!validators.has(key)) {
    const response = spec.paths[operation.path]?.[operation.method.toLowerCase()]?.responses[String(status)] as
      | { content?: Record<string, { schema?: unknown }> }
      | undefined;
    // Answers are documented as JSON, errors as problem details.
    const mediaType = ['application/json', 'application/problem+json'].find((type) => response?.content?.[type]?.schema !== undefined);
    if (mediaType === undefined) return null;
    const ref = `openapi#/${pointer('paths', operation.path, operation.method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema')}`;
    validators.set(key, ajv.compile({ $ref: ref }));
  }
  return validators.get(key)!;
}

export const problemValidator = ajv.compile({ $ref: 'openapi#/components/schemas/Problem' });

export function describeErrors(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: '; ' });
}
