import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { PATTERN_MESSAGE } from './errors/validation-errors';

const shared: Options = {
  // Unknown fields are rejected by `additionalProperties: false`, never silently dropped.
  removeAdditional: false,
  // Report every bad field at once; the body limit bounds the cost.
  allErrors: true,
  useDefaults: true,
  // OpenAPI's singular `example` is documentation, not a validation keyword; PATTERN_MESSAGE
  // is read back from the failing schema, which `verbose` attaches to each error.
  keywords: ['example', PATTERN_MESSAGE],
  verbose: true,
};

/**
 * Query strings, path params and headers arrive as strings, so they are coerced to the declared
 * types; JSON bodies carry real types, so `"title": 123` is an error rather than "123".
 */
export function createValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const strict = withFormats(new Ajv({ ...shared, coerceTypes: false }));
  const coercing = withFormats(new Ajv({ ...shared, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    // A schema with an $id is compiled once per Ajv instance; reuse it for the next route.
    const id = (schema as { $id?: unknown }).$id;
    const existing = typeof id === 'string' ? ajv.getSchema(id) : undefined;
    return existing ?? ajv.compile(schema as object);
  };
}

function withFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  return ajv;
}
