import type { FastifySchemaValidationError } from 'fastify';

export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

export interface FieldError {
  /** Dotted path of the offending property, e.g. `notificationPreferences.sms` or `tags[0]`. */
  field: string;
  in: RequestPart;
  message: string;
}

/**
 * A schema's own wording for a failed `pattern`, e.g. `{ pattern: E164, [PATTERN_MESSAGE]: 'must
 * be in E.164 format' }`: users never see the regular expression. An `x-` key, so the OpenAPI
 * documents stay valid.
 */
export const PATTERN_MESSAGE = 'x-pattern-message';

/** Used as the field when the whole part is wrong, e.g. a JSON array where an object belongs. */
export const ROOT_FIELD = '(root)';

/**
 * Turns Ajv errors into one entry per offending field. Ajv reports unknown and missing
 * properties on the parent object, so the property name is appended here; union branches are
 * folded into their `anyOf` error so a bad enum-like value yields one readable message.
 */
export function toFieldErrors(
  errors: readonly FastifySchemaValidationError[],
  part: RequestPart,
): FieldError[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const result: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (unions.some((u) => error.schemaPath.startsWith(`${u.schemaPath}/`))) continue;
    const field = fieldOf(error);
    const message = messageOf(error, errors);
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ field, in: part, message });
  }
  return result;
}

function fieldOf(error: FastifySchemaValidationError): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const child =
    stringParam(error, 'missingProperty') ??
    stringParam(error, 'additionalProperty') ??
    stringParam(error, 'unevaluatedProperty') ??
    (error.keyword === 'propertyNames' ? stringParam(error, 'propertyName') : undefined);
  if (child !== undefined) segments.push(child);
  if (segments.length === 0) return ROOT_FIELD;
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
    '',
  );
}

function messageOf(
  error: FastifySchemaValidationError,
  all: readonly FastifySchemaValidationError[],
): string {
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return 'is required';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not an allowed property';
    case 'enum': {
      const allowed = error.params.allowedValues;
      return Array.isArray(allowed) ? `must be one of: ${allowed.join(', ')}` : messageText(error);
    }
    case 'pattern': {
      const wording = (error as { parentSchema?: Record<string, unknown> }).parentSchema?.[
        PATTERN_MESSAGE
      ];
      return typeof wording === 'string' ? wording : messageText(error);
    }
    case 'anyOf':
    case 'oneOf': {
      // A TypeBox union of literals: list the literals instead of "must match a schema in anyOf".
      const branches = all.filter((e) => e.schemaPath.startsWith(`${error.schemaPath}/`));
      const constants = branches.filter((e) => e.keyword === 'const');
      if (constants.length > 0 && constants.length === branches.length) {
        return `must be one of: ${constants.map((e) => String(e.params.allowedValue)).join(', ')}`;
      }
      return messageText(error);
    }
    default:
      return messageText(error);
  }
}

function messageText(error: FastifySchemaValidationError): string {
  return error.message ?? `failed the ${error.keyword} check`;
}

function stringParam(error: FastifySchemaValidationError, name: string): string | undefined {
  const value = error.params[name];
  return typeof value === 'string' ? value : undefined;
}
