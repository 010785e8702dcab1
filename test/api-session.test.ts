import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addUser, createWorkspace, registerOrganisation } from '../src/services/workspace.js';
import { openTestEnv, type TestEnv } from './support/server.js';

let env: TestEnv;
before(async () => {
  env = await openTestEnv();
  const s = env.services;
  await createWorkspace(s, { name: 'Test', origin: 'test.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
  await registerOrganisation(s, 'system', { id: 'PAK', kind: 'party', name: 'Pakistan' });
  await addUser(s, 'system', { id: 'pak-liaison', org: 'PAK', display_name: 'PAK liaison', roles: ['liaison'], password: 'correct horse battery' });
});
after(() => env.close());

test('health is public and reports the ledger size', async () => {
  const r = await env.app.inject({ method: 'GET', url: '/api/health' });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { status: 'ok', ledger_size: 4 });
});

test('sign in sets an httpOnly SameSite cookie; unsafe cookie requests need the CSRF token', async () => {
  const bad = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'pak-liaison', password: 'wrong password!' } });
  assert.equal(bad.statusCode, 401);
  assert.equal(bad.json().error.code, 'unauthorized');
  const r = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'pak-liaison', password: 'correct horse battery' } });
  assert.equal(r.statusCode, 200);
  const setCookie = String(r.headers['set-cookie']);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  const cookie = setCookie.split(';')[0]!;
  const me = await env.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  assert.equal(me.json().user.org, 'PAK');
  const noCsrf = await env.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie }, payload: { name: 'x' } });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'csrf');
  const tok = await env.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie, 'x-csrf-token': r.json().csrf_token }, payload: { name: 'x' } });
  assert.equal(tok.statusCode, 201);
  const bearer = await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${tok.json().token}` } });
  assert.equal(bearer.json().user.username, 'pak-liaison');
  const forged = await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer annex_nope' } });
  assert.equal(forged.statusCode, 401);
});

test('bad input is a 400 with the error shape, unknown routes a 404, OpenAPI is served', async () => {
  const r = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username: 5 } });
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error.code, 'bad_request');
  assert.doesNotMatch(r.body, /at .*\.ts/);
  const nf = await env.app.inject({ method: 'GET', url: '/api/nope' });
  assert.equal(nf.statusCode, 404);
  assert.equal(nf.json().error.code, 'not_found');
  const spec = await env.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(spec.statusCode, 200);
  assert.ok(spec.json().paths['/api/health']);
  const docs = await env.app.inject({ method: 'GET', url: '/docs' });
  assert.ok(docs.statusCode < 400);
});
