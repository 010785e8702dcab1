/**
 * src/api/routes/web.ts on its own (no browser): the built files, the
 * single-page fallback, what is never answered with the app, path
 * traversal, and a missing build.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Fastify from 'fastify';
import { webRoutes } from '../src/api/routes/web.js';

const dir = mkdtempSync(join(tmpdir(), 'annex-web-route-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function appFor(root: string) {
  const app = Fastify();
  webRoutes(app, root);
  await app.ready();
  return app;
}

test('serves the build: index.html for app paths, hashed assets for a year, 404 for the rest', async () => {
  const root = join(dir, 'built');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Annex</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the web root');
  const app = await appFor(root);

  for (const url of ['/', '/incidents', '/incidents/INC-2025-0001?x=1', '/keys']) {
    const r = await app.inject({ url });
    assert.equal(r.statusCode, 200, url);
    assert.match(r.headers['content-type'] as string, /^text\/html/);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.match(r.headers['content-security-policy'] as string, /default-src 'self'/);
    assert.equal(r.body, '<!doctype html><title>Annex</title>');
  }
  const js = await app.inject({ url: '/assets/index-abc.js' });
  assert.equal(js.statusCode, 200);
  assert.match(js.headers['content-type'] as string, /^text\/javascript/);
  assert.match(js.headers['cache-control'] as string, /immutable/);

  for (const url of ['/assets/gone.js', '/favicon.ico', '/api/nothing', '/log/nothing', '/docs/nothing', '/openapi.json',
    '/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
    const r = await app.inject({ url });
    assert.equal(r.statusCode, 404, url);
    assert.equal(JSON.parse(r.body).error.code, 'not_found', url);
  }
  await app.close();
});

test('without a build, / says how to make one', async () => {
  const app = await appFor(join(dir, 'not-built'));
  const r = await app.inject({ url: '/' });
  assert.equal(r.statusCode, 503);
  assert.match(r.body, /npm run build/);
  const deep = await app.inject({ url: '/incidents' });
  assert.equal(deep.statusCode, 503);
  await app.close();
});
