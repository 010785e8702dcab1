/**
 * The shape of the demo's case history: each incident is a filing plus the
 * lifecycle steps taken on it, every one with the (UTC) time it happened and
 * the demo user who took it. The runner (src/demo/runner.ts) merges all of
 * them into one timeline and replays it through the services.
 */
import type { IncidentFiling } from '../services/incidents.js';
import type { StepAction, StepInput } from '../services/incident-steps.js';

/** A UTC time, 'YYYY-MM-DD HH:MM'. */
export type At = string;

export interface DemoStep {
  at: At;
  /** A demo user id (src/demo/orgs.ts). */
  by: string;
  action: StepAction;
  /** The step's body; in `duplicate_of`, '@key' names another demo incident. */
  input: StepInput;
}

export interface DemoIncident {
  /** Names the incident inside the demo data (its INC id is only known once filed). */
  key: string;
  filed: { at: At; by: string };
  filing: IncidentFiling;
  steps: DemoStep[];
}

export function parseAt(at: At): Date {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(at);
  if (!m) throw new Error(`demo data: bad time ${at} (want 'YYYY-MM-DD HH:MM', UTC)`);
  return new Date(`${m[1]}T${m[2]}:00.000Z`);
}

/** ACLED actor names used by several incidents. */
export const ACTORS = {
  pakForces: 'Military Forces of Pakistan (2024-)',
  pakGovernment: 'Government of Pakistan (2024-)',
  afgCivilians: 'Civilians (Afghanistan)',
  afgRefugees: 'Refugees/IDPs (Afghanistan)',
  ttp: 'TTP: Tehreek-i-Taliban Pakistan',
  bla: 'BLA: Balochistan Liberation Army',
  iskp: 'Islamic State Khorasan Province',
  gulBahadur: 'Hafiz Gul Bahadur Group',
} as const;
