/**
 * Declared per-resource policies (after outline's server/policies): each
 * resource lists its actions and one rule per action saying *who* may take
 * it; an optional `when` says whether the record's state allows it now.
 * Anything not listed is denied. Responses carry `actionsFor(viewer, record)`
 * (who and when both hold) so the UI never guesses.
 */
import type { Viewer } from '../domain/visibility.js';
import { ServiceError } from '../services/errors.js';

export type Rule<R> = (viewer: Viewer | undefined, record: R) => boolean;
export type When<R, A extends string> = (action: A, record: R, viewer: Viewer | undefined) => boolean;

export interface Policy<R, A extends string> {
  readonly name: string;
  readonly actions: readonly A[];
  /** Who: may the viewer read the record and take `action` on it (state aside)? */
  can(viewer: Viewer | undefined, action: A, record: R): boolean;
  /** The actions (other than reading) the viewer may take on the record now (who and when). */
  actionsFor(viewer: Viewer | undefined, record: R): A[];
  /**
   * Throws 404 when the viewer may not even read the record (so its existence
   * does not leak), 401/403 when they may read it but not take `action`.
   * The state check (409) is the caller's, with the domain's reason.
   */
  authorize(viewer: Viewer | undefined, action: A, record: R, what: string): void;
}

export function definePolicy<R, A extends string>(
  name: string,
  read: A,
  rules: Record<A, Rule<R>>,
  when: When<R, A> = () => true,
): Policy<R, A> {
  const actions = Object.keys(rules) as A[];
  const can = (viewer: Viewer | undefined, action: A, record: R): boolean =>
    Object.hasOwn(rules, action) && rules[read](viewer, record) && rules[action](viewer, record);
  return {
    name,
    actions,
    can,
    // Reading is implied by being shown the record; the list names what the viewer can *do*.
    actionsFor: (viewer, record) => actions.filter((a) => a !== read && can(viewer, a, record) && when(a, record, viewer)),
    authorize(viewer, action, record, what) {
      if (!rules[read](viewer, record)) throw new ServiceError('not_found', `${what} not found`);
      if (!can(viewer, action, record)) {
        throw new ServiceError(viewer ? 'forbidden' : 'unauthorized', `${viewer ? 'you may not' : 'sign in to'} ${action.replace(/_/g, ' ')} ${what}`);
      }
    },
  };
}

export const isMediatorSide = (v: Viewer | undefined): boolean => v !== undefined && (v.orgKind === 'mediator' || v.orgKind === 'secretariat');
export const hasRole = (v: Viewer | undefined, ...roles: Viewer['roles'][number][]): boolean =>
  v !== undefined && roles.some((r) => v.roles.includes(r));
/** Mediators' and secretariat staff who run the mechanism (not their analysts or observers). */
export const isMediatorStaff = (v: Viewer | undefined): boolean => isMediatorSide(v) && hasRole(v, 'mediator', 'secretariat');
