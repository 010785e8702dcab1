/**
 * Declared per-resource policies (after outline's server/policies): each
 * resource lists its actions and one rule per action. Anything not listed is
 * denied. Responses carry `actionsFor(viewer, record)` so the UI never guesses.
 */
import type { Viewer } from '../domain/visibility.js';
import { ServiceError } from '../services/errors.js';

export type Rule<R> = (viewer: Viewer | undefined, record: R) => boolean;

export interface Policy<R, A extends string> {
  readonly name: string;
  can(viewer: Viewer | undefined, action: A, record: R): boolean;
  actionsFor(viewer: Viewer | undefined, record: R): A[];
  /**
   * Throws 404 when the viewer may not even read the record (so its existence
   * does not leak), 403 when they may read it but not do `action`.
   */
  authorize(viewer: Viewer | undefined, action: A, record: R, what: string): void;
}

export function definePolicy<R, A extends string>(name: string, read: A, rules: Record<A, Rule<R>>): Policy<R, A> {
  const actions = Object.keys(rules) as A[];
  const can = (viewer: Viewer | undefined, action: A, record: R): boolean =>
    Object.hasOwn(rules, action) && rules[read](viewer, record) && rules[action](viewer, record);
  return {
    name,
    can,
    actionsFor: (viewer, record) => actions.filter((a) => can(viewer, a, record)),
    authorize(viewer, action, record, what) {
      if (!rules[read](viewer, record)) throw new ServiceError('not_found', `${what} not found`);
      if (!can(viewer, action, record)) {
        throw new ServiceError(viewer ? 'forbidden' : 'unauthorized', `${viewer ? 'you may not' : 'sign in to'} ${action.replace(/_/g, ' ')} ${what}`);
      }
    },
  };
}

export const isMediatorSide = (v: Viewer | undefined): boolean => v !== undefined && (v.orgKind === 'mediator' || v.orgKind === 'secretariat');
export const hasRole = (v: Viewer | undefined, ...roles: Viewer["roles"][number][]): boolean =>
  v !== undefined && roles.some((r) => v.roles.includes(r));
