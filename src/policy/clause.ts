/**
 * The agreement register (clauses and their versions, the D-day) is public:
 * everyone reads it, as everyone reads the clauses in the workspace
 * configuration. Mediators' staff amend clauses and set the D-day.
 */
import type { Viewer } from '../domain/visibility.js';
import { isMediatorStaff } from './policy.js';

export function canManageAgreement(v: Viewer | undefined): v is Viewer {
  return isMediatorStaff(v);
}
