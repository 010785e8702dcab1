/**
 * Who takes part in the demo workspace: the organisations of the 2025
 * Doha/Istanbul process (two parties, two mediators, the secretariat) plus a
 * monitoring team and an observer group, and one demo user per role. Users
 * are roles, not real people: display names say what the account is for.
 */
import type { OrgSpec } from '../services/workspace.js';
import type { Role } from '../domain/visibility.js';

export const DEMO_WORKSPACE = {
  name: 'Afghanistan–Pakistan ceasefire (demo)',
  // A C2SP key name: no spaces or '+'.
  origin: 'annex.demo/afpak-ceasefire',
} as const;

/** The first organisation: it creates the workspace (genesis entry). */
export const SECRETARIAT: OrgSpec = { id: 'SEC', kind: 'secretariat', name: 'Joint Secretariat (Istanbul)' };

export const ORGANISATIONS: readonly OrgSpec[] = [
  { id: 'AFG', kind: 'party', name: 'Afghanistan' },
  { id: 'PAK', kind: 'party', name: 'Pakistan' },
  { id: 'TUR', kind: 'mediator', name: 'Türkiye' },
  { id: 'QAT', kind: 'mediator', name: 'Qatar' },
  { id: 'JMT', kind: 'monitor', name: 'Joint Monitoring Team' },
  { id: 'OBS', kind: 'observer', name: 'Accredited observers' },
];

export interface DemoUser {
  /** Also the username. */
  id: string;
  org: string;
  display_name: string;
  roles: Role[];
}

/** One account per organisation and role; kept few because each password is hashed with argon2id. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'sec.admin', org: 'SEC', display_name: 'Secretariat registrar', roles: ['secretariat', 'admin'] },
  { id: 'sec.analyst', org: 'SEC', display_name: 'Secretariat analyst', roles: ['analyst'] },
  { id: 'afg.liaison', org: 'AFG', display_name: 'Afghan liaison cell', roles: ['liaison'] },
  { id: 'pak.liaison', org: 'PAK', display_name: 'Pakistani liaison cell', roles: ['liaison'] },
  { id: 'tur.mediator', org: 'TUR', display_name: 'Turkish mediation team', roles: ['mediator'] },
  { id: 'qat.mediator', org: 'QAT', display_name: 'Qatari mediation team', roles: ['mediator'] },
  { id: 'jmt.monitor', org: 'JMT', display_name: 'Field monitor, Joint Monitoring Team', roles: ['monitor'] },
  { id: 'obs.observer', org: 'OBS', display_name: 'Observer', roles: ['observer'] },
];
