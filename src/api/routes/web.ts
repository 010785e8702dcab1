/**
 * The web UI (web/, built by `npm run build:web` into dist/web/), served at /
 * by the same process and port as the API. Static files from the build;
 * every other GET outside /api, /log, /docs and /openapi.json gets index.html
 * (the single-page app routes on the client). PUBLIC: the files are the same
 * for everyone; what a viewer may see is decided by the API they call.
 * Without a build, / says how to make one instead of failing.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PUBLIC } from '../../policy/route.js';
import { errorBody } from '../errors.js';

/** dist/web/ of the project: this file is src/api/routes/web.ts (tsx) or dist/api/routes/web.js (built), both three levels down. */
export function defaultWebDir(): string {
  return fileURLToPath(new URL('../../../dist/web/', import.meta.url));
}

/** Paths that belong to the API, the log, the API docs: never answered with the app. */
const NOT_THE_APP = /^\/(api|log|docs)(\/|$)|^\/openapi\.json$/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The app needs nothing from elsewhere: scripts, styles and API calls are
 * same-origin; images may be blob:/data: (evidence previews). React sets
 * style attributes through the DOM, which style-src does not govern.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
  + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Annex</title></head>
<body><h1>Annex</h1>
<p>The web UI has not been built. Run <code>npm run build</code> (or <code>npm run build:web</code>) in the project
directory, then reload this page. The API is running: see <a href="/docs">/docs</a>.</p>
</body></html>
`;

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split('/').some((seg) => seg === '..')) return undefined;
  const path = resolve(root, `.${decoded}`);
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const st = await stat(path).catch(() => undefined);
  return st?.isFile() ? path : undefined;
}

function sendFile(reply: FastifyReply, path: string, immutable: boolean): FastifyReply {
  reply
    .type(TYPES[extname(path)] ?? 'application/octet-stream')
    .header('x-content-type-options', 'nosniff')
    // Vite names built assets by content hash, so they never change; index.html must be re-read.
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (extname(path) === '.html') reply.header('content-security-policy', CSP).header('referrer-policy', 'no-referrer');
  return reply.send(createReadStream(path));
}

export function webRoutes(app: FastifyInstance, dir: string = defaultWebDir()): void {
  const root = resolve(dir);
  const index = join(root, 'index.html');

  const serve = async (urlPath: string, reply: FastifyReply, method: string) => {
    if (NOT_THE_APP.test(urlPath)) return reply.status(404).send(errorBody('not_found', `no route ${method} ${urlPath}`));
    const file = urlPath === '/' ? undefined : await fileAt(root, urlPath);
    if (file) return sendFile(reply, file, urlPath.startsWith('/assets/'));
    // A missing asset is a 404, not the app: a stale page asking for an old bundle must not get HTML as script.
    if (urlPath.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(urlPath)) {
      return reply.status(404).send(errorBody('not_found', `no file ${urlPath}`));
    }
    if (!(await stat(index).catch(() => undefined))?.isFile()) {
      return reply.status(503).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT);
    }
    return sendFile(reply, index, false);
  };

  const opts = { config: { policy: PUBLIC }, schema: { hide: true } };
  app.get('/', opts, (req, reply) => serve('/', reply, req.method));
  app.get('/*', opts, (req, reply) => serve(req.url.split('?')[0]!, reply, req.method));
}
