import { type ServiceId, serviceIds, services } from '@taskmgr/route-table';
import { DOCS_PREFIX } from '@taskmgr/service-kit';
import type { FastifyBaseLogger } from 'fastify';
import { mergeOpenApi, type OpenApiDocument, type ServiceDocument } from './merge-openapi';

export interface MergedDocsOptions {
  upstreams: Record<ServiceId, string>;
  version: string;
  log: FastifyBaseLogger;
  /** How long a merged document is served before the services are asked again. */
  maxAgeMs?: number;
  fetchTimeoutMs?: number;
}

const DESCRIPTION =
  'The public API of the task-management platform, as served through the gateway (API Gateway in AWS). ' +
  'Routes under /auth are public; every other route needs `Authorization: Bearer <access token>` from POST /auth/login.';

function isOpenApiDocument(value: unknown): value is OpenApiDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    'openapi' in value &&
    typeof value.openapi === 'string' &&
    'info' in value
  );
}

/**
 * The three services' documents merged into one, built on first request and rebuilt once it is
 * older than `maxAgeMs`: a service started (or changed) after the gateway shows up on the next
 * load without restarting anything. Concurrent requests share one rebuild.
 */
export class MergedDocs {
  private cached: { document: OpenApiDocument; builtAt: number } | undefined;
  private building: Promise<OpenApiDocument> | undefined;
  private readonly maxAgeMs: number;
  private readonly fetchTimeoutMs: number;

  constructor(private readonly options: MergedDocsOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 5_000;
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 3_000;
  }

  async current(): Promise<OpenApiDocument> {
    if (this.cached && Date.now() - this.cached.builtAt < this.maxAgeMs) {
      return this.cached.document;
    }
    this.building ??= this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  /** The last document built, for the synchronous hook of the docs UI. */
  latest(): OpenApiDocument | undefined {
    return this.cached?.document;
  }

  private async build(): Promise<OpenApiDocument> {
    const results = await Promise.all(serviceIds.map((id) => this.fetchDocument(id)));
    const sources: ServiceDocument[] = [];
    const unavailable: string[] = [];
    results.forEach((document, index) => {
      const id = serviceIds[index];
      if (id === undefined) return;
      if (document) sources.push({ service: services[id], document });
      else unavailable.push(services[id].name);
    });
    const document = mergeOpenApi(sources, {
      title: 'Task management API',
      version: this.options.version,
      description: DESCRIPTION,
      unavailable,
    });
    this.cached = { document, builtAt: Date.now() };
    return document;
  }

  private async fetchDocument(id: ServiceId): Promise<OpenApiDocument | undefined> {
    const url = `${this.options.upstreams[id]}${DOCS_PREFIX}/json`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.fetchTimeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body: unknown = await response.json();
      if (!isOpenApiDocument(body)) throw new Error('not an OpenAPI document');
      return body;
    } catch (error) {
      this.options.log.warn(
        { service: services[id].name, url, reason: error instanceof Error ? error.message : error },
        'could not fetch the OpenAPI document; the merged docs leave this service out',
      );
      return undefined;
    }
  }
}
