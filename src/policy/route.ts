/**
 * Route-level policy: every route declares who may call it at all
 * (`config.policy`); the server refuses to start with a route that does not.
 * Finer, per-record rules live in the resource policies beside this file and
 * are applied by the services.
 */
import type { OrgKind, Role, Viewer } from '../domain/visibility.js';

export type RoutePolicy =
  | { access: 'public' }
  | { access: 'signed-in'; roles?: readonly Role[]; orgKinds?: readonly OrgKind[] };

export type RouteDecision = 'allow' | 'unauthenticated' | 'forbidden';

export function checkRoute(policy: RoutePolicy, viewer: Viewer | undefined): RouteDecision {
  if (policy.access === 'public') return 'allow';
  if (!viewer) return 'unauthenticated';
  if (policy.orgKinds && !policy.orgKinds.includes(viewer.orgKind)) return 'forbidden';
  if (policy.roles && !policy.roles.some((r) => viewer.roles.includes(r))) return 'forbidden';
  return 'allow';
}

export const PUBLIC: RoutePolicy = { access: 'public' };
export const SIGNED_IN: RoutePolicy = { access: 'signed-in' };
