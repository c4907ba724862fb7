/**
 * The web app's API types, generated from the merged document with openapi-typescript. The
 * output is committed (web/src/api/schema.d.ts) so the web app builds without the services;
 * a unit test fails when it no longer matches what the services describe.
 */
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildMergedDocument } from './merged-document';

export const WEB_SCHEMA_PATH = join(
  __dirname,
  '..',
  '..',
  '..',
  'web',
  'src',
  'api',
  'schema.d.ts',
);

const HEADER = [
  "// Generated from the gateway's merged OpenAPI document by `npm run api:generate`.",
  "// Do not edit: change the services' route schemas and generate again.",
  '',
].join('\n');

export async function generateWebSchema(): Promise<string> {
  const document = await buildMergedDocument();
  // A plain JSON copy: openapi-typescript reads the object and must not see TypeBox's symbols.
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), {
    alphabetize: true,
  });
  return `${HEADER}${astToString(ast)}`;
}
