/**
 * Every migration, in order. Names sort lexically; never rename or edit one
 * that has shipped — add a new one.
 */
import type { Migration } from 'kysely';
import * as initial from './001-initial.js';

export const migrations: Record<string, Migration> = {
  '001-initial': initial,
};
