import { type Static, type TSchema, Type } from '@sinclair/typebox';

/**
 * A response field that may be null, as a JSON Schema type list (valid OpenAPI 3.1). A union
 * (`anyOf`) would make the response serializer run a validator on the value to pick the branch,
 * date-time regexes included: on a page of tasks that doubled the cost of serializing it.
 */
export function nullableResponse<T extends TSchema & { type: string }>(schema: T) {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}
