#!/usr/bin/env node
// Serves the static export (out/) the way S3 + CloudFront would: files only, a directory's
// index.html, the 404 page for anything else. PORT and HOSTNAME as `next dev` takes them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No static export in ${root}: run \`npm run build\` in web/ first.`);
  process.exit(1);
}

const app = Fastify({ logger: false });
await app.register(fastifyStatic, {
  root,
  redirect: true,
  // Set below instead: the plugin's own header would override ours.
  cacheControl: false,
  setHeaders(res, path) {
    // Hashed bundles never change; pages must be revalidated to pick up a new build.
    const immutable = path.includes(`${join('_next', 'static')}`);
    res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  },
});
const notFound = readFileSync(join(root, '404.html'));
app.setNotFoundHandler((_request, reply) => reply.code(404).type('text/html').send(notFound));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOSTNAME ?? '127.0.0.1';
await app.listen({ port, host });
console.log(`web app (static export) on http://${host}:${port}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
