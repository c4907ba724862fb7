/**
 * Merges the services' OpenAPI documents into the one document a client of the gateway reads:
 * only the paths the route table sends to that service (no health probes, docs or dev routes),
 * security as the gateway's authorizer applies it, one `bearerAuth` scheme, and component names
 * prefixed with the service id wherever two services mean different things by one name.
 */
import { isDeepStrictEqual } from 'node:util';
import { routeForPath, type ServiceDefinition } from '@taskmgr/route-table';

export type JsonObject = { [key: string]: unknown };

export interface OpenApiTag {
  name: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths?: Record<string, JsonObject>;
  components?: Record<string, Record<string, unknown>>;
  tags?: OpenApiTag[];
  [extension: string]: unknown;
}

export interface ServiceDocument {
  service: Pick<ServiceDefinition, 'id' | 'name'>;
  document: OpenApiDocument;
}

export interface MergeOptions {
  title: string;
  version: string;
  description: string;
  /** Services whose document could not be fetched; named in the description. */
  unavailable?: string[];
}

export const BEARER_AUTH_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'Cognito access token from POST /auth/login',
} as const;

const OPERATION_KEYS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `#/components/<section>/<name>` → its new name, per section, for one service. */
type Renames = Map<string, Map<string, string>>;

function refKey(section: string, name: string): string {
  return `#/components/${section}/${name}`;
}

/**
 * Names that two services define differently are renamed `<service id>.<name>` in every
 * service that has them; a name defined identically everywhere stays as it is.
 */
function planRenames(sources: readonly ServiceDocument[]): Map<string, Renames> {
  const definitions = new Map<string, { serviceId: string; value: unknown }[]>();
  for (const { service, document } of sources) {
    for (const [section, entries] of Object.entries(document.components ?? {})) {
      if (section === 'securitySchemes' || !isObject(entries)) continue;
      for (const [name, value] of Object.entries(entries)) {
        const key = refKey(section, name);
        definitions.set(key, [...(definitions.get(key) ?? []), { serviceId: service.id, value }]);
      }
    }
  }
  const plans = new Map<string, Renames>(sources.map((s) => [s.service.id, new Map()]));
  for (const [key, defs] of definitions) {
    const first = defs[0];
    if (!first || defs.every((d) => isDeepStrictEqual(d.value, first.value))) continue;
    const [, section = '', name = ''] = key.slice(2).split('/');
    for (const { serviceId } of defs) {
      const renames = plans.get(serviceId);
      if (!renames) continue;
      const sectionRenames = renames.get(section) ?? new Map<string, string>();
      sectionRenames.set(name, `${serviceId}.${name}`);
      renames.set(section, sectionRenames);
    }
  }
  return plans;
}

/** A deep copy with every renamed `$ref` pointed at the new name. */
function rewriteRefs(value: unknown, renames: Renames): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  if (!isObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$ref' && typeof inner === 'string') {
      const [, section = '', name = ''] = inner.slice(2).split('/');
      const renamed = inner.startsWith('#/components/')
        ? renames.get(section)?.get(name)
        : undefined;
      result[key] = renamed ? refKey(section, renamed) : inner;
    } else {
      result[key] = rewriteRefs(inner, renames);
    }
  }
  return result;
}

/** The operation with its tags defaulted and its security set from the route table. */
function gatewayOperation(
  operation: JsonObject,
  access: 'public' | 'jwt',
  serviceName: string,
): JsonObject {
  const tags = Array.isArray(operation.tags) && operation.tags.length > 0 ? operation.tags : null;
  return {
    ...operation,
    tags: tags ?? [serviceName],
    security: access === 'public' ? [] : [{ bearerAuth: [] }],
  };
}

export function mergeOpenApi(
  sources: readonly ServiceDocument[],
  options: MergeOptions,
): OpenApiDocument {
  const plans = planRenames(sources);
  const paths: Record<string, JsonObject> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const usedTags = new Map<string, Set<string>>();
  const tagDefinitions = new Map<string, OpenApiTag>();

  for (const { service, document } of sources) {
    const renames = plans.get(service.id) ?? new Map();
    const serviceTags = new Set<string>();
    for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
      const route = routeForPath(path);
      if (route?.service !== service.id || !isObject(rawItem)) continue;
      const item = rewriteRefs(rawItem, renames) as JsonObject;
      for (const method of OPERATION_KEYS) {
        const operation = item[method];
        if (!isObject(operation)) continue;
        const merged = gatewayOperation(operation, route.access, service.name);
        item[method] = merged;
        for (const tag of merged.tags as unknown[])
          if (typeof tag === 'string') serviceTags.add(tag);
      }
      paths[path] = item;
    }
    usedTags.set(service.name, serviceTags);
    for (const tag of document.tags ?? []) {
      if (serviceTags.has(tag.name) && !tagDefinitions.has(tag.name)) {
        tagDefinitions.set(tag.name, tag);
      }
    }
    for (const tag of serviceTags) {
      if (!tagDefinitions.has(tag))
        tagDefinitions.set(tag, { name: tag, description: service.name });
    }
    for (const [section, entries] of Object.entries(document.components ?? {})) {
      if (section === 'securitySchemes' || !isObject(entries)) continue;
      const target = components[section] ?? {};
      for (const [name, value] of Object.entries(entries)) {
        target[renames.get(section)?.get(name) ?? name] = rewriteRefs(value, renames);
      }
      components[section] = target;
    }
  }

  const unavailable = options.unavailable ?? [];
  const description =
    unavailable.length === 0
      ? options.description
      : `${options.description}\n\nNot included (not reachable when this document was built; reload to retry): ${unavailable.join(', ')}.`;

  return {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version, description },
    servers: [{ url: '/', description: 'this gateway' }],
    tags: [...tagDefinitions.values()],
    // Redoc and other viewers group the tags by service with this extension.
    'x-tagGroups': [...usedTags]
      .filter(([, tags]) => tags.size > 0)
      .map(([name, tags]) => ({ name, tags: [...tags] })),
    paths,
    components: { ...components, securitySchemes: { bearerAuth: BEARER_AUTH_SCHEME } },
  };
}
