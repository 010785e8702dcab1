/**
 * Sign-in, sessions and API tokens. Passwords: argon2id (@node-rs/argon2,
 * its defaults: m=19456 KiB, t=2, p=1 — the OWASP minimum). Session ids and
 * tokens are 32 random bytes; only their SHA-256 is stored, so a database
 * dump does not hand out sessions.
 */
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { toBase64, toHex, utf8 } from '../ledger/bytes.js';
import { ORG_KINDS, ROLES, type OrgKind, type Role, type Viewer } from '../domain/visibility.js';
import * as accounts from '../store/repositories/accounts.js';
import type { Services } from './context.js';
import { ServiceError } from './errors.js';
import { TtlCache } from './ttl-cache.js';

export const SESSION_HOURS = 12;
export const MIN_PASSWORD_LENGTH = 10;
// A fixed argon2id hash to verify against when the user does not exist, so
// timing does not reveal which usernames exist.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9s0rlI9d3uM0B1bzW0D4mEGgbi6vBqg7ClzJQWnBBk8';

function urlSafe(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function secretHash(s: Services, secret: string): string {
  return toHex(s.crypto.sha256(utf8(secret)));
}

export function toViewer(u: accounts.UserWithOrg): Viewer {
  const roles = (Array.isArray(u.roles) ? u.roles : []).filter((r): r is Role => (ROLES as readonly string[]).includes(r as string));
  if (!(ORG_KINDS as readonly string[]).includes(u.org_kind)) throw new Error(`organisation ${u.org} has unknown kind ${u.org_kind}`);
  return { userId: u.id, username: u.username, org: u.org, orgKind: u.org_kind as OrgKind, roles };
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ServiceError('bad_request', `password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return argonHash(password);
}

export async function setPassword(s: Services, userId: string, password: string): Promise<void> {
  await accounts.setPasswordHash(s.db, userId, await hashPassword(password));
}

export interface NewSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  viewer: Viewer;
}

export async function signIn(s: Services, username: string, password: string): Promise<NewSession> {
  const user = await accounts.findUserByUsername(s.db, username);
  const stored = user ? await accounts.passwordHashOf(s.db, user.id) : undefined;
  const ok = await argonVerify(stored ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !stored || !ok || !user.active) throw new ServiceError('unauthorized', 'wrong username or password');
  const now = s.clock();
  const sessionId = urlSafe(s.crypto.randomBytes(32));
  const csrfToken = urlSafe(s.crypto.randomBytes(32));
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await accounts.insertSession(s.db, {
    id_hash: secretHash(s, sessionId), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt,
  });
  return { sessionId, csrfToken, expiresAt, viewer: toViewer(user) };
}

export async function signOut(s: Services, sessionId: string): Promise<void> {
  const key = secretHash(s, sessionId);
  callers(s).delete(`s:${key}`);
  await accounts.deleteSession(s.db, key);
}

/** Who is behind a session or token, by its hash, for a few seconds (see TtlCache). */
type Caller = { viewer: Viewer; csrfToken: string } | undefined;
const CALLER_TTL_MS = 5_000;
const cachesByDb = new WeakMap<object, TtlCache<Caller>>();
function callers(s: Services): TtlCache<Caller> {
  let c = cachesByDb.get(s.db);
  if (!c) cachesByDb.set(s.db, (c = new TtlCache<Caller>(CALLER_TTL_MS)));
  return c;
}

/** Forget every cached caller (after a change to users or tokens). */
export function forgetCallers(s: Services): void {
  callers(s).clear();
}

/** The viewer behind a session cookie, with the session's CSRF token; undefined if none or expired. */
export async function viewerForSession(s: Services, sessionId: string): Promise<{ viewer: Viewer; csrfToken: string } | undefined> {
  const key = `s:${secretHash(s, sessionId)}`;
  const cached = callers(s).get(key);
  if (cached) return cached;
  const session = await accounts.findSession(s.db, key.slice(2), s.clock().toISOString());
  if (!session) return undefined;
  const user = await accounts.findUserById(s.db, session.user_id);
  if (!user || !user.active) return undefined;
  const found = { viewer: toViewer(user), csrfToken: session.csrf_token };
  // Never cached past the session's own expiry.
  if (Date.parse(session.expires_at) - s.clock().getTime() > CALLER_TTL_MS) callers(s).set(key, found);
  return found;
}

/** Bearer tokens look like `annex_<id>_<secret>`. */
export async function createApiToken(s: Services, viewer: Viewer, name: string): Promise<{ id: string; token: string }> {
  const id = urlSafe(s.crypto.randomBytes(9));
  const secret = urlSafe(s.crypto.randomBytes(32));
  await accounts.insertApiToken(s.db, { id, user_id: viewer.userId, name, token_hash: secretHash(s, secret), created_at: s.clock().toISOString() });
  return { id, token: `annex_${id}_${secret}` };
}

export async function revokeApiToken(s: Services, viewer: Viewer, id: string): Promise<void> {
  if (!(await accounts.revokeApiToken(s.db, id, viewer.userId, s.clock().toISOString()))) throw new ServiceError('not_found', 'token not found');
  forgetCallers(s);
}

export async function viewerForToken(s: Services, token: string): Promise<Viewer | undefined> {
  const m = /^annex_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const key = `t:${secretHash(s, m[2]!)}`;
  const cached = callers(s).get(key);
  if (cached && cached.csrfToken === m[1]) return cached.viewer;
  const row = await accounts.findApiToken(s.db, key.slice(2));
  if (!row || row.id !== m[1]) return undefined;
  const user = await accounts.findUserById(s.db, row.user_id);
  if (!user || !user.active) return undefined;
  // Tokens need no CSRF token; the slot holds the token id, checked above.
  callers(s).set(key, { viewer: toViewer(user), csrfToken: row.id });
  return toViewer(user);
}
