/**
 * ETag and If-Match for optimistic concurrency: the entity tag is the task's Version, strong and
 * quoted. If-Match takes one tag; W/ is tolerated because proxies weaken tags when they compress.
 */
import { validationProblem } from './problems';

const IF_MATCH = /^(?:W\/)?"(\d{1,15})"$/;

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version the client expects, undefined without If-Match; a malformed header is a 400. */
export function expectedVersionFrom(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? IF_MATCH.exec(header.trim()) : null;
  if (!match?.[1]) {
    throw validationProblem([
      {
        field: 'If-Match',
        in: 'headers',
        message: 'must be one entity tag from this API, e.g. "3" (or W/"3")',
      },
    ]);
  }
  return Number(match[1]);
}
